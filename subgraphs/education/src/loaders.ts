import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { groupByKey, oneByKey } from '@kongchuo/shared/core';
import { type Identity } from '@kongchuo/shared/identity';
import { Absence, CaseRecord, DropoutCase, EarlyWarningPolicy, Letter, School, StatusChange, Student } from './entities';
import { schoolRowFilter, studentRowFilter } from './domain/access';

/** Groups rows by a key, in the order of the keys asked for. */
/**
 * Request-scoped DataLoaders: every list of N students costs one query per relation,
 * and federation's `_entities` for N students costs one query.
 */
export function createLoaders(em: EntityManager, identity: Identity) {
  return {
    student: new DataLoader<string, Student | null>(async (ids) => {
      const rows = await em.find(Student, { $and: [{ id: { $in: [...ids] } }, studentRowFilter(identity)] });
      return oneByKey(ids, rows, (s) => s.id);
    }),
    school: new DataLoader<string, School | null>(async (codes) => {
      const rows = await em.find(School, { code: { $in: [...codes] } });
      return oneByKey(codes, rows, (s) => s.code);
    }),
    statusChanges: new DataLoader<string, StatusChange[]>(async (studentIds) => {
      const rows = await em.find(StatusChange, { student: { $in: [...studentIds] } }, { orderBy: { date: 'asc', id: 'asc' } });
      return groupByKey(studentIds, rows, (r) => r.student.id);
    }),
    cases: new DataLoader<string, DropoutCase[]>(async (studentIds) => {
      const rows = await em.find(DropoutCase, { student: { $in: [...studentIds] } }, { orderBy: { discoveredOn: 'desc', createdAt: 'desc' } });
      return groupByKey(studentIds, rows, (r) => r.student.id);
    }),
    dropoutCase: new DataLoader<string, DropoutCase | null>(async (ids) => {
      const rows = await em.find(DropoutCase, { $and: [{ id: { $in: [...ids] } }, schoolRowFilter(identity)] });
      return oneByKey(ids, rows, (c) => c.id);
    }),
    letter: new DataLoader<string, Letter | null>(async (ids) => oneByKey(ids, await em.find(Letter, { id: { $in: [...ids] } }), (l) => l.id)),
    letters: new DataLoader<string, Letter[]>(async (caseIds) => {
      const rows = await em.find(Letter, { dropoutCase: { $in: [...caseIds] } }, { orderBy: { sentOn: 'asc' } });
      return groupByKey(caseIds, rows, (r) => r.dropoutCase.id);
    }),
    caseRecords: new DataLoader<string, CaseRecord[]>(async (caseIds) => {
      const rows = await em.find(CaseRecord, { dropoutCase: { $in: [...caseIds] } }, { orderBy: { date: 'asc', id: 'asc' } });
      return groupByKey(caseIds, rows, (r) => r.dropoutCase.id);
    }),
    /** absences of children since a date (`*`: all): keys are `${since}|${studentId}` (one query per date asked) */
    absencesSince: new DataLoader<string, Absence[]>(async (keys) => {
      const bySince = new Map<string, string[]>();
      for (const k of keys) {
        const [since, id] = k.split('|');
        bySince.set(since, [...(bySince.get(since) ?? []), id]);
      }
      const found = new Map<string, Absence[]>();
      for (const [since, ids] of bySince) {
        const rows = await em.find(Absence, { student: { $in: ids }, ...(since === '*' ? {} : { date: { $gte: since } }) }, { orderBy: { date: 'asc' } });
        for (const r of rows) found.set(`${since}|${r.student.id}`, [...(found.get(`${since}|${r.student.id}`) ?? []), r]);
      }
      return keys.map((k) => found.get(k) ?? []);
    }),
    /** the province's early-warning rules (the defaults until the province's are stored) */
    earlyWarningPolicy: new DataLoader<string, EarlyWarningPolicy>(async (provinces) => {
      const rows = await em.find(EarlyWarningPolicy, { province: { $in: [...provinces] } });
      return provinces.map((p) => rows.find((r) => r.province === p) ?? EarlyWarningPolicy.defaults(p));
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
