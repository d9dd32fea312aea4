import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { groupByKey, oneByKey, sqlOf } from '@kongchuo/shared/core';
import { type Identity } from '@kongchuo/shared/identity';
import { EmployerViolation, JuvenileCaseMark, LegalNotice, LocateRequest, ResidencePermit } from './entities';
import type { RegisteredAreaType } from './domain/migrant';

/** A registered child as the unified view reads it, with the household's registration. */
export interface RegisteredPerson {
  id: string;
  name: string;
  birthDate: string;
  householdNumber: string;
  regionCode: string;
  registeredAddress: string;
  areaType: RegisteredAreaType | null;
}

/** A member of a household as the guardians field reads it. */
export interface HouseholdMember {
  id: string;
  name: string;
  birthDate: string;
  relation: string;
  phone: string | null;
  householdNumber: string;
}

/**
 * One query per relation per batch of children. The unified view's hot reads (the child with the
 * household, the household's members) come back as plain rows: they are only read, and creating
 * managed entities (identity map, hydration, change-tracking snapshots) was 23% of this
 * department's CPU for a list of 100 children.
 */
export function createLoaders(em: EntityManager, _identity: Identity) {
  const knex = () => sqlOf(em).getKnex();
  return {
    person: new DataLoader<string, RegisteredPerson | null>(async (ids) => {
      const rows = await sqlOf(em).execute<RegisteredPerson[]>(knex()('person as p').join('household as h', 'h.number', 'p.household_number')
        .select({ id: 'p.id', name: 'p.name', birthDate: 'p.birth_date', householdNumber: 'h.number', regionCode: 'h.region_code', registeredAddress: 'h.registered_address', areaType: 'h.area_type' })
        .whereIn('p.id', [...ids]));
      return oneByKey(ids, rows, (p) => p.id);
    }),
    householdMembers: new DataLoader<string, HouseholdMember[]>(async (numbers) => {
      const rows = await sqlOf(em).execute<HouseholdMember[]>(knex()('person as p')
        .select({ id: 'p.id', name: 'p.name', birthDate: 'p.birth_date', relation: 'p.relation', phone: 'p.phone', householdNumber: 'p.household_number' })
        .whereIn('p.household_number', [...numbers]).orderBy([{ column: 'p.birth_date' }, { column: 'p.id' }]));
      return groupByKey(numbers, rows, (p) => p.householdNumber);
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
    /** the children with an open case mark (one query per batch) */
    involvedInCase: new DataLoader<string, boolean>(async (ids) => {
      const open = new Set((await em.find(JuvenileCaseMark, { studentId: { $in: [...ids] }, endedOn: null }, { fields: ['studentId'] })).map((m) => m.studentId));
      return ids.map((id) => open.has(id));
    }),
    legalNotices: new DataLoader<string, LegalNotice[]>(async (ids) =>
      groupByKey(ids, await em.find(LegalNotice, { studentId: { $in: [...ids] } }, { orderBy: { servedOn: 'asc' } }), (n) => n.studentId)),
    employerViolations: new DataLoader<string, EmployerViolation[]>(async (ids) => {
      const rows = await em.find(EmployerViolation, { studentId: { $in: [...ids] } }, { orderBy: { foundOn: 'desc' } });
      return groupByKey(ids, rows, (r) => r.studentId);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
