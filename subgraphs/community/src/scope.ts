import type { EntityManager } from '@mikro-orm/core';
import { chunked, type ScopeMembers, type ScopeKind } from '@kongchuo/shared';
import { Resident } from './entities';

/** The community service keeps where a child lives: the fact subdistrict and community scopes are about. */
export const scopeMembers = (em: () => EntityManager): Partial<Record<ScopeKind, ScopeMembers>> => {
  const living = (where: (code: string) => object): ScopeMembers => async (scope, ids) => {
    const inside = new Set<string>();
    const fork = em();
    for (const part of chunked(ids, 1000)) {
      const rows = await fork.find(Resident, { id: { $in: part }, ...where(scope.code) }, { fields: ['id'] });
      for (const r of rows) inside.add(r.id);
    }
    return inside;
  };
  return {
    subdistrict: living((code) => ({ household: { community: { subdistrict: code } } })),
    community: living((code) => ({ household: { community: code } })),
  };
};
