/**
 * 社区居民名单导入: one row per resident, with the head's ID number naming the household (a
 * household first seen is created in the given community and grid). A resident on record the
 * same way is unchanged; one on record differently (moved, renamed) is refused for that row.
 * Staff of a subdistrict or community import residents of their own area only.
 */
import { CellReader, householdsByHead, insertInChunks, linkageKeyOfValid, yesNo, type ImportProblem, type Importer } from '@kongchuo/shared';
import { Community, GridArea, Resident, ResidentHousehold } from '../entities';

export interface ResidentRow {
  id: string; idNumber: string; name: string; relation: string; headId: string; communityCode: string; gridCode: string; address: string; carer: string; parentsWorkingAway: boolean;
}

const COL = { id: '身份证号', name: '姓名', relation: '与户主关系', head: '户主身份证号', community: '社区代码', grid: '网格代码', address: '居住地址', carer: '日常照料人', away: '父母均外出务工' } as const;

export const residentsImporter: Importer<ResidentRow> = {
  kind: 'residents',
  label: '社区居民名单',
  mutation: 'importResidents',
  query: 'residentImport',
  departments: ['community'],
  columns: [
    { name: COL.id, required: true }, { name: COL.name, required: true }, { name: COL.relation, required: true }, { name: COL.head, required: true },
    { name: COL.community, required: true }, { name: COL.grid, required: true }, { name: COL.address, required: true }, { name: COL.carer, required: false }, { name: COL.away, required: false },
  ],
  parse(c, ctx) {
    const row = new CellReader(c);
    const id = row.residentId(COL.id);
    const head = row.residentId(COL.head);
    const name = row.text(COL.name, 50);
    const relation = row.text(COL.relation, 20);
    const communityCode = row.matching(COL.community, /^\d{12}$/, '应为 12 位社区代码');
    const gridCode = row.get(COL.grid);
    if (!/^\d{14}$/.test(gridCode) || !gridCode.startsWith(communityCode)) row.problem(COL.grid, '应为该社区的 14 位网格代码');
    const { kind, code } = ctx.identity.scope;
    if ((kind === 'subdistrict' || kind === 'community') && !communityCode.startsWith(code)) row.problem(COL.community, '不在您的辖区');
    const address = row.text(COL.address, 200);
    const carer = row.text(COL.carer, 50, '父母');
    const away = yesNo(row.get(COL.away));
    if (away === undefined) row.problem(COL.away, '应为“是”或“否”');
    if (!id || !head || row.problems.length) return { problems: row.problems, key: id?.idNumber };
    return {
      key: id.idNumber, problems: row.problems,
      value: {
        id: linkageKeyOfValid(id.idNumber, ctx.linkageSecret), idNumber: id.idNumber, name, relation, headId: linkageKeyOfValid(head.idNumber, ctx.linkageSecret),
        communityCode, gridCode, address, carer, parentsWorkingAway: away!,
      },
    };
  },
  async check(rows, _ctx, em) {
    const problems: ImportProblem[] = [];
    const unchanged = new Set<number>();
    const grids = new Set((await em.find(GridArea, { code: { $in: [...new Set(rows.map((r) => r.value.gridCode))] } }, { fields: ['code'] })).map((g) => g.code));
    const communities = new Set((await em.find(Community, { code: { $in: [...new Set(rows.map((r) => r.value.communityCode))] } }, { fields: ['code'] })).map((x) => x.code));
    const residents = new Map((await em.find(Resident, { id: { $in: rows.map((r) => r.value.id) } }, { populate: ['household'] })).map((x) => [x.id, x]));
    for (const { row, value: v } of rows) {
      if (!communities.has(v.communityCode)) {
        problems.push({ row, column: COL.community, message: `没有社区 ${v.communityCode}` });
        continue;
      }
      if (!grids.has(v.gridCode)) {
        problems.push({ row, column: COL.grid, message: `没有网格 ${v.gridCode}` });
        continue;
      }
      const r = residents.get(v.id);
      if (!r) continue;
      const h = r.household.getEntity();
      const differs = [r.name !== v.name && COL.name, h.community.code !== v.communityCode && COL.community, h.address !== v.address && COL.address].filter(Boolean) as string[];
      if (!differs.length) unchanged.add(row);
      else problems.push({ row, column: differs[0], message: `该居民已登记，且${differs.join('、')}不同；搬迁请先办理迁出` });
    }
    return { problems, unchanged };
  },
  async apply(rows, _ctx, em) {
    const heads = await em.find(Resident, { id: { $in: [...new Set(rows.map((r) => r.headId))] } });
    const { householdOf, create } = householdsByHead(rows, new Map(heads.map((x) => [x.id, x.household.id])), 'resident-household');
    const known = new Set((await em.find(ResidentHousehold, { id: { $in: create.map((r) => householdOf.get(r.headId)!) } }, { fields: ['id'] })).map((h) => h.id));
    await insertInChunks(em, ResidentHousehold, create.filter((r) => !known.has(householdOf.get(r.headId)!)).map((r) => ({
      id: householdOf.get(r.headId)!, community: r.communityCode as never, grid: r.gridCode as never, address: r.address,
      parentsWorkingAway: r.parentsWorkingAway, carer: r.carer, notes: null, version: 1,
    })));
    await insertInChunks(em, Resident, rows.map((r) => ({ id: r.id, residentId: r.idNumber, name: r.name, household: householdOf.get(r.headId) as never, relation: r.relation })));
  },
};

export const importers = [residentsImporter];
