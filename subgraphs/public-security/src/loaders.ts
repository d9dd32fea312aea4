import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { groupByKey, oneByKey, type Identity } from '@kongchuo/shared';
import { EmployerViolation, LegalNotice, LocateRequest, Person, ResidencePermit } from './entities';

/** One query per relation per batch of children. */
export function createLoaders(em: EntityManager, _identity: Identity) {
  return {
    person: new DataLoader<string, Person | null>(async (ids) => {
      const rows = await em.find(Person, { id: { $in: [...ids] } }, { populate: ['household'] });
      return oneByKey(ids, rows, (p) => p.id);
    }),
    householdMembers: new DataLoader<string, Person[]>(async (numbers) => {
      const rows = await em.find(Person, { household: { $in: [...numbers] } }, { orderBy: { birthDate: 'asc' } });
      return groupByKey(numbers, rows, (p) => p.household.number);
    }),
    permits: new DataLoader<string, ResidencePermit[]>(async (numbers) => {
      const rows = await em.find(ResidencePermit, { household: { $in: [...numbers] } }, { orderBy: { issuedOn: 'desc' } });
      return groupByKey(numbers, rows, (p) => p.household.number);
    }),
    locateRequest: new DataLoader<string, LocateRequest | null>(async (ids) => oneByKey(ids, await em.find(LocateRequest, { id: { $in: [...ids] } }, { populate: ['reports'] }), (r) => r.id)),
    locateRequests: new DataLoader<string, LocateRequest[]>(async (ids) => {
      const rows = await em.find(LocateRequest, { studentId: { $in: [...ids] } }, { orderBy: { requestedOn: 'desc' }, populate: ['reports'] });
      return groupByKey(ids, rows, (r) => r.studentId);
    }),
    legalNotice: new DataLoader<string, LegalNotice | null>(async (ids) => oneByKey(ids, await em.find(LegalNotice, { id: { $in: [...ids] } }), (n) => n.id)),
    legalNotices: new DataLoader<string, LegalNotice[]>(async (ids) =>
      groupByKey(ids, await em.find(LegalNotice, { studentId: { $in: [...ids] } }, { orderBy: { servedOn: 'asc' } }), (n) => n.studentId)),
    employerViolations: new DataLoader<string, EmployerViolation[]>(async (ids) => {
      const rows = await em.find(EmployerViolation, { studentId: { $in: [...ids] } }, { orderBy: { foundOn: 'desc' } });
      return groupByKey(ids, rows, (r) => r.studentId);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
