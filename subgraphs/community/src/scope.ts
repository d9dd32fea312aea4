import type { EntityManager } from '@mikro-orm/core';
import { chunked, type ScopeMembers, type ScopeKind } from '@kongchuo/shared';
import { Resident } from './entities';
import { residentScope } from './loaders';

/**
 * The community service keeps where a child lives: the fact subdistrict and community scopes are
 * about. Membership is `residentScope`, the same rule the `residents` list applies.
 */
export const scopeMembers = (em: () => EntityManager): Partial<Record<ScopeKind, ScopeMembers>> => {
  const living: ScopeMembers = async (scope, ids) => {
    const inside = new Set<string>();
    const fork = em();
    for (const part of chunked(ids, 1000)) {
      const rows = await fork.find(Resident, { $and: [{ id: { $in: part } }, residentScope({ scope })] }, { fields: ['id'] });
      for (const r of rows) inside.add(r.id);
    }
    return inside;
  };
  return { subdistrict: living, community: living };
};
