import { OptimisticLockError, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { conflict } from './errors';
import { auditWriteInTransaction } from './audit';

/**
 * Runs one mutation in one transaction: all of it is written or none. A concurrent edit that
 * beat this one (optimistic lock) and a duplicate key both come back as CONFLICT naming the field;
 * `uniqueFields` maps a fragment of the constraint or column name to the input field to name.
 * The mutation's audit WRITE entry is written in the same transaction.
 */
export async function writeTransaction<T>(
  em: EntityManager,
  work: (em: EntityManager) => Promise<T>,
  uniqueFields: Record<string, string> = {},
): Promise<T> {
  try {
    return await em.transactional(async (tx) => {
      const result = await work(tx);
      await auditWriteInTransaction(tx, result);
      return result;
    });
  } catch (e) {
    if (e instanceof OptimisticLockError) {
      throw conflict('expectedVersion', 'this record was changed by someone else meanwhile; reload it and try again');
    }
    if (e instanceof UniqueConstraintViolationException) {
      const text = e.message;
      const hit = Object.entries(uniqueFields).find(([fragment]) => text.includes(fragment));
      throw conflict(hit?.[1] ?? 'input', `a record with this ${hit?.[1] ?? 'key'} already exists`);
    }
    throw e;
  }
}

/** Refuses a write based on a stale read: the client must send the version it last saw. */
export function assertVersion(current: number, expected: number, field = 'input.expectedVersion'): void {
  if (current !== expected) {
    throw conflict(field, `stale version ${expected}: the record is at version ${current}; reload it and try again`);
  }
}
