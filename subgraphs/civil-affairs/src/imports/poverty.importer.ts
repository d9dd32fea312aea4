/**
 * 建档立卡贫困户名单导入: one row per household member, with the head's ID number naming the
 * household (a household first seen in a file is created, with an id derived from its head). A
 * member already on record the same way is unchanged; one on record differently is refused for
 * that row (status changes such as 脱贫 go through the registry).
 */
import { insertInChunks } from '@kongchuo/shared/core';
import { linkageKeyOfValid } from '@kongchuo/shared/domain';
import { CellReader, householdsByHead, type ImportProblem, type Importer } from '@kongchuo/shared/imports';
import { PoorHousehold, PoorHouseholdMember, PovertyStatus } from '../entities';

export interface PovertyRow {
  id: string; idNumber: string; name: string; relation: string; headId: string; headName: string; regionCode: string; registeredYear: number; status: PovertyStatus;
}

const COL = { id: '身份证号', name: '姓名', relation: '与户主关系', head: '户主身份证号', headName: '户主姓名', region: '户籍地区划代码', year: '建档立卡年份', status: '状态' } as const;
const STATUS: Record<string, PovertyStatus> = { '': PovertyStatus.REGISTERED, 未脱贫: PovertyStatus.REGISTERED, 建档立卡: PovertyStatus.REGISTERED, 监测户: PovertyStatus.MONITORED, 已脱贫: PovertyStatus.LIFTED };

export const povertyImporter: Importer<PovertyRow> = {
  kind: 'poverty',
  label: '建档立卡贫困户名单',
  mutation: 'importPoverty',
  query: 'povertyImport',
  columns: [
    { name: COL.id, required: true }, { name: COL.name, required: true }, { name: COL.relation, required: true }, { name: COL.head, required: true },
    { name: COL.headName, required: true }, { name: COL.region, required: true }, { name: COL.year, required: true }, { name: COL.status, required: false },
  ],
  parse(c, ctx) {
    const row = new CellReader(c);
    const id = row.residentId(COL.id);
    const head = row.residentId(COL.head);
    const name = row.text(COL.name, 50);
    const relation = row.text(COL.relation, 20);
    const headName = row.text(COL.headName, 50);
    const regionCode = row.region(COL.region);
    const year = Number(row.get(COL.year));
    if (!Number.isInteger(year) || year < 2013 || year > Number(ctx.today().slice(0, 4))) row.problem(COL.year, '应为 2013 年至今的年份');
    const status = STATUS[row.get(COL.status)];
    if (!status) row.problem(COL.status, '应为“未脱贫”“监测户”或“已脱贫”');
    if (!id || !head || row.problems.length) return { problems: row.problems, key: id?.idNumber };
    return {
      key: id.idNumber, problems: row.problems,
      value: {
        id: linkageKeyOfValid(id.idNumber, ctx.linkageSecret), idNumber: id.idNumber, name, relation,
        headId: linkageKeyOfValid(head.idNumber, ctx.linkageSecret), headName, regionCode, registeredYear: year, status,
      },
    };
  },
  async check(rows, _ctx, em) {
    const problems: ImportProblem[] = [];
    const unchanged = new Set<number>();
    const members = new Map((await em.find(PoorHouseholdMember, { id: { $in: rows.map((r) => r.value.id) } }, { populate: ['household'] })).map((m) => [m.id, m]));
    for (const { row, value: v } of rows) {
      const m = members.get(v.id);
      if (!m) continue;
      const h = m.household.getEntity();
      const differs = [m.name !== v.name && COL.name, m.relation !== v.relation && COL.relation, h.regionCode !== v.regionCode && COL.region, h.status !== v.status && COL.status].filter(Boolean) as string[];
      if (!differs.length) unchanged.add(row);
      else problems.push({ row, column: differs[0], message: `该成员已在册，且${differs.join('、')}不同；变更请在贫困户档案中办理` });
    }
    return { problems, unchanged };
  },
  async apply(rows, _ctx, em) {
    // each row's household: the head's existing one, or a new one named after the head
    const heads = await em.find(PoorHouseholdMember, { id: { $in: [...new Set(rows.map((r) => r.headId))] } });
    const { householdOf, create } = householdsByHead(rows, new Map(heads.map((m) => [m.id, m.household.id])), 'poor-household');
    const known = new Set((await em.find(PoorHousehold, { id: { $in: create.map((r) => householdOf.get(r.headId)!) } }, { fields: ['id'] })).map((h) => h.id));
    await insertInChunks(em, PoorHousehold, create.filter((r) => !known.has(householdOf.get(r.headId)!)).map((r) => ({
      id: householdOf.get(r.headId)!, regionCode: r.regionCode, headName: r.headName, registeredYear: r.registeredYear, status: r.status, version: 1,
    })));
    await insertInChunks(em, PoorHouseholdMember, rows.map((r) => ({ id: r.id, residentId: r.idNumber, name: r.name, household: householdOf.get(r.headId) as never, relation: r.relation })));
  },
};

export const importers = [povertyImporter];
