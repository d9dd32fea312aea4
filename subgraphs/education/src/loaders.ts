import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { groupByKey, oneByKey, type Identity } from '@kongchuo/shared';
import { CaseRecord, DropoutCase, Letter, School, StatusChange, Student } from './entities';
import { schoolRowFilter, studentRowFilter } from './access';

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
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
