import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { groupByKey, oneByKey } from '@kongchuo/shared/core';
import { type Identity } from '@kongchuo/shared/identity';
import { AidGrant, ChildWelfareRecord, DisabilityRecord, LeftBehindChild, PoorHouseholdMember } from './entities';

/** One query per registry per batch of children. */
export function createLoaders(em: EntityManager, _identity: Identity) {
  return {
    membership: new DataLoader<string, PoorHouseholdMember | null>(async (ids) =>
      oneByKey(ids, await em.find(PoorHouseholdMember, { id: { $in: [...ids] } }, { populate: ['household'] }), (m) => m.id)),
    aid: new DataLoader<string, AidGrant | null>(async (ids) => oneByKey(ids, await em.find(AidGrant, { id: { $in: [...ids] } }), (a) => a.id)),
    aids: new DataLoader<string, AidGrant[]>(async (ids) =>
      groupByKey(ids, await em.find(AidGrant, { studentId: { $in: [...ids] } }, { orderBy: { grantedOn: 'desc' } }), (a) => a.studentId)),
    leftBehind: new DataLoader<string, LeftBehindChild | null>(async (ids) =>
      oneByKey(ids, await em.find(LeftBehindChild, { id: { $in: [...ids] } }), (c) => c.id)),
    disability: new DataLoader<string, DisabilityRecord | null>(async (ids) =>
      oneByKey(ids, await em.find(DisabilityRecord, { id: { $in: [...ids] } }), (d) => d.id)),
    childWelfare: new DataLoader<string, ChildWelfareRecord | null>(async (ids) =>
      oneByKey(ids, await em.find(ChildWelfareRecord, { id: { $in: [...ids] } }), (c) => c.id)),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
