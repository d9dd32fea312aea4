/**
 * Finding a child (工作台查找): by name from its beginning, by ID number (made the linkage key by
 * the department that is asked, never sent on), by school, grade and class, by community — each
 * through the owner's field, within the caller's scope, in pages that neither repeat nor skip.
 */
import { codeOf, gql, ok, type Account } from '../support/client';

interface Child { id: string; name: string | null; enrollment: { school: { code: string; name: string }; grade: number; className: string } | null }
interface Page { totalCount: number; nodes: Child[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
const CHILD = 'id name enrollment { school { code name } grade className }';
const STUDENTS = `query($filter: StudentFilter, $first: Int, $after: String) { students(filter: $filter, first: $first, after: $after) { totalCount nodes { ${CHILD} } pageInfo { hasNextPage endCursor } } }`;
const RESIDENTS = `query($name: String, $idNumber: String, $first: Int, $after: String) { residents(name: $name, idNumber: $idNumber, first: $first, after: $after) { totalCount nodes { id community { code name subdistrict { code } } } pageInfo { hasNextPage endCursor } } }`;

const students = async (filter: Record<string, unknown>, as: Account = 'edu-admin', first = 50, after?: string | null) =>
  (await ok<{ students: Page }>(STUDENTS, { filter, first, after }, { as })).students;

/** Every page of a search, in order. */
async function allPages(filter: Record<string, unknown>, as: Account, first: number): Promise<Child[]> {
  const out: Child[] = [];
  let after: string | null = null;
  do {
    const page = await students(filter, as, first, after);
    out.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return out;
}

let sample: Child & { idNumber: string };
let surname: string;

beforeAll(async () => {
  const { students: page } = await ok<{ students: { nodes: (Child & { idNumber: string })[] } }>(
    `{ students(filter: { enrollmentStatus: ENROLLED }, first: 200) { nodes { ${CHILD} idNumber } } }`,
  );
  // the most common surname among the first 200: a search with many answers
  const counts = new Map<string, number>();
  for (const n of page.nodes) counts.set([...n.name!][0], (counts.get([...n.name!][0]) ?? 0) + 1);
  surname = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  // from the end of the list: other suites change the first pupils' classes meanwhile
  sample = [...page.nodes].reverse().find((n) => n.name!.startsWith(surname))!;
});

describe('search by name', () => {
  it('matches the beginning of the name, in name order, and counts what it matches', async () => {
    const page = await students({ name: surname });
    expect(page.nodes.length).toBeGreaterThan(1);
    for (const n of page.nodes) expect(n.name!.startsWith(surname)).toBe(true);
    const names = page.nodes.map((n) => n.name!);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(page.totalCount).toBeGreaterThanOrEqual(page.nodes.length);
  });

  it('finds a child by a longer part of the name, the whole name and the name with spaces around it', async () => {
    const two = [...sample.name!].slice(0, 2).join('');
    const byTwo = await allPages({ name: two }, 'edu-admin', 500);
    expect(byTwo.map((n) => n.id)).toContain(sample.id);
    for (const n of byTwo) expect(n.name!.startsWith(two)).toBe(true);
    const whole = await allPages({ name: ` ${sample.name} ` }, 'edu-admin', 500);
    expect(whole.map((n) => n.id)).toContain(sample.id);
    for (const n of whole) expect(n.name!.startsWith(sample.name!)).toBe(true);
  });

  it('pages through every match once: pages of 3 are the one page of 500', async () => {
    // a name with more than 3 matches and at most 500: the surname, or the start of one of its names
    const { students: many } = await ok<{ students: { nodes: { name: string }[] } }>('query($f: StudentFilter) { students(filter: $f, first: 500) { nodes { name } } }', { f: { name: surname } });
    let name: string | undefined;
    for (const candidate of [...new Set([surname, ...many.nodes.flatMap((n) => [[...n.name].slice(0, 2).join(''), n.name])])].slice(0, 40)) {
      const { totalCount } = await students({ name: candidate }, 'edu-admin', 0);
      if (totalCount > 3 && totalCount <= 500) {
        name = candidate;
        break;
      }
    }
    expect(name).toBeDefined();
    const page = await students({ name: name! }, 'edu-admin', 500);
    const paged = (await allPages({ name: name! }, 'edu-admin', 3)).map((n) => n.id);
    expect(paged).toEqual(page.nodes.map((n) => n.id));
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged.length).toBe(page.totalCount);
  });

  it('never matches the middle of a name, and a name nobody has finds nothing', async () => {
    const middle = [...sample.name!].slice(1).join('');
    for (const n of (await students({ name: middle })).nodes) expect(n.name!.startsWith(middle)).toBe(true);
    expect((await students({ name: '不存在的名字' })).totalCount).toBe(0);
  });

  it('combines with school, grade and class', async () => {
    // where the pupil is now (another suite may have moved them since)
    const { student } = await ok<{ student: Child }>(`query($id: ID!) { student(id: $id) { ${CHILD} } }`, { id: sample.id });
    const e = student.enrollment!;
    // every page (an imported class may hold many pupils of one surname)
    const found = await allPages({ name: surname, schoolCode: e.school.code, grade: e.grade, className: e.className }, 'edu-admin', 500);
    expect(found.map((n) => n.id)).toContain(sample.id);
    for (const n of found) expect(n.enrollment).toMatchObject({ school: { code: e.school.code }, grade: e.grade, className: e.className });
  });

  it('refuses an empty name, wildcard characters and a cursor of another list, naming the argument', async () => {
    expect(codeOf(await gql(STUDENTS, { filter: { name: '  ' } }))).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.name' });
    expect(codeOf(await gql(STUDENTS, { filter: { name: '%' } }))).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.name' });
    const byKey = await students({}, 'edu-admin', 2);
    expect(codeOf(await gql(STUDENTS, { filter: { name: surname }, after: byKey.pageInfo.endCursor }))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('search by ID number', () => {
  it('finds exactly that child; the number becomes the linkage key where it is asked', async () => {
    const page = await students({ idNumber: sample.idNumber });
    expect(page.nodes.map((n) => n.id)).toEqual([sample.id]);
  });

  it('refuses a number that is not a resident ID, naming the field, and says nothing about anyone', async () => {
    const bad = sample.idNumber.slice(0, 17) + (sample.idNumber.endsWith('1') ? '2' : '1');
    const r = await gql(STUDENTS, { filter: { idNumber: bad } });
    expect(codeOf(r)).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.idNumber' });
    expect(JSON.stringify(r)).not.toContain(sample.idNumber.slice(6, 14));
  });
});

describe('search within the caller\'s scope', () => {
  it('school staff find only pupils of their own school, by name and by ID number', async () => {
    const mine = await students({ name: surname }, 'school-staff', 500);
    const { students: own } = await ok<{ students: { nodes: Child[] } }>(`{ students(first: 1) { nodes { ${CHILD} } } }`, {}, { as: 'school-staff' });
    const school = own.nodes[0].enrollment!.school.code;
    for (const n of mine.nodes) expect(n.enrollment!.school.code).toBe(school);
    const elsewhere = (await students({ name: surname }, 'edu-admin', 500)).nodes.find((n) => n.enrollment?.school.code !== school)!;
    expect(mine.nodes.map((n) => n.id)).not.toContain(elsewhere.id);
    // by ID number: a pupil of another school is not found, one of their own is
    const { student } = await ok<{ student: { idNumber: string } }>('query($id: ID!) { student(id: $id) { idNumber } }', { id: elsewhere.id });
    expect((await students({ idNumber: student.idNumber }, 'school-staff')).totalCount).toBe(0);
    const { student: ownPupil } = await ok<{ student: { idNumber: string } }>('query($id: ID!) { student(id: $id) { idNumber } }', { id: own.nodes[0].id });
    expect((await students({ idNumber: ownPupil.idNumber }, 'school-staff')).nodes.map((n) => n.id)).toEqual([own.nodes[0].id]);
  });

  it('community staff search where children live, by name and by ID number, and see only their own area', async () => {
    const { residents: all } = await ok<{ residents: { nodes: { id: string; name: string | null; community: { code: string } }[] } }>(
      '{ residents(first: 50) { nodes { id name community { code } } } }', {}, { as: 'grid-worker' },
    );
    const child = all.nodes.find((n) => n.name)!;
    const first = [...child.name!][0];
    const { residents: found } = await ok<{ residents: Page & { nodes: { id: string; community: { code: string } }[] } }>(RESIDENTS, { name: first, first: 200 }, { as: 'grid-worker' });
    expect(found.nodes.map((n) => n.id)).toContain(child.id);
    for (const n of found.nodes) expect(n.community.code).toBe(child.community.code);
    // the district's search finds more of that surname than one community holds
    const district = await students({ name: first }, 'edu-admin', 500);
    expect(district.totalCount).toBeGreaterThan(found.totalCount);
    // by ID number: the child's own number (education sees it) finds it; one from elsewhere finds nothing
    const { student } = await ok<{ student: { idNumber: string } }>('query($id: ID!) { student(id: $id) { idNumber } }', { id: child.id });
    const byNumber = await ok<{ residents: Page }>(RESIDENTS, { idNumber: student.idNumber }, { as: 'grid-worker' });
    expect(byNumber.residents.nodes.map((n) => n.id)).toEqual([child.id]);
    const outside = district.nodes.find((n) => !found.nodes.some((f) => f.id === n.id))!;
    const { student: other } = await ok<{ student: { idNumber: string } }>('query($id: ID!) { student(id: $id) { idNumber } }', { id: outside.id });
    expect((await ok<{ residents: Page }>(RESIDENTS, { idNumber: other.idNumber }, { as: 'grid-worker' })).residents.totalCount).toBe(0);
  });

  it('pages of a name search where children live neither repeat nor skip', async () => {
    const { residents: all } = await ok<{ residents: { nodes: { name: string | null }[] } }>('{ residents(first: 20) { nodes { name } } }', {}, { as: 'community' });
    const first = [...all.nodes.find((n) => n.name)!.name!][0];
    const whole = (await ok<{ residents: Page }>(RESIDENTS, { name: first, first: 500 }, { as: 'community' })).residents.nodes.map((n) => n.id);
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: Page = (await ok<{ residents: Page }>(RESIDENTS, { name: first, first: 2, after }, { as: 'community' })).residents;
      paged.push(...page.nodes.map((n) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(whole);
  });
});
