import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * A field one department requires from another to compute its own (`@requires`: the early warning
 * reads civil affairs' and public security's facts as the caller) is fetched under the caller's
 * permissions. Where the caller may not see it, that department answers null with FORBIDDEN — on a
 * field the caller never asked for. Such errors are left out of the answer: the field that used the
 * fact says itself what it could not read (`earlyWarning.unknownDepartments`), and an error about
 * an unasked field would tell the caller nothing but that a hidden fact was consulted.
 *
 * Only FORBIDDEN errors whose path is not a selection of the client's operation are removed; every
 * error on a requested field, and every other code (a department that is down, say), stays.
 */
export function unrequestedForbiddenErrors(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, document, operation }) {
          if (response.body.kind !== 'single' || !document || !operation) return;
          const result = response.body.singleResult;
          if (!result.errors?.length) return;
          const kept = result.errors.filter((e) => !(e.extensions?.code === 'FORBIDDEN' && e.path && !isRequested(e.path, operation, document)));
          if (kept.length !== result.errors.length) result.errors = kept.length ? kept : undefined;
        },
      };
    },
  };
}

/** Whether a response path (keys and list indices) follows selections of the operation, fragments included. */
export function isRequested(path: readonly (string | number)[], operation: OperationDefinitionNode, document: DocumentNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let sets: SelectionSetNode[] = [operation.selectionSet];
  for (const step of path) {
    if (typeof step === 'number') continue;
    const next: SelectionSetNode[] = [];
    let found = false;
    const visit = (set: SelectionSetNode, seen: Set<string>) => {
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) {
          if ((s.alias?.value ?? s.name.value) !== step) continue;
          found = true;
          if (s.selectionSet) next.push(s.selectionSet);
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          visit(s.selectionSet, seen);
        } else {
          const f = fragments.get(s.name.value);
          if (f && !seen.has(f.name.value)) visit(f.selectionSet, new Set([...seen, f.name.value]));
        }
      }
    };
    for (const set of sets) visit(set, new Set());
    if (!found) return false;
    sets = next;
  }
  return true;
}

