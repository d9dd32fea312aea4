import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { groupByKey, oneByKey, type Identity } from '@kongchuo/shared';
import { HomeVisit, Resident } from './entities';

/** One query per relation per batch of children. */
export function createLoaders(em: EntityManager, _identity: Identity) {
  return {
    resident: new DataLoader<string, Resident | null>(async (ids) =>
      oneByKey(ids, await em.find(Resident, { id: { $in: [...ids] } }, {
        populate: ['household.community.subdistrict', 'household.grid.worker'],
      }), (r) => r.id)),
    homeVisits: new DataLoader<string, HomeVisit[]>(async (ids) =>
      groupByKey(ids, await em.find(HomeVisit, { studentId: { $in: [...ids] } }, { orderBy: { date: 'asc' } }), (v) => v.studentId)),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
