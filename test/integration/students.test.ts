import { DEMO_SCOPES } from '@kongchuo/shared/identity';
import { gql, ok, codeOf } from '../support/client';

interface Page {
  students: {
    totalCount: number;
    nodes: { id: string; name: string; idNumber: string; enrollment: { status: string; grade: number; school: { code: string; name: string } } | null }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const STUDENTS = `query Students($filter: StudentFilter, $first: Int, $after: String) {
  students(filter: $filter, first: $first, after: $after) {
    totalCount
    nodes { id name idNumber enrollment { status grade school { code name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('Query.students and Query.student', () => {
  it('filters by enrollmentStatus: the 16 still out', async () => {
    const { students } = await ok<Page>(STUDENTS, { filter: { enrollmentStatus: 'DROPPED_OUT' }, first: 50 });
    expect(students.totalCount).toBe(16);
    expect(students.nodes).toHaveLength(16);
    expect(students.nodes.every((s) => s.enrollment?.status === 'DROPPED_OUT')).toBe(true);
    expect(students.pageInfo.hasNextPage).toBe(false);
  });

  it('pages with opaque cursors without repeats or gaps', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 4; i++) {
      const { students }: Page = await ok<Page>(STUDENTS, { filter: { enrollmentStatus: 'DROPPED_OUT' }, first: 5, after });
      seen.push(...students.nodes.map((n) => n.id));
      after = students.pageInfo.endCursor;
      if (!students.pageInfo.hasNextPage) break;
    }
    expect(new Set(seen).size).toBe(16);
    expect(seen).toHaveLength(16);
  });

  it('refuses a forged cursor and an oversize page with BAD_USER_INPUT naming the argument', async () => {
    expect(codeOf(await gql(STUDENTS, { after: 'bm90LW91cnM', first: 5 }))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(codeOf(await gql(STUDENTS, { first: 100000 }))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('gets one child by linkage key', async () => {
    const { students } = await ok<Page>(STUDENTS, { filter: { enrollmentStatus: 'DROPPED_OUT' }, first: 1 });
    const { student } = await ok<{ student: { id: string; name: string } }>('query($id: ID!) { student(id: $id) { id name } }', { id: students.nodes[0].id });
    expect(student).toEqual({ id: students.nodes[0].id, name: students.nodes[0].name });
    const missing = await ok<{ student: null }>('query($id: ID!) { student(id: $id) { id } }', { id: 'no-such-child' });
    expect(missing.student).toBeNull();
  });

  it('school staff see their own school only, and totalCount says so', async () => {
    const all = await ok<Page>(STUDENTS, { first: 1 });
    const mine = await ok<Page>(STUDENTS, { first: 200 }, { as: 'school-staff' });
    expect(mine.students.totalCount).toBeGreaterThan(0);
    expect(mine.students.totalCount).toBeLessThan(all.students.totalCount);
    expect(mine.students.nodes.every((s) => s.enrollment?.school.code === DEMO_SCOPES.school)).toBe(true);
    const bySchool = await ok<Page>(STUDENTS, { filter: { schoolCode: DEMO_SCOPES.school }, first: 1 });
    expect(mine.students.totalCount).toBe(bySchool.students.totalCount);
  });

  it('shows full ID numbers to education and public security, masked to others', async () => {
    const full = await ok<Page>(STUDENTS, { filter: { enrollmentStatus: 'DROPPED_OUT' }, first: 1 });
    expect(full.students.nodes[0].idNumber).toMatch(/^\d{17}[\dX]$/);
    const police = await ok<Page>(STUDENTS, { filter: { enrollmentStatus: 'DROPPED_OUT' }, first: 1 }, { as: 'police' });
    expect(police.students.nodes[0].idNumber).toBe(full.students.nodes[0].idNumber);
    const community = await ok<Page>(STUDENTS, { filter: { enrollmentStatus: 'DROPPED_OUT' }, first: 1 }, { as: 'civil-affairs' });
    expect(community.students.nodes[0].idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(community.students.nodes[0].idNumber.slice(-4)).toBe(full.students.nodes[0].idNumber.slice(-4));
  });
});
