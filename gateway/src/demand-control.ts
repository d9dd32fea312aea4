/**
 * Demand control: the estimated cost of an operation, checked before it is planned or run, the
 * way Apollo Router's static estimate and Hive Gateway's cost plugin read the cost spec
 * (`@listSize`, composed into the supergraph from `shared/src/server/demand.ts`):
 *
 * - every object (or interface, union) in the answer costs 1, a scalar or enum 0;
 * - a list multiplies what each of its items costs by its size: the value of its slicing argument
 *   (`first`, a literal or the request's variable; at most 5,000, the longest page any department
 *   serves) when given, else its `assumedSize`, else
 *   `DEFAULT_LIST_SIZE`; on a connection the size is that of its `nodes`;
 * - each mutation field adds 10 (a write costs more than a read).
 *
 * An operation over `LIMIT_MAX_COST` is refused, HTTP 400 `COST_ESTIMATED_TOO_EXPENSIVE` with the
 * estimate and the limit. Nested lists multiply: `meetings { tasks { meeting { tasks { … } } } }`
 * is refused, however few the tokens or levels.
 */
import {
  GraphQLError, Kind, getNamedType, isCompositeType, isObjectType, isInterfaceType, parse, valueFromASTUntyped,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode, type ValueNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { BULK_PAGE_SIZE } from '@kongchuo/shared/core';
import { DEFAULT_LIST_SIZE, isListOutput } from '@kongchuo/shared/server';

interface ListSize { assumedSize?: number; slicingArguments: string[]; sizedFields: string[] }

/** The `@listSize` of every field that has one in the supergraph SDL, by `Type.field`. */
export function listSizesOf(supergraphSdl: string): Map<string, ListSize> {
  const sizes = new Map<string, ListSize>();
  const doc = parse(supergraphSdl);
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of def.fields ?? []) {
      const d = field.directives?.find((x) => x.name.value === 'listSize');
      if (!d) continue;
      const arg = (name: string) => d.arguments?.find((a) => a.name.value === name)?.value;
      const strings = (v: ValueNode | undefined) => (v?.kind === Kind.LIST ? v.values.flatMap((x) => (x.kind === Kind.STRING ? [x.value] : [])) : []);
      const assumed = arg('assumedSize');
      sizes.set(`${def.name.value}.${field.name.value}`, {
        assumedSize: assumed?.kind === Kind.INT ? Number(assumed.value) : undefined,
        slicingArguments: strings(arg('slicingArguments')),
        sizedFields: strings(arg('sizedFields')),
      });
    }
  }
  return sizes;
}

const MUTATION_COST = 10;

/** The estimated cost of one operation of `document` (see the file's comment). */
export function estimateCost(
  schema: GraphQLSchema, sizes: Map<string, ListSize>, document: DocumentNode, operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {}, defaultListSize = DEFAULT_LIST_SIZE,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const sliceOf = (size: ListSize | undefined, args: readonly { name: { value: string }; value: ValueNode }[]): number | undefined => {
    let n: number | undefined;
    for (const name of size?.slicingArguments ?? []) {
      const given = args.find((a) => a.name.value === name);
      if (!given) continue;
      const v = valueFromASTUntyped(given.value, variables);
      // no page is ever longer than the longest a department serves (a larger `first` is refused there, naming it)
      if (typeof v === 'number' && Number.isFinite(v)) n = Math.max(n ?? 0, Math.min(v, BULK_PAGE_SIZE));
    }
    return n;
  };
  const visiting = new Set<string>();
  const costOf = (set: SelectionSetNode, parent: GraphQLCompositeType, sized?: { fields: string[]; size: number }): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const on = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        if (on && isCompositeType(on)) total += costOf(sel.selectionSet, on, sized);
        continue;
      }
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const frag = fragments.get(sel.name.value);
        const on = frag && schema.getType(frag.typeCondition.name.value);
        // a fragment spread inside itself does not validate; this only keeps the walk finite
        if (!frag || !on || !isCompositeType(on) || visiting.has(frag.name.value)) continue;
        visiting.add(frag.name.value);
        total += costOf(frag.selectionSet, on, sized);
        visiting.delete(frag.name.value);
        continue;
      }
      const name = sel.name.value;
      if (name.startsWith('__')) continue; // __typename, and introspection (its own limits)
      if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
      const fields = parent.getFields();
      const field = Object.hasOwn(fields, name) ? fields[name] : undefined;
      if (!field) continue;
      const named = getNamedType(field.type);
      const size = sizes.get(`${parent.name}.${name}`);
      const slice = sliceOf(size, sel.arguments ?? []);
      const ownSize = slice ?? size?.assumedSize;
      let items = 1;
      if (sized?.fields.includes(name)) items = sized.size;
      else if (isListOutput(field.type) && !size?.sizedFields.length) items = ownSize ?? defaultListSize;
      const each = (isCompositeType(named) ? 1 : 0)
        + (sel.selectionSet && isCompositeType(named)
          ? costOf(sel.selectionSet, named, size?.sizedFields.length ? { fields: size.sizedFields, size: ownSize ?? defaultListSize } : undefined)
          : 0);
      total += items * each;
    }
    return total;
  };
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return 0;
  const base = operation.operation === 'mutation' ? MUTATION_COST * operation.selectionSet.selections.length : 0;
  return base + costOf(operation.selectionSet, root);
}

/** Refuses an operation whose estimated cost is over `maxCost`, before it is planned. */
export function demandControl(supergraphSdl: string, maxCost: number, defaultListSize = DEFAULT_LIST_SIZE): ApolloServerPlugin {
  const sizes = listSizesOf(supergraphSdl);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = estimateCost(schema, sizes, document, operation, request.variables ?? {}, defaultListSize);
          if (cost <= maxCost) return;
          throw new GraphQLError(
            `Operation estimated cost ${Math.round(cost).toLocaleString('en')} exceeds the limit of ${maxCost.toLocaleString('en')} (LIMIT_MAX_COST): ask for fewer or smaller lists, or page through them`,
            { extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: Math.round(cost), limit: maxCost, http: { status: 400 } } },
          );
        },
      };
    },
  };
}
