import type { EntityManager } from '@mikro-orm/core';
import { chunked, type ScopeMembers, type ScopeKind } from '@kongchuo/shared';
import { Student } from './entities';

/** Education keeps which school a pupil is on the register of: the fact a school scope is about. */
export const scopeMembers = (em: () => EntityManager): Partial<Record<ScopeKind, ScopeMembers>> => ({
  school: async (scope, ids) => {
    const inside = new Set<string>();
    const fork = em();
    for (const part of chunked(ids, 1000)) {
      const rows = await fork.find(Student, { id: { $in: part }, school: scope.code }, { fields: ['id'] });
      for (const r of rows) inside.add(r.id);
    }
    return inside;
  },
});
