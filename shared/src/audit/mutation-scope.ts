/** A mutation's WRITE entries, written inside the mutation's own transaction. */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from '@mikro-orm/core';
import { isObjectType, type GraphQLSchema } from 'graphql';
import type { AuditedContext } from './recorder';
import { appendEntries, entryBase, writtenChild } from './writer';

/** The mutation root field a resolver runs under (set by `scopeMutations`). */
interface MutationScope {
  ctx: AuditedContext;
  /** the field's key in the response (its alias or name) */
  key: string;
  field: string;
  operation: string;
  inputStudentId: unknown;
}
const mutationScope = new AsyncLocalStorage<MutationScope>();

/**
 * Runs every Mutation field's resolver inside a scope naming the field, so that
 * `auditWriteInTransaction` (called by `writeTransaction`) can write the field's WRITE entry in
 * the mutation's own transaction.
 */
export function scopeMutations(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType();
  if (!mutation || !isObjectType(mutation)) return schema;
  for (const field of Object.values(mutation.getFields())) {
    const original = field.resolve;
    if (!original) continue;
    field.resolve = (source, args: { input?: { studentId?: unknown } }, ctx: AuditedContext, info) => mutationScope.run({
      ctx, key: info.path.key as string, field: info.fieldName, operation: ctx.operation,
      inputStudentId: args.input?.studentId,
    }, () => original(source, args, ctx, info));
  }
  return schema;
}

/**
 * The running mutation's WRITE entry, written in its transaction, so the change and its audit
 * entry are committed together or not at all. The mutation's own rows are flushed first: the
 * chain's lock is the last lock the transaction takes, so no transaction holding it waits on a
 * row. The child is `input.studentId`, or the id the mutation returned if it is a linkage key.
 */
export async function auditWriteInTransaction(tx: EntityManager, result: unknown): Promise<void> {
  const scope = mutationScope.getStore();
  // outside a mutation (seeds, tools), or the field's entry is written already (a second writeTransaction)
  if (!scope || scope.ctx.audit.writtenInTransaction.has(scope.key)) return;
  await tx.flush();
  const { identity, requestId } = scope.ctx;
  await appendEntries(tx, [{
    ...entryBase(identity, scope.operation, requestId), kind: 'WRITE',
    studentId: writtenChild(scope.inputStudentId, (result as { id?: unknown } | null | undefined)?.id), fields: scope.field,
  }]);
  scope.ctx.audit.writtenInTransaction.add(scope.key);
}

/**
 * Entries per `kc_audit_append` call when one mutation writes many children (an import): each
 * entry travels as about 0.8 kB of JSON (its fields and its canonical content), so 2,000 entries
 * are one parameter of about 1.6 MB, parsed and looped over in one statement; a 200,000-row
 * import appends in 100 statements.
 */
export const AUDIT_APPEND_BATCH = 2000;

/**
 * One WRITE entry per child the running mutation wrote (an import: every person it created),
 * in the mutation's transaction, appended in batches of AUDIT_APPEND_BATCH; the mutation's field
 * then has its entries and gets no other. Called last in the transaction, after every row is
 * written (the chain's lock is the last lock it takes, held only until the commit).
 */
export async function auditChildrenWrittenInTransaction(tx: EntityManager, children: readonly string[]): Promise<void> {
  const scope = mutationScope.getStore();
  if (!scope || !children.length) return;
  await tx.flush();
  const { identity, requestId } = scope.ctx;
  const base = entryBase(identity, scope.operation, requestId);
  for (let i = 0; i < children.length; i += AUDIT_APPEND_BATCH) {
    await appendEntries(tx, children.slice(i, i + AUDIT_APPEND_BATCH).map((studentId) => ({ ...base, kind: 'WRITE', studentId, fields: scope.field })));
  }
  scope.ctx.audit.writtenInTransaction.add(scope.key);
}

