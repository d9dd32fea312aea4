import { studentReference, type SubgraphContext } from '@kongchuo/shared/server';
import type { Loaders } from '../loaders';

/**
 * Federation entity resolution: a Student by its key alone (its fields come from this department's
 * field resolvers); this department's own entities through their DataLoaders, so a query plan's
 * `_entities` call for N of them costs one SQL query.
 */
export const referenceResolvers = {
  ...studentReference,
  HomeVisit: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext<Loaders>) => ctx.loaders.homeVisit.load(ref.id) },
};
