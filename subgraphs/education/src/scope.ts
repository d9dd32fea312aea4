import type { EntityManager } from '@mikro-orm/core';
import { type ScopeKind } from '@kongchuo/shared/identity';
import { membersFrom, type ScopeMembers } from '@kongchuo/shared/policy';
import { Student } from './entities';

/** Education keeps which school a pupil is on the register of: the fact a school scope is about. */
export const scopeMembers = (em: () => EntityManager): Partial<Record<ScopeKind, ScopeMembers>> => ({
  school: membersFrom(em, Student, (scope) => ({ school: scope.code })),
});
