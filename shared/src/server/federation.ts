import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  Kind, defaultFieldResolver, getNamedType, isObjectType, parse, visit,
  type ConstDirectiveNode, type DocumentNode, type GraphQLFieldResolver, type GraphQLOutputType, type GraphQLSchema,
} from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import type { Identity } from '../identity';
import { CHILD_RECORDS, accessFor, applyMask, childOf, ruleFor, type FieldRule, applyOperationRules, operationRuleFor, type OperationRule } from '../policy';
import type { RowScope } from '../policy';
import { isListOutput, listSizeDirective } from './demand';
import { applyTextRules } from '../domain';
import { forbidden } from '../core';
import { scopeMutations, type AuditRecorder } from '../audit';

/** Our own spec for the permission directive, composed into the supergraph with @composeDirective. */
export const ACCESS_SPEC_URL = 'https://specs.kongchuo.dev/access/v1.0';

/** Federation 2 version and the directives our subgraphs use. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", ' +
  'import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@override", "@composeDirective", "@listSize"]) ' +
  `@link(url: "${ACCESS_SPEC_URL}", import: ["@access", "@callable"]) @composeDirective(name: "@access") @composeDirective(name: "@callable")\n\n` +
  '"""Who may read this field (the permission matrix, docs/permissions.md): departments that see it as stored, masked, or not at all."""\n' +
  'directive @access(owner: String!, allow: [String!]!, mask: [String!]!, deny: [String!]!) on FIELD_DEFINITION\n\n' +
  '"""Who may call this operation (the operation rules, docs/permissions.md): `department[:role][@scope|…]`, and which children it reaches (`scope`: the caller\'s row scope; `none`: no child\'s data)."""\n' +
  'directive @callable(by: [String!]!, rows: String!) on FIELD_DEFINITION';

const list = (values: string[]) => ({ kind: Kind.LIST, values: values.map((v) => ({ kind: Kind.STRING, value: v })) }) as const;

/** Every audience a rule names: departments, and department:role overrides. */
function audiences(rule: FieldRule, access: 'allow' | 'mask' | 'deny'): string[] {
  return Object.entries(rule.access).filter(([, a]) => a === access).map(([who]) => who);
}

function accessDirective(rule: FieldRule): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: 'access' },
    arguments: [
      { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'owner' }, value: { kind: Kind.STRING, value: rule.owner } },
      ...(['allow', 'mask', 'deny'] as const).map((a) => ({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: a }, value: list(audiences(rule, a)) })),
    ],
  } as ConstDirectiveNode;
}

function callableDirective(rule: OperationRule): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: 'callable' },
    arguments: [
      { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'by' }, value: list([...rule.callers]) },
      { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'rows' }, value: { kind: Kind.STRING, value: rule.rows } },
    ],
  } as ConstDirectiveNode;
}

const ROOTS = new Set(['Query', 'Mutation']);

/**
 * Writes the one policy into the printed schema, so the supergraph shows it: `@access(...)` on
 * every field the permission matrix names, `@callable(...)` on every root field with an
 * operation rule; and `@listSize(...)` on every list whose size is known (demand.ts).
 */
function annotatePolicy(doc: DocumentNode): DocumentNode {
  let type = '';
  return visit(doc, {
    ObjectTypeDefinition: { enter: (node) => void (type = node.name.value) },
    ObjectTypeExtension: { enter: (node) => void (type = node.name.value) },
    FieldDefinition(node) {
      const coordinate = `${type}.${node.name.value}`;
      const rule = ruleFor(coordinate);
      const operation = ROOTS.has(type) ? operationRuleFor(coordinate) : undefined;
      const size = listSizeDirective(type, node);
      if (!rule && !operation && !size) return undefined;
      const added = [...(rule ? [accessDirective(rule)] : []), ...(operation ? [callableDirective(operation)] : []), ...(size ? [size] : [])];
      return { ...node, directives: [...(node.directives ?? []), ...added] };
    },
  });
}

interface PermissionContext {
  identity: Identity;
  audit?: AuditRecorder;
  scope?: RowScope;
}

/**
 * Enforces the permission matrix inside this subgraph, on the resolvers of the fields it names:
 * `deny` → null with FORBIDDEN naming the field, `mask` → the masked value; a read of a
 * `Student` field by a department other than its owner is noted for the audit log.
 */
export function applyPermissions(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const rule = ruleFor(`${type.name}.${field.name}`);
      if (!rule) continue;
      const original: GraphQLFieldResolver<unknown, PermissionContext> = field.resolve ?? defaultFieldResolver;
      const audited = type.name in CHILD_RECORDS;
      const auditName = type.name === 'Student' ? field.name : `${type.name}.${field.name}`;
      field.resolve = (source, args, ctx, info) => {
        const { department, role } = ctx.identity;
        const access = accessFor(rule, department, role);
        if (access === 'deny') throw forbidden(`${rule.field} (${rule.label}) is not visible to ${department}`, rule.field);
        if (audited && rule.owner !== department) ctx.audit?.read(childOf(type.name, source) ?? '', auditName);
        const result = original(source, args, ctx, info);
        if (access !== 'mask') return result;
        return result instanceof Promise ? result.then((v) => applyMask(rule.mask!, v)) : applyMask(rule.mask!, result);
      };
    }
  }
  return schema;
}

const isChildRecordType = (t: GraphQLOutputType) => getNamedType(t).name in CHILD_RECORDS;

/**
 * Holds every path to a child's record to the caller's row scope, in the subgraph that resolves
 * it: a field that returns records naming a child (`CHILD_RECORDS`) keeps only those inside the
 * caller's scope (a single one outside is FORBIDDEN, saying nothing of whether it exists), and an
 * entity reference to one (`_entities`, how the gateway reaches a department's part of a child or
 * a task's evidence) is refused the same way. District staff's scope is the whole district:
 * nothing is asked.
 */
export function applyRowScopes(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const own = CHILD_RECORDS[type.name];
    const ref = (type as unknown as { resolveReference?: (r: unknown, ctx: PermissionContext, info: unknown) => unknown }).resolveReference;
    if (own && ref) {
      (type as unknown as { resolveReference: typeof ref }).resolveReference = async (reference, ctx, info) => {
        if (!ctx.scope || ctx.scope.whole) return ref(reference, ctx, info);
        const before = childOf(type.name, reference);
        if (before !== undefined) await ctx.scope.assert(before, type.name);
        const resolved = await ref(reference, ctx, info);
        if (before === undefined && resolved != null) await ctx.scope.assert(childOf(type.name, resolved) ?? '', type.name);
        return resolved;
      };
    }
    for (const field of Object.values(type.getFields())) {
      if (!isChildRecordType(field.type)) continue;
      const target = getNamedType(field.type).name;
      const many = isListOutput(field.type);
      const original: GraphQLFieldResolver<unknown, PermissionContext> = field.resolve ?? defaultFieldResolver;
      field.resolve = async (source, args, ctx, info) => {
        const result = await original(source, args, ctx, info);
        if (!ctx.scope || ctx.scope.whole || result == null) return result;
        if (many && Array.isArray(result)) {
          const inside = await ctx.scope.filter(result.map((r) => childOf(target, r) ?? ''));
          return result.filter((r) => inside.has(childOf(target, r) ?? ''));
        }
        await ctx.scope.assert(childOf(target, result) ?? '', `${type.name}.${field.name}`);
        return result;
      };
    }
  }
  return schema;
}

/**
 * Turns type-graphql classes into a Federation 2 subgraph schema: the schema is printed with
 * its directives (so `@key` and friends survive), annotated with `@access` and `@callable` from
 * the policy, linked to the federation spec, rebuilt by @apollo/subgraph with type-graphql's
 * resolvers plus the reference resolvers (`{ Student: { __resolveReference } }`), and the
 * policy is enforced on it.
 */
/** The resolvers of one schema module, as @apollo/subgraph's public `buildSubgraphSchema` takes them. */
type ResolverMap = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number] extends infer M ? (M extends { resolvers?: infer R } ? R : never) : never>;

export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ResolverMap = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, skipCheck: true });
  const typeDefs = annotatePolicy(parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`));
  const resolvers = createResolversMap(schema) as ResolverMap;
  for (const [type, extra] of Object.entries(referenceResolvers)) {
    resolvers[type] = { ...(resolvers[type] as object), ...(extra as object) } as ResolverMap[string];
  }
  return scopeMutations(applyOperationRules(applyTextRules(applyRowScopes(applyPermissions(buildSubgraphSchema({ typeDefs, resolvers }))))));
}

