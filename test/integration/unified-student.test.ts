import { STILL_OUT_REGIONS } from '@kongchuo/demo';
import { ok } from '../support/client';

interface Child {
  id: string;
  name: string;
  idNumber: string;
  enrollment: { status: string; school: { name: string } } | null;
  hukou: { regionCode: string; regionName: string; isLocal: boolean } | null;
  isMigrant: boolean | null;
  guardians: { name: string; relation: string }[] | null;
  poverty: { registered: boolean; regionName: string | null; aids: { programme: string }[] } | null;
  isLeftBehind: boolean | null;
  community: { name: string; subdistrict: { name: string } } | null;
  homeVisits: { date: string; outcome: string }[] | null;
  dropoutCase: { discoveredOn: string } | null;
}

const FIELDS = `id name idNumber enrollment { status school { name } } hukou { regionCode regionName isLocal } isMigrant
  guardians { name relation } poverty { registered regionName aids { programme } } isLeftBehind
  community { name subdistrict { name } } homeVisits { date outcome } dropoutCase { discoveredOn }`;

describe('one unified student across four departments', () => {
  let stillOut: Child[];
  beforeAll(async () => {
    stillOut = (await ok<{ students: { nodes: Child[] } }>(`{ students(filter: { enrollmentStatus: DROPPED_OUT }, first: 50) { nodes { ${FIELDS} } } }`)).students.nodes;
  });

  it('student(id) brings education, public security, civil affairs and community fields together', async () => {
    const { student } = await ok<{ student: Child }>(`query($id: ID!) { student(id: $id) { ${FIELDS} } }`, { id: stillOut[0].id });
    expect(student.enrollment?.status).toBe('DROPPED_OUT'); // education
    expect(student.hukou?.regionCode).toMatch(/^\d{6}$/); // public security
    expect(typeof student.isMigrant).toBe('boolean');
    expect(student.guardians?.length).toBeGreaterThanOrEqual(2);
    expect(student.poverty).toEqual(expect.objectContaining({ registered: expect.any(Boolean) })); // civil affairs
    expect(student.community?.name).toEqual(expect.any(String)); // community
    expect(student.homeVisits?.length).toBeGreaterThan(0);
  });

  it('the 16 still out carry the hukou regions of the 2018 summary, one from a registered-poor household of 忻城县', () => {
    expect(stillOut).toHaveLength(16);
    expect(stillOut.map((c) => c.hukou!.regionCode).sort()).toEqual([...STILL_OUT_REGIONS].sort());
    const poor = stillOut.filter((c) => c.poverty!.registered);
    expect(poor.map((c) => [c.hukou!.regionName, c.poverty!.regionName])).toEqual([['忻城县', '忻城县']]);
    expect(stillOut.filter((c) => c.hukou!.isLocal)).toHaveLength(4);
    // every case has a community and home visits
    expect(stillOut.every((c) => c.community && c.homeVisits!.length > 0)).toBe(true);
  });

  it('old ID numbers keep the retired 柳江县 code while the hukou is 柳江区 now', () => {
    const liujiang = stillOut.filter((c) => c.hukou!.regionCode === '450206');
    expect(liujiang).toHaveLength(3);
    for (const c of liujiang) expect(c.idNumber.slice(0, 6)).toBe('450221');
  });

  it('more than 80% of the 75 children found in May 2018 are migrant children; none of Liunan is registered poor', async () => {
    const { dropoutCases } = await ok<{ dropoutCases: { totalCount: number; nodes: { student: { isMigrant: boolean; hukou: { isLocal: boolean }; poverty: { registered: boolean } } }[] } }>(
      '{ dropoutCases(filter: { discoveredIn: 2018 }, first: 100) { totalCount nodes { student { isMigrant hukou { isLocal } poverty { registered } } } } }',
    );
    expect(dropoutCases.totalCount).toBe(75);
    const migrants = dropoutCases.nodes.filter((n) => n.student.isMigrant).length;
    expect(migrants / 75).toBeGreaterThan(0.8);
    expect(dropoutCases.nodes.filter((n) => n.student.hukou.isLocal && n.student.poverty.registered)).toHaveLength(0);
  });

  it('counts a migrant child by the national definition: 户籍 elsewhere in the province\'s countryside or in another province — with or without a residence permit — and not the city\'s urban districts', async () => {
    type Row = { isMigrant: boolean | null; hukou: { regionCode: string; isLocal: boolean; areaType: string | null } | null; residencePermit: { issuedOn: string } | null };
    const { students } = await ok<{ students: { nodes: Row[] } }>('{ students(filter: { schoolCode: "2145020405" }, first: 500) { nodes { isMigrant hukou { regionCode isLocal areaType } residencePermit { issuedOn } } } }', {}, { as: 'joint-meeting' });
    // pupils other suites enrol have no police record: they are not part of this reading
    const rows = students.nodes.filter((r): r is Row & { hukou: NonNullable<Row["hukou"]> } => r.hukou !== null);
    const cityUrban = rows.filter((r) => !r.hukou.isLocal && r.hukou.regionCode.slice(0, 2) === '45' && r.hukou.areaType === 'URBAN');
    const ruralElsewhere = rows.filter((r) => !r.hukou.isLocal && r.hukou.areaType === 'RURAL');
    const otherProvince = rows.filter((r) => r.hukou.regionCode.slice(0, 2) !== '45');
    expect(cityUrban.length).toBeGreaterThan(0);
    expect(cityUrban.every((r) => r.isMigrant === false)).toBe(true);
    expect(ruralElsewhere.every((r) => r.isMigrant === true)).toBe(true);
    expect(otherProvince.every((r) => r.isMigrant === true)).toBe(true);
    expect(ruralElsewhere.some((r) => r.residencePermit === null)).toBe(true); // no permit, still a migrant family
    expect(rows.filter((r) => r.hukou.isLocal).every((r) => r.isMigrant === false)).toBe(true);
  });
});
