/** One request's audit entries: the reads and writes it made, written when it ends. */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Identity } from '../identity';
import type { EntryContent } from './entry';
import { entryBase, writtenChild, type AuditWriter } from './writer';

/** Collects one request's reads of children's fields, to be written once when the request ends. */
export class AuditRecorder {
  private reads = new Map<string, Set<string>>();
  /** mutation fields (response keys) whose WRITE entry went in the mutation's own transaction */
  readonly writtenInTransaction = new Set<string>();
  private writes: { studentId: string | null; fields: string }[] = [];

  read(studentId: string, field: string): void {
    const set = this.reads.get(studentId) ?? new Set<string>();
    set.add(field);
    this.reads.set(studentId, set);
  }

  write(studentId: string | null, fields: string[]): void {
    this.writes.push({ studentId, fields: fields.join(',') });
  }

  drain(identity: Identity, operation: string, requestId: string): EntryContent[] {
    const base = entryBase(identity, operation, requestId);
    const out: EntryContent[] = [
      ...[...this.reads].map(([studentId, fields]) => ({ ...base, kind: 'READ', studentId, fields: [...fields].sort().join(',') })),
      ...this.writes.map((w) => ({ ...base, kind: 'WRITE', ...w })),
    ];
    this.reads = new Map();
    this.writes = [];
    return out;
  }
}

export interface AuditedContext {
  identity: Identity;
  requestId: string;
  /** the operation as the gateway signed it, never the client's operationName */
  operation: string;
  audit: AuditRecorder;
}

/**
 * Writes the request's audit entries when it ends: the buffered reads, and for a mutation one
 * WRITE entry per root field naming the child (`input.studentId`, or the id the mutation returned).
 */
export function auditPlugin(writer: AuditWriter): ApolloServerPlugin<AuditedContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, request, response }) {
          if (operation?.operation === 'mutation' && response.body.kind === 'single') {
            const data = (response.body.singleResult.data ?? {}) as Record<string, { id?: unknown } | null>;
            const input = (request.variables?.input ?? {}) as { studentId?: unknown };
            for (const sel of operation.selectionSet.selections) {
              if (sel.kind !== 'Field') continue;
              const key = sel.alias?.value ?? sel.name.value;
              // written with the mutation itself (writeTransaction); the others here, after it
              if (contextValue.audit.writtenInTransaction.has(key)) continue;
              if (data[key] !== null && data[key] !== undefined) contextValue.audit.write(writtenChild(input.studentId, data[key]?.id), [sel.name.value]);
            }
          }
          try {
            await writer.append(contextValue.audit.drain(contextValue.identity, contextValue.operation, contextValue.requestId));
          } catch {
            // nothing leaves unaudited: the answer is withheld. A mutation's own transaction (and,
            // through writeTransaction, its WRITE entry) has committed by now, so the caller is
            // told to read before repeating it.
            if (response.body.kind !== 'single') return;
            const mutation = operation?.operation === 'mutation';
            response.body.singleResult = {
              data: null,
              errors: [{
                message: mutation
                  ? "the department's database failed before this request's audit entry was written: the change may have been saved; read it back before repeating it"
                  : "the department's database failed before this request's audit entry was written: the answer is withheld; try again shortly",
                extensions: { code: 'SERVICE_UNAVAILABLE' },
              }],
            };
          }
        },
      };
    },
  };
}

// the chain is checked by verifyAuditChain (shared/src/audit/verification.ts), against its checkpoints
