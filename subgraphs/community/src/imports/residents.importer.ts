/**
 * 社区居民名单导入: one row per resident, with the head's ID number naming the household (a
 * household first seen is created in the given community and grid). A resident on record the
 * same way is unchanged; one on record differently (moved, renamed) is refused for that row.
 * Staff of a subdistrict or community import residents of their own area only: a row for a
 * community outside it is refused (`outsideScope`, whoever the resident is); a row for their area
 * whose resident is registered outside it is refused without saying where or how
 * (`recordedOutsideScope`); and a resident joins the head's household only where the head lives in
 * the row's own community — otherwise a household of the head's in that community (a head
 * registered elsewhere is neither revealed nor written to).
 */
import type { EntityManager } from '@mikro-orm/core';
import { insertInChunks } from '@kongchuo/shared/core';
import { linkageKeyOfValid } from '@kongchuo/shared/domain';
import { type Identity } from '@kongchuo/shared/identity';
import { CellReader, outsideScope, recordedOutsideScope, stableUuid, yesNo, type ImportProblem, type Importer } from '@kongchuo/shared/imports';
import { Community, GridArea, Resident, ResidentHousehold } from '../entities';

export interface ResidentRow {
  id: string; idNumber: string; name: string; relation: string; headId: string; communityCode: string; gridCode: string; address: string; carer: string; parentsWorkingAway: boolean;
}

const COL = { id: '身份证号', name: '姓名', relation: '与户主关系', head: '户主身份证号', community: '社区代码', grid: '网格代码', address: '居住地址', carer: '日常照料人', away: '父母均外出务工' } as const;

/** Whether a community code lies in the caller's area, by the code alone (a community's code begins with its subdistrict's). */
const inAreaByCode = ({ scope: { kind, code } }: Identity, communityCode: string) =>
  kind === 'district' || ((kind === 'subdistrict' || kind === 'community') && communityCode.startsWith(code));

/** Whether a community on record lies in the caller's area (as the community service's other writes decide). */
const inArea = ({ scope: { kind, code } }: Identity, community: { code: string; subdistrict: { code: string } }) =>
  kind === 'district' || (kind === 'subdistrict' && community.subdistrict.code === code) || (kind === 'community' && community.code === code);

const HOUSEHOLD = 'resident-household';
/** a head's household in one community, first created by an import */
const householdId = (r: ResidentRow) => stableUuid(HOUSEHOLD, r.headId, r.communityCode);
/** the id imports gave such a household before the community was part of it */
const earlierHouseholdId = (r: ResidentRow) => stableUuid(HOUSEHOLD, r.headId);

export const residentsImporter: Importer<ResidentRow> = {
  kind: 'residents',
  label: '社区居民名单',
  mutation: 'importResidents',
  query: 'residentImport',
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
    if (!inAreaByCode(ctx.identity, communityCode)) row.problem(COL.community, outsideScope(ctx.identity.scope));
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
  async check(rows, ctx, em) {
    const problems: ImportProblem[] = [];
    const unchanged = new Set<number>();
    const outside = outsideScope(ctx.identity.scope);
    const grids = new Set((await em.find(GridArea, { code: { $in: [...new Set(rows.map((r) => r.value.gridCode))] } }, { fields: ['code'] })).map((g) => g.code));
    const communities = new Map((await em.find(Community, { code: { $in: [...new Set(rows.map((r) => r.value.communityCode))] } }, { fields: ['code', 'subdistrict'] })).map((x) => [x.code, x]));
    const residents = new Map((await em.find(Resident, { id: { $in: rows.map((r) => r.value.id) } }, { populate: ['household.community'] })).map((x) => [x.id, x]));
    for (const { row, value: v } of rows) {
      // checked again with the committing caller's identity (staging checked it with each chunk's)
      if (!inAreaByCode(ctx.identity, v.communityCode)) {
        problems.push({ row, column: COL.community, message: outside });
        continue;
      }
      const community = communities.get(v.communityCode);
      if (!community) {
        problems.push({ row, column: COL.community, message: `没有社区 ${v.communityCode}` });
        continue;
      }
      if (!inArea(ctx.identity, community)) {
        problems.push({ row, column: COL.community, message: outside });
        continue;
      }
      if (!grids.has(v.gridCode)) {
        problems.push({ row, column: COL.grid, message: `没有网格 ${v.gridCode}` });
        continue;
      }
      const r = residents.get(v.id);
      if (!r) continue;
      const h = r.household.getEntity();
      if (!inArea(ctx.identity, h.community.getEntity())) {
        // registered in another community: nothing about that record (where, name, address)
        problems.push({ row, column: COL.id, message: recordedOutsideScope(ctx.identity.scope) });
        continue;
      }
      const differs = [r.name !== v.name && COL.name, h.community.code !== v.communityCode && COL.community, h.address !== v.address && COL.address].filter(Boolean) as string[];
      if (!differs.length) unchanged.add(row);
      else problems.push({ row, column: differs[0], message: `该居民已登记，且${differs.join('、')}不同；搬迁请先办理迁出` });
    }
    return { problems, unchanged };
  },
  async apply(rows, _ctx, em: EntityManager) {
    // each row's household, in the row's own community (checked to be the caller's): the head's,
    // if the head lives there; else the one an import made for the head there; else a new one
    const heads = await em.find(Resident, { id: { $in: [...new Set(rows.map((r) => r.headId))] } }, { populate: ['household'] });
    const homeOf = new Map(heads.map((x) => { const h = x.household.getEntity(); return [x.id, { id: h.id, community: h.community.code }]; }));
    const made = new Map((await em.find(ResidentHousehold, { id: { $in: [...new Set(rows.flatMap((r) => [householdId(r), earlierHouseholdId(r)]))] } }, { fields: ['id', 'community'] }))
      .map((h) => [h.id, h.community.code]));
    const householdOf = new Map<string, string>();
    const create: ResidentRow[] = [];
    const where = (r: ResidentRow) => `${r.headId}\u0000${r.communityCode}`;
    for (const r of rows) {
      if (householdOf.has(where(r))) continue;
      const home = homeOf.get(r.headId);
      let id = home?.community === r.communityCode ? home.id
        : made.get(earlierHouseholdId(r)) === r.communityCode ? earlierHouseholdId(r)
          : made.get(householdId(r)) === r.communityCode ? householdId(r) : undefined;
      if (!id) {
        id = householdId(r);
        create.push(r);
      }
      householdOf.set(where(r), id);
    }
    await insertInChunks(em, ResidentHousehold, create.map((r) => ({
      id: householdOf.get(where(r))!, community: r.communityCode as never, grid: r.gridCode as never, address: r.address,
      parentsWorkingAway: r.parentsWorkingAway, carer: r.carer, notes: null, version: 1,
    })));
    await insertInChunks(em, Resident, rows.map((r) => ({ id: r.id, residentId: r.idNumber, name: r.name, household: householdOf.get(where(r)) as never, relation: r.relation })));
  },
};

export const importers = [residentsImporter];
