import { OptimisticLockError, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { conflict } from '../core';
import { auditWriteInTransaction } from '../audit';

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
      const text = violatedConstraint(e);
      const hit = Object.entries(uniqueFields).find(([fragment]) => text.includes(fragment));
      throw conflict(hit?.[1] ?? 'input', `a record with this ${hit?.[1] ?? 'key'} already exists`);
    }
    throw e;
  }
}

/**
 * Which unique constraint a write broke, as the database names it: PostgreSQL's `constraint`
 * (`student_resident_id_unique`; `detail` as a fallback: `Key (resident_id)=(…)`), SQLite's
 * columns after "UNIQUE constraint failed:" (`student.resident_id`) — never the statement, whose
 * column list names every column of the row.
 */
export function violatedConstraint(e: Error & { constraint?: unknown; detail?: unknown }): string {
  if (typeof e.constraint === 'string') return e.constraint;
  const sqlite = /UNIQUE constraint failed: ([^\n]+)$/.exec(e.message);
  if (sqlite) return sqlite[1];
  if (typeof e.detail === 'string') return /^Key \(([^)]*)\)/.exec(e.detail)?.[1] ?? '';
  return /PRIMARY KEY/i.test(e.message) ? 'PRIMARY' : '';
}

/** Refuses a write based on a stale read: the client must send the version it last saw. */
export function assertVersion(current: number, expected: number, field = 'input.expectedVersion'): void {
  if (current !== expected) {
    throw conflict(field, `stale version ${expected}: the record is at version ${current}; reload it and try again`);
  }
}
