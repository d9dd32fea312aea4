import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import type { FilterQuery } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import { groupByKey, oneByKey, sqlOf } from '@kongchuo/shared/core';
import { type Identity } from '@kongchuo/shared/identity';
import { HomeVisit, Resident } from './entities';

/**
 * Row scope where the data lives: staff of a subdistrict or a community see the residents who
 * live there; district departments see every resident.
 */
export function residentScope(identity: Pick<Identity, 'scope'>): FilterQuery<Resident> {
  const { kind, code } = identity.scope;
  if (kind === 'subdistrict') return { household: { community: { subdistrict: code } } };
  if (kind === 'community') return { household: { community: code } };
  return {};
}

/** A child living in the area, as the unified view reads it: the household, its community and grid. */
export interface ResidentView {
  id: string;
  name: string;
  address: string;
  parentsWorkingAway: boolean;
  carer: string;
  notes: string | null;
  communityCode: string;
  communityName: string;
  subdistrictCode: string;
  subdistrictName: string;
  gridName: string;
  gridWorkerName: string;
}

/** The rule of residentScope, on the joined rows (c: community, h: household). */
function scopeRows(q: Knex.QueryBuilder, identity: Identity): Knex.QueryBuilder {
  const { kind, code } = identity.scope;
  if (kind === 'subdistrict') return q.where('c.subdistrict_code', code);
  if (kind === 'community') return q.where('h.community_code', code);
  return q;
}

/**
 * One query per relation per batch of children. The child with the household, community and grid
 * comes back as plain rows in one joined statement: it is only read, and managed entities
 * (identity map, hydration, change-tracking snapshots) were a large share of this department's
 * CPU for a list of 100 children (EntityFactory.create alone 23% in public security's).
 */
export function createLoaders(em: EntityManager, identity: Identity) {
  return {
    resident: new DataLoader<string, ResidentView | null>(async (ids) => {
      const q = sqlOf(em).getKnex()('resident as r')
        .join('resident_household as h', 'h.id', 'r.household_id')
        .join('community as c', 'c.code', 'h.community_code')
        .join('subdistrict as s', 's.code', 'c.subdistrict_code')
        .join('grid_area as g', 'g.code', 'h.grid_code')
        .join('grid_worker as w', 'w.id', 'g.worker_id')
        .select({
          id: 'r.id', name: 'r.name', address: 'h.address', parentsWorkingAway: 'h.parents_working_away', carer: 'h.carer', notes: 'h.notes',
          communityCode: 'c.code', communityName: 'c.name', subdistrictCode: 's.code', subdistrictName: 's.name', gridName: 'g.name', gridWorkerName: 'w.name',
        })
        .whereIn('r.id', [...ids]);
      const rows = await sqlOf(em).execute<ResidentView[]>(scopeRows(q, identity));
      // SQLite answers a boolean column as 0/1
      return oneByKey(ids, rows.map((r) => ({ ...r, parentsWorkingAway: Boolean(r.parentsWorkingAway) })), (r) => r.id);
    }),
    homeVisit: new DataLoader<string, HomeVisit | null>(async (ids) => oneByKey(ids, await em.find(HomeVisit, { id: { $in: [...ids] } }), (v) => v.id)),
    homeVisits: new DataLoader<string, HomeVisit[]>(async (ids) =>
      groupByKey(ids, await em.find(HomeVisit, { studentId: { $in: [...ids] } }, { orderBy: { date: 'asc' } }), (v) => v.studentId)),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
