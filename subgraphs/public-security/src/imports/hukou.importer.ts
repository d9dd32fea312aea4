/**
 * 户籍名单导入: persons with their household registration (户号, region, address). A household
 * is created the first time one of its members appears; a person already registered the same way
 * is unchanged; one registered differently is refused for that row (a move of 户籍 is a police
 * procedure, not an import).
 */
import { insertInChunks } from '@kongchuo/shared/core';
import { linkageKeyOfValid } from '@kongchuo/shared/domain';
import { CellReader, type ImportProblem, type Importer } from '@kongchuo/shared/imports';
import { Household, Person } from '../entities';
import { areaTypeOfClassCode, type RegisteredAreaType } from '../domain/migrant';

export interface HukouRow {
  id: string; idNumber: string; name: string; gender: string; birthDate: string;
  householdNumber: string; regionCode: string; address: string; relation: string; headName: string; phone: string | null;
  areaType: RegisteredAreaType | null;
}

const COL = { id: '身份证号', name: '姓名', household: '户号', region: '户籍地区划代码', address: '户籍地址', relation: '与户主关系', head: '户主姓名', phone: '联系电话', areaClass: '城乡分类代码' } as const;

export const hukouImporter: Importer<HukouRow> = {
  kind: 'hukou',
  label: '户籍名单',
  mutation: 'importHukou',
  query: 'hukouImport',
  columns: [
    { name: COL.id, required: true }, { name: COL.name, required: true }, { name: COL.household, required: true }, { name: COL.region, required: true },
    { name: COL.address, required: true }, { name: COL.relation, required: true }, { name: COL.head, required: true }, { name: COL.phone, required: false },
    // 户籍地址所在村（居）的城乡分类代码 (统计用区划和城乡划分代码: 111–123 城镇, 210/220 乡村); decides 随迁子女 for the province's other counties
    { name: COL.areaClass, required: false },
  ],
  parse(c, ctx) {
    const row = new CellReader(c);
    const id = row.residentId(COL.id);
    const name = row.text(COL.name, 50);
    const householdNumber = row.matching(COL.household, /^\d{6,20}$/, '应为 6–20 位数字');
    const regionCode = row.region(COL.region);
    const address = row.text(COL.address, 200);
    const relation = row.text(COL.relation, 20);
    const headName = row.text(COL.head, 50);
    const phone = row.get(COL.phone) || null;
    if (phone && !/^1[3-9]\d{9}$/.test(phone)) row.problem(COL.phone, '应为 11 位手机号码');
    const areaClass = row.get(COL.areaClass);
    const areaType = areaClass ? areaTypeOfClassCode(areaClass) : null;
    if (areaClass && !areaType) row.problem(COL.areaClass, '应为统计用城乡分类代码：111、112、121、122、123（城镇）或 210、220（乡村）');
    if (!id || row.problems.length) return { problems: row.problems, key: id?.idNumber };
    return {
      key: id.idNumber, problems: row.problems,
      value: { id: linkageKeyOfValid(id.idNumber, ctx.linkageSecret), idNumber: id.idNumber, name, gender: id.gender, birthDate: id.birthDate, householdNumber, regionCode, address, relation, headName, phone, areaType },
    };
  },
  async check(rows, _ctx, em) {
    const problems: ImportProblem[] = [];
    const unchanged = new Set<number>();
    const households = new Map((await em.find(Household, { number: { $in: [...new Set(rows.map((r) => r.value.householdNumber))] } })).map((h) => [h.number, h]));
    const persons = new Map((await em.find(Person, { id: { $in: rows.map((r) => r.value.id) } })).map((p) => [p.id, p]));
    for (const { row, value: v } of rows) {
      const h = households.get(v.householdNumber);
      if (h && (h.regionCode !== v.regionCode || h.registeredAddress !== v.address)) {
        problems.push({ row, column: h.regionCode !== v.regionCode ? COL.region : COL.address, message: `户号 ${v.householdNumber} 已登记为另一户籍地或地址` });
        continue;
      }
      const p = persons.get(v.id);
      if (!p) continue;
      const differs = [p.name !== v.name && COL.name, p.household.number !== v.householdNumber && COL.household, p.relation !== v.relation && COL.relation].filter(Boolean) as string[];
      if (!differs.length) unchanged.add(row);
      else problems.push({ row, column: differs[0], message: `该人员已登记，且${differs.join('、')}不同；户籍变更请按户籍业务办理` });
    }
    return { problems, unchanged };
  },
  async apply(rows, _ctx, em) {
    const now = new Date();
    const numbers = [...new Set(rows.map((r) => r.householdNumber))];
    const existing = new Set((await em.find(Household, { number: { $in: numbers } }, { fields: ['number'] })).map((h) => h.number));
    const fresh = new Map<string, HukouRow>();
    for (const r of rows) if (!existing.has(r.householdNumber) && !fresh.has(r.householdNumber)) fresh.set(r.householdNumber, r);
    await insertInChunks(em, Household, [...fresh.values()].map((r) => ({ number: r.householdNumber, regionCode: r.regionCode, areaType: r.areaType, registeredAddress: r.address, headName: r.headName, createdAt: now })));
    await insertInChunks(em, Person, rows.map((r) => ({
      id: r.id, residentId: r.idNumber, name: r.name, gender: r.gender, birthDate: r.birthDate, household: r.householdNumber as never, relation: r.relation, phone: r.phone, version: 1, createdAt: now,
    })));
  },
};

export const importers = [hukouImporter];
