/**
 * The overview's figures, counted by their owners (not in a browser from a page of records):
 * education's dropouts by school, reason and month of return and the years that have data; the
 * joint meeting's tasks by department and status, and who does each kind of task.
 */
import { codeOf, gql, ok } from '../support/client';

const FIGURES = 'query($year: Int!) { dropoutFigures(year: $year) { found stillOut bySchool { school { code name } count } byReason { reason count } returnsByMonth { month count } } }';
interface Figures { found: number; stillOut: number; bySchool: { school: { code: string; name: string }; count: number }[]; byReason: { reason: string; count: number }[]; returnsByMonth: { month: string; count: number }[] }
const sum = (xs: { count: number }[]) => xs.reduce((a, x) => a + x.count, 0);

describe('dropout figures', () => {
  it('count every case of the year: 2018 has the seed\'s 75 by school, and its returns by month', async () => {
    const { dropoutFigures: f, districtOverview: o } = await ok<{ dropoutFigures: Figures; districtOverview: { dropoutsFound: number; returned: number } }>(
      `query($year: Int!) { dropoutFigures(year: $year) { found stillOut bySchool { school { code name } count } byReason { reason count } returnsByMonth { month count } } districtOverview(year: $year) { dropoutsFound returned } }`, { year: 2018 }, { as: 'joint-meeting' });
    expect(f.found).toBe(o.dropoutsFound);
    expect(sum(f.bySchool)).toBe(f.found);
    expect(f.bySchool.map((s) => s.count)).toEqual([...f.bySchool.map((s) => s.count)].sort((a, b) => b - a));
    expect(sum(f.byReason)).toBeGreaterThanOrEqual(f.found);
    expect(sum(f.returnsByMonth)).toBe(o.returned);
    expect(f.returnsByMonth.map((m) => m.month)).toEqual([...f.returnsByMonth.map((m) => m.month)].sort());
  });

  it('gives school staff their own school\'s only, and staff of an area none (as for the case files)', async () => {
    const { students } = await ok<{ students: { nodes: { enrollment: { school: { code: string } } }[] } }>('{ students(first: 1) { nodes { enrollment { school { code } } } } }', {}, { as: 'school-staff' });
    const own = students.nodes[0].enrollment.school.code;
    const { dropoutFigures: f } = await ok<{ dropoutFigures: Figures }>(FIGURES, { year: 2018 }, { as: 'school-staff' });
    expect(f.bySchool.every((s) => s.school.code === own)).toBe(true);
    expect(codeOf(await gql(FIGURES, { year: 2018 }, { as: 'community' })).code).toBe('FORBIDDEN');
    expect(codeOf(await gql(FIGURES, { year: 1900 }, { as: 'joint-meeting' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  it('lists the years that have data, newest first, 2018 among them', async () => {
    const { overviewYears } = await ok<{ overviewYears: number[] }>('{ overviewYears }', {}, { as: 'police' });
    expect(overviewYears).toContain(2018);
    expect(overviewYears).toEqual([...overviewYears].sort((a, b) => b - a));
  });
});

describe('task figures and rules', () => {
  it('count every task by department and status, as the task list has them', async () => {
    const { taskCounts, tasks } = await ok<{ taskCounts: { department: string; status: string; count: number }[]; tasks: { assignedDepartment: string; status: string }[] }>(
      '{ taskCounts { department status count } tasks { assignedDepartment status } }', {}, { as: 'joint-meeting' });
    const fromList = new Map<string, number>();
    for (const t of tasks) fromList.set(`${t.assignedDepartment}/${t.status}`, (fromList.get(`${t.assignedDepartment}/${t.status}`) ?? 0) + 1);
    // other suites add tasks meanwhile: the counts are at least the list's, never fewer
    for (const [key, n] of fromList) expect(taskCounts.find((c) => `${c.department}/${c.status}` === key)?.count ?? 0).toBeGreaterThanOrEqual(n);
    expect(codeOf(await gql('{ taskCounts { count } }', {}, { as: 'police' })).code).toBe('FORBIDDEN');
  });

  it('say who does each kind of task and with what evidence', async () => {
    const { taskRules } = await ok<{ taskRules: { type: string; departments: string[]; evidence: string }[] }>('{ taskRules { type departments evidence } }', {}, { as: 'grid-worker' });
    expect(Object.fromEntries(taskRules.map((r) => [r.type, [r.departments, r.evidence]]))).toEqual({
      HOME_VISIT: [['community', 'education'], 'HOME_VISIT'], LOCATE_FAMILY: [['public_security'], 'LOCATE_REPORT'], AID: [['civil_affairs'], 'AID_GRANT'],
      LEGAL_NOTICE: [['public_security'], 'LEGAL_NOTICE'], RE_ENROLMENT: [['education'], 'RE_ENROLMENT'], LETTER_TO_ORIGIN: [['education'], 'LETTER'],
    });
  });
});
