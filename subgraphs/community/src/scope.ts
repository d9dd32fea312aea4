import type { EntityManager } from '@mikro-orm/core';
import { type ScopeKind } from '@kongchuo/shared/identity';
import { membersFrom, type ScopeMembers } from '@kongchuo/shared/policy';
import { Resident } from './entities';
import { residentScope } from './loaders';

/**
 * The community service keeps where a child lives: the fact subdistrict and community scopes are
 * about. Membership is `residentScope`, the same rule the `residents` list applies.
 */
export const scopeMembers = (em: () => EntityManager): Partial<Record<ScopeKind, ScopeMembers>> => {
  const living = membersFrom(em, Resident, (scope) => residentScope({ scope }));
  return { subdistrict: living, community: living };
};
