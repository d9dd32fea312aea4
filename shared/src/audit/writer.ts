/** Writing entries onto a department's chain: the group-committing writer and the append itself. */
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { LINKAGE_KEY_PATTERN } from '../domain';
import type { Identity } from '../identity';
import type { Logger } from '../observability';
import { sqlOf, usesPostgres, isDatabaseUnavailable } from '../core';
import { AuditEntry, GENESIS_HASH, entryContent, entryHash, type EntryContent } from './entry';

/**
 * Appends entries to the chain: serialised within the process, and on PostgreSQL across processes.
 * Group commit: while one transaction writes, the entries of every request that ends meanwhile
 * wait and go together in the next one, so under load a request costs a share of one transaction
 * rather than a whole one, and every request still answers only after its entries are committed.
 */
export class AuditWriter {
  private waiting: { entries: EntryContent[]; done: (e?: unknown) => void }[] = [];
  private writing: Promise<void> | null = null;

  constructor(private readonly orm: MikroORM, private readonly logger: Logger) {}

  append(entries: EntryContent[]): Promise<void> {
    if (!entries.length) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ entries, done: (e) => (e ? reject(e) : resolve()) });
      this.writing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length) {
      const group = this.waiting.splice(0);
      try {
        await this.write(group.flatMap((g) => g.entries));
        for (const g of group) g.done();
      } catch (e) {
        if (isDatabaseUnavailable(e)) this.logger.warn({ reason: (e as Error).message }, 'audit append failed: database unavailable');
        else this.logger.error({ err: e }, 'audit append failed');
        for (const g of group) g.done(e);
      }
    }
    this.writing = null;
  }

  private async write(entries: EntryContent[]): Promise<void> {
    const em = this.orm.em.fork();
    if (usesPostgres(em)) return appendEntries(em, entries);
    await em.transactional((tx) => appendEntries(tx, entries));
  }
}

/**
 * Appends entries to the chain from inside a transaction (on PostgreSQL also outside one).
 * PostgreSQL: one statement (`kc_audit_append`, shared/src/audit/append.ts): the chain's lock,
 * its last hash, the entries inserted in order, each hashed onto the one before. SQLite (one
 * connection, so transactions take turns): the last hash, then one multi-row insert — 11
 * parameters a row, so 2,900 rows stay under SQLite's limit of 32,766.
 */
export async function appendEntries(em: EntityManager, entries: EntryContent[]): Promise<void> {
  if (usesPostgres(em)) {
    const sent = entries.map((e) => ({ ...e, at: e.at.toISOString(), content: entryContent(e) }));
    await sqlOf(em).execute('select kc_audit_append(?::jsonb)', [JSON.stringify(sent)]);
    return;
  }
  const last = await em.findOne(AuditEntry, { id: { $gt: 0 } }, { orderBy: { id: 'desc' }, fields: ['hash'] });
  const rows = chained(last?.hash ?? GENESIS_HASH, entries);
  for (let i = 0; i < rows.length; i += 2900) await em.insertMany(AuditEntry, rows.slice(i, i + 2900));
}

/** What every entry of one request has in common: who, the operation, the request, when. */
export function entryBase(identity: Pick<Identity, 'user' | 'department' | 'role'>, operation: string, requestId: string) {
  return { at: new Date(), user: identity.user, department: identity.department, role: identity.role, operation: operation.slice(0, 200), requestId };
}

/** The child a mutation wrote: `input.studentId`, or the id it returned if that is a linkage key. */
export function writtenChild(inputStudentId: unknown, returned: unknown): string | null {
  if (typeof inputStudentId === 'string') return inputStudentId;
  return typeof returned === 'string' && LINKAGE_KEY_PATTERN.test(returned) ? returned : null;
}

/** The entries linked onto `prev`, in order. */
function chained(prev: string, entries: EntryContent[]): AuditEntry[] {
  return entries.map((e) => {
    const hash = entryHash(prev, e);
    const row = { ...e, prevHash: prev, hash } as AuditEntry;
    prev = hash;
    return row;
  });
}

