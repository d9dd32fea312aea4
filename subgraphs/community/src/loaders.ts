import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import type { FilterQuery } from '@mikro-orm/core';
import { groupByKey, oneByKey, type Identity } from '@kongchuo/shared';
import { HomeVisit, Resident } from './entities';

/**
 * Row scope where the data lives: staff of a subdistrict or a community see the residents who
 * live there; district departments see every resident.
 */
export function residentScope(identity: Identity): FilterQuery<Resident> {
  const { kind, code } = identity.scope;
  if (kind === 'subdistrict') return { household: { community: { subdistrict: code } } };
  if (kind === 'community') return { household: { community: code } };
  return {};
}

/** One query per relation per batch of children. */
export function createLoaders(em: EntityManager, identity: Identity) {
  return {
    resident: new DataLoader<string, Resident | null>(async (ids) =>
      oneByKey(ids, await em.find(Resident, { $and: [{ id: { $in: [...ids] } }, residentScope(identity)] }, {
        populate: ['household.community.subdistrict', 'household.grid.worker'],
      }), (r) => r.id)),
    homeVisit: new DataLoader<string, HomeVisit | null>(async (ids) => oneByKey(ids, await em.find(HomeVisit, { id: { $in: [...ids] } }), (v) => v.id)),
    homeVisits: new DataLoader<string, HomeVisit[]>(async (ids) =>
      groupByKey(ids, await em.find(HomeVisit, { studentId: { $in: [...ids] } }, { orderBy: { date: 'asc' } }), (v) => v.studentId)),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
