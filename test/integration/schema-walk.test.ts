/**
 * The policy holds on every path: a walk of the composed supergraph.
 *
 * From gateway/supergraph.graphql, for every root query, a selection of every field down to a
 * bounded depth (unions and interfaces through each member) is sent through the real gateway as
 * each of the seven demo accounts. In every answer:
 * - no record that names a child outside the caller's row scope (CHILD_RECORDS: the child, a task,
 *   a ledger line, a home visit, a locate request, a letter, …) comes back with anything but its key;
 * - no field the matrix denies the caller's department comes back non-null, and no field it masks
 *   comes back unmasked.
 * What is inside or outside a scope is taken from the district's own answers (education's school of
 * record, the community's residence), read first as district staff.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  Lexer, Source, TokenKind, buildASTSchema, getNamedType, isEnumType, isInterfaceType, isLeafType, isNonNullType, isObjectType, isUnionType, parse,
  type GraphQLField, type GraphQLNamedType, type GraphQLSchema,
} from 'graphql';
import { DEMO_ACCOUNTS, type Identity } from '@kongchuo/shared/identity';
import { CHILD_RECORDS, OPERATION_RULES, PERMISSIONS, accessFor, applyMask, mayCall, ruleFor } from '@kongchuo/shared/policy';
import { gql as gqlThrough, ok as okThrough, type Account } from '../support/client';
import { gatewayWith } from '../support/instances';
import type { RunningService } from '@kongchuo/shared/server';

// The walk sends whole subtrees of the schema at once — lists inside lists, which demand control
// refuses any client (LIMIT_MAX_COST) — so it runs through a gateway of its own with that one
// limit lifted; every other rule it checks is the departments' own, the same behind any gateway.
let walkGateway: RunningService | undefined;
beforeAll(async () => (walkGateway = await gatewayWith({}, { LIMIT_MAX_COST: '100000000', RATE_LIMIT_USER_PER_MINUTE: '1000000', RATE_LIMIT_DEPARTMENT_PER_MINUTE: '10000000' })));
afterAll(() => walkGateway?.stop());
const gql: typeof gqlThrough = (query, variables = {}, opts = {}) => gqlThrough(query, variables, { ...opts, url: walkGateway!.url });
const ok: typeof okThrough = (query, variables = {}, opts = {}) => okThrough(query, variables, { ...opts, url: walkGateway!.url });

const SUPERGRAPH = fs.readFileSync(path.resolve(__dirname, '..', '..', 'gateway', 'supergraph.graphql'), 'utf8');
const schema: GraphQLSchema = buildASTSchema(parse(SUPERGRAPH), { assumeValidSDL: true });
const DEPTH = Number(process.env.SCHEMA_WALK_DEPTH ?? 4);
const MAX_TOKENS = 3500;

/** Values for required arguments that are not ids. */
const FIXED_ARGS: Record<string, unknown> = { month: '2018-05', weekEnding: '2018-12-30', year: 2018, code: '2145020403' };

const tokenCount = (text: string) => {
  const lexer = new Lexer(new Source(text));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n += 1;
  return n;
};

/** Lists are walked a few items deep: the rules are per record, and a page of each shows every path. */
const PAGE = Number(process.env.SCHEMA_WALK_PAGE ?? 4);
const pageArg = (f: GraphQLField<unknown, unknown>) => (f.args.some((a) => a.name === 'first') ? `(first: ${PAGE})` : '');

const internal = (t: GraphQLNamedType) => t.name.startsWith('join__') || t.name.startsWith('link__') || t.name.startsWith('__');

/** A selection: a leaf field, or a field (or inline fragment) with a selection of its own. */
interface Sel {
  head: string;
  children?: Sel[];
}
const render = (sels: Sel[]): string => sels.map((x) => (x.children ? `${x.head} { ${render(x.children)} }` : x.head)).join(' ');

/**
 * Every field of `type` to `depth`, each type once along a path (going round — a task's meeting's tasks — reaches nothing new).
 * With `reader`, the fields the matrix denies that reader are left out: a denied field answers null with
 * FORBIDDEN, and a null in a non-null position takes the records around it with it, so the rows
 * behind it could not be checked.
 */
function fieldsOf(type: GraphQLNamedType, depth: number, path: readonly string[] = [], reader?: Identity): Sel[] {
  if (isLeafType(type) || depth < 0 || path.includes(type.name)) return [];
  const onPath = [...path, type.name];
  if (isUnionType(type) || isInterfaceType(type)) {
    const members = isUnionType(type) ? type.getTypes() : schema.getPossibleTypes(type);
    // a field name two members give different types must be aliased apart (HomeVisit.outcome, DropoutCase.outcome)
    const typesOf = new Map<string, Set<string>>();
    for (const m of members) for (const f of Object.values(m.getFields())) typesOf.set(f.name, (typesOf.get(f.name) ?? new Set()).add(String(f.type)));
    const clash = new Set([...typesOf].filter(([, t]) => t.size > 1).map(([n]) => n));
    const alias = (m: GraphQLNamedType, x: Sel): Sel => {
      const name = x.head.split(/[ (]/)[0];
      return clash.has(name) ? { ...x, head: `${m.name}_${name}: ${x.head}` } : x;
    };
    const fragments = members.map((m) => ({ m, sels: fieldsOf(m, depth, onPath, reader) })).filter((x) => x.sels.length);
    return [{ head: '__typename' }, ...fragments.map(({ m, sels }) => ({ head: `... on ${m.name}`, children: sels.map((x) => alias(m, x)) }))];
  }
  if (!isObjectType(type)) return [];
  const out: Sel[] = [{ head: '__typename' }];
  for (const f of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(f.type);
    if (internal(named)) continue;
    if (reader && deniedTo(reader, `${type.name}.${f.name}`)) continue;
    if (isLeafType(named)) out.push({ head: f.name });
    else if (depth > 0) {
      const inner = fieldsOf(named, depth - 1, onPath, reader);
      if (inner.length) out.push({ head: `${f.name}${pageArg(f)}`, children: inner });
    }
  }
  return out;
}

/**
 * Selections that each fit the gateway's token limit and together cover `sels`: a selection too
 * big for one query is split by branch, each branch keeping the leaves around it (ids, studentId),
 * recursively.
 */
function split(sels: Sel[], wrap: (inner: string) => string): string[] {
  const whole = wrap(render(sels));
  if (tokenCount(whole) <= MAX_TOKENS) return [whole];
  const leaves = sels.filter((x) => !x.children);
  const branches = sels.filter((x) => x.children);
  if (!branches.length) return [whole];
  return branches.flatMap((branch) =>
    split(branch.children!, (inner) => wrap(`${render(leaves)} ${branch.head} { ${inner} }`)));
}

const deniedTo = (reader: Identity, field: string) => {
  const rule = ruleFor(field);
  return !!rule && accessFor(rule, reader.department, reader.role) === 'deny';
};

function queriesFor(root: GraphQLField<unknown, unknown>, args: string, reader?: Identity): string[] {
  const named = getNamedType(root.type);
  if (isLeafType(named)) return [`{ ${root.name}${args} }`];
  return split(fieldsOf(named, DEPTH - 1, [schema.getQueryType()!.name], reader), (inner) => `{ ${root.name}${args} { ${inner} } }`);
}

// ---------------------------------------------------------------- what the answers hold

interface Found {
  typename: string;
  obj: Record<string, unknown>;
  /** the child of the nearest record around this one (a task's evidence is about the task's child) */
  around?: string;
}

function walk(value: unknown, found: Found[], around?: string): void {
  if (Array.isArray(value)) return value.forEach((v) => walk(v, found, around));
  if (!value || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  let inner = around;
  if (typeof obj.__typename === 'string') {
    const f: Found = { typename: obj.__typename, obj, around };
    found.push(f);
    if (obj.__typename in CHILD_RECORDS) inner = childIn(f) ?? around;
  }
  for (const v of Object.values(obj)) walk(v, found, inner);
}

/** The child a record names, as far as the answer shows it. */
function childIn(f: Found): string | undefined {
  const o = f.obj as { id?: string; studentId?: string; student?: { id?: string } | null; dropoutCase?: { student?: { id?: string } | null } | null };
  if (f.typename === 'Student') return o.id;
  return o.studentId ?? o.student?.id ?? o.dropoutCase?.student?.id ?? undefined;
}

const KEY_FIELDS = new Set(['__typename', 'id', 'studentId']);
const carriesData = (obj: Record<string, unknown>) => Object.entries(obj).some(([k, v]) => !KEY_FIELDS.has(k) && v !== null && !(Array.isArray(v) && v.length === 0));

interface Place {
  school?: string;
  community?: string;
  subdistrict?: string;
}

function inScope(identity: Identity, place: Place | undefined): boolean {
  const { kind, code } = identity.scope;
  if (kind === 'district') return true;
  if (!place) return false;
  if (kind === 'school') return place.school === code;
  if (kind === 'community') return place.community === code;
  if (kind === 'subdistrict') return place.subdistrict === code;
  return false;
}

const ACCOUNTS = Object.keys(DEMO_ACCOUNTS) as Account[];

/**
 * The floor this walk holds the system to whatever shared/src/policy/permissions.ts says (docs/architecture.md#policy and the
 * leaks this policy was built against): the departments that may read each field as stored. Written
 * here, apart from the declaration, so that removing or widening one of these rules there fails the walk.
 */
const FLOOR: Record<string, readonly string[]> = {
  'Student.idNumber': ['education', 'public_security'],
  'Student.studentNumber': ['education', 'public_security'],
  'AidGrant.amount': ['civil_affairs', 'joint_meeting'],
  'Student.employerViolations': ['public_security'],
  'Hukou.registeredAddress': ['public_security'],
  'Hukou.householdNumber': ['public_security'],
  'HomeVisit.notes': ['community', 'education', 'joint_meeting'],
  'LocateRequest.reports': ['public_security', 'education', 'joint_meeting'],
  'LegalNotice.recipient': ['public_security', 'education', 'joint_meeting'],
  'LegalNotice.content': ['public_security', 'education', 'joint_meeting'],
  'Letter.recipient': ['education', 'joint_meeting'],
  'Letter.body': ['education', 'joint_meeting'],
  'Letter.reply': ['education', 'joint_meeting'],
  'Guardian.phone': ['public_security', 'education', 'community'],
  'ResidencePermit.address': ['public_security', 'community'],
  'FamilySituation.address': ['community', 'public_security'],
};
/** A value as stored is one that is not null, not an empty list, and not masked (a mask shows `*`). */
const asStored = (v: unknown) => v != null && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'string' && v.includes('*'));

describe('every path to a child through the supergraph keeps the policy', () => {
  /** where each child is: school of record, community and subdistrict of residence */
  const places = new Map<string, Place>();
  /** record ids (tasks, visits, …) → the child they name, from the district's answers */
  const recordChild = new Map<string, string>();
  /** ids seen per type, to call the by-id lookups with */
  const idsOf = new Map<string, Set<string>>();
  const sawId = (type: string, id: string) => {
    if (!idsOf.has(type)) idsOf.set(type, new Set());
    idsOf.get(type)!.add(id);
  };
  /** per account, the kinds of child record its own pass read with data inside its scope */
  const readInPass = new Map<Account, Set<string>>();
  /** each root query with its arguments (ids of its type for the lookups by id) */
  const plans: { root: GraphQLField<unknown, unknown>; args: string }[] = [];
  /**
   * What each account is sent: every plan as a whole (denied fields must come back null) and every
   * plan without the fields denied to it (so the records around a denied field come back and their
   * rows can be checked).
   */
  const queriesOf = (identity: Identity, whole = true) => {
    const out = new Map<string, string>();
    for (const { root, args } of plans) {
      for (const q of [...(whole ? queriesFor(root, args) : []), ...queriesFor(root, args, identity)]) out.set(q, root.name);
    }
    return [...out].map(([query, root]) => ({ root, query }));
  };

  beforeAll(async () => {
    // the ledgers hold lines once the cross-department check has run
    const { crossCheck } = await ok<{ crossCheck: { id: string } | null }>('{ crossCheck { id } }', {}, { as: 'joint-meeting' });
    if (!crossCheck) await ok('mutation { runCrossCheck { id } }', {}, { as: 'joint-meeting' });
    const roots = Object.values(schema.getQueryType()!.getFields()) as GraphQLField<unknown, unknown>[];
    // first the lookups without ids, as the district accounts that may call them: they show which ids exist
    const isId = (a: GraphQLField<unknown, unknown>['args'][number]) => getNamedType(a.type).name === 'ID' || a.name === 'id';
    const needsId = (f: GraphQLField<unknown, unknown>) => f.args.some((a) => isNonNullType(a.type) && isId(a));
    const argsFor = (f: GraphQLField<unknown, unknown>, id?: string) => {
      const parts = f.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined).map((a) => {
        const named = getNamedType(a.type);
        if (isId(a)) return `${a.name}: ${JSON.stringify(id)}`;
        // the dropout ledger: lines the check found, with the tasks and children behind them
        if (isEnumType(named)) return `${a.name}: ${named.getValues().at(-1)!.name}`;
        if (!(a.name in FIXED_ARGS)) throw new Error(`schema walk: no value for ${f.name}(${a.name})`);
        return `${a.name}: ${JSON.stringify(FIXED_ARGS[a.name])}`;
      });
      if (f.args.some((a) => a.name === 'first')) parts.push(`first: ${PAGE}`);
      return parts.length ? `(${parts.join(', ')})` : '';
    };
    for (const f of roots.filter((r) => !needsId(r))) plans.push({ root: f, args: argsFor(f) });

    for (const account of ['joint-meeting', 'edu-admin', 'police', 'civil-affairs'] as Account[]) {
      for (const { root, query } of queriesOf(DEMO_ACCOUNTS[account], false)) {
        if (!mayCall(`Query.${root}`, DEMO_ACCOUNTS[account])) continue;
        const r = await gql(query, {}, { as: account });
        if (process.env.SCHEMA_WALK_DEBUG && r.errors?.length) console.log(root, account, r.errors[0].extensions?.code, r.errors[0].message.slice(0, 200));
        const found: Found[] = [];
        walk(r.data, found);
        for (const f of found) {
          const id = f.obj.id;
          if (typeof id === 'string') sawId(f.typename, id);
          const child = childIn(f);
          if (child && typeof id === 'string' && f.typename in CHILD_RECORDS) recordChild.set(`${f.typename}:${id}`, child);
        }
      }
    }
    // children with aid grants: few, and no list reaches them but the children's own (civil affairs keeps no list of grants)
    const withAid: string[] = [];
    for (let after: string | null = null, pages = 0; withAid.length < 6 && pages < 60; pages += 1) {
      type Page = { students: { nodes: { id: string; poverty: { aids: { id: string }[] } | null }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      const { students }: Page = await ok<Page>('query($after: String) { students(first: 500, after: $after) { nodes { id poverty { aids { id } } } pageInfo { hasNextPage endCursor } } }', { after }, { as: 'joint-meeting' });
      for (const n of students.nodes.filter((x) => x.poverty?.aids.length)) {
        withAid.push(n.id);
        for (const aid of n.poverty!.aids) {
          sawId('AidGrant', aid.id);
          recordChild.set(`AidGrant:${aid.id}`, n.id);
        }
      }
      if (!students.pageInfo.hasNextPage) break;
      after = students.pageInfo.endCursor;
    }
    // then every lookup by id, with ids of its type: some inside each scoped account's scope, some outside
    for (const f of roots.filter(needsId)) {
      const featuredIds = getNamedType(f.type).name === 'Student' ? withAid.slice(0, 6) : [];
      for (const id of featuredIds) plans.push({ root: f, args: argsFor(f, id) });
      const ids = [...(idsOf.get(getNamedType(f.type).name) ?? [])].filter((id) => !featuredIds.includes(id));
      const sample = [...ids.slice(0, 4), ...ids.slice(-4), ...ids.filter((_x, i) => i % Math.max(1, Math.floor(ids.length / 8)) === 0)];
      for (const id of [...new Set(sample)].slice(0, 8)) plans.push({ root: f, args: argsFor(f, id) });
    }
  }, 300_000);

  const KINDS = ['Student', 'PersuasionTask', 'HomeVisit', 'LocateRequest', 'Letter', 'DropoutCase', 'LegalNotice', 'AidGrant', 'LedgerEntry'];

  it('finds records of children of every kind the policy names, to look up by id', () => {
    for (const type of KINDS) expect({ type, found: (idsOf.get(type)?.size ?? 0) > 0 }).toEqual({ type, found: true });
    expect(queriesOf(DEMO_ACCOUNTS['joint-meeting']).length).toBeGreaterThan(60);
  });

  /** where these children are, as the owners of those facts record them, read as the joint meeting */
  async function locate(ids: string[]): Promise<void> {
    const unknown = [...new Set(ids)].filter((id) => !places.has(id));
    // 15 children a request: two aliases each, within the gateway's 30
    for (let i = 0; i < unknown.length; i += 15) {
      const part = unknown.slice(i, i + 15);
      // a child education has no record of (never enrolled) is found where it lives, through the community's root
      const body = part.map((id, j) => `s${j}: student(id: ${JSON.stringify(id)}) { id enrollment { school { code } } community { code subdistrict { code } } } r${j}: resident(id: ${JSON.stringify(id)}) { id community { code subdistrict { code } } }`).join(' ');
      type Located = { id: string; enrollment?: { school: { code: string } } | null; community: { code: string; subdistrict: { code: string } | null } | null } | null;
      const data = await ok<Record<string, Located>>(`{ ${body} }`, {}, { as: 'joint-meeting' });
      part.forEach((id, j) => {
        const st = data[`s${j}`];
        const lives = st?.community ?? data[`r${j}`]?.community;
        places.set(id, { school: st?.enrollment?.school.code, community: lives?.code, subdistrict: lives?.subdistrict?.code });
      });
    }
  }

  it.each(ACCOUNTS)('%s: no child outside its scope, no denied or unmasked field, on any path', async (account) => {
    const identity = DEMO_ACCOUNTS[account];
    const leaks: string[] = [];
    let answered = 0;
    for (const { root, query } of queriesOf(identity)) {
      const r = await gql(query, {}, { as: account });
      const unexpected = (r.errors ?? []).filter((e) => !['FORBIDDEN', 'NOT_FOUND'].includes(String(e.extensions?.code)));
      if (unexpected.length) leaks.push(`${root}: unexpected error ${unexpected[0].extensions?.code}: ${unexpected[0].message.slice(0, 160)}`);
      if (!mayCall(`Query.${root}`, identity)) {
        if (r.data && (r.data as Record<string, unknown>)[root] != null) leaks.push(`${root}: answered though the operation rules do not name ${account}`);
        continue;
      }
      const found: Found[] = [];
      walk(r.data, found);
      if (found.length) answered += 1;
      await locate(found.filter((f) => f.typename in CHILD_RECORDS).map((f) => childIn(f) ?? recordChild.get(`${f.typename}:${String(f.obj.id)}`) ?? f.around).filter((c): c is string => !!c));
      for (const f of found) {
        // row scope
        if (f.typename in CHILD_RECORDS && carriesData(f.obj)) {
          const id = typeof f.obj.id === 'string' ? f.obj.id : undefined;
          const child = childIn(f) ?? (id ? recordChild.get(`${f.typename}:${id}`) : undefined) ?? f.around;
          if (!child) {
            if (identity.scope.kind !== 'district') leaks.push(`${root}: a ${f.typename} whose child cannot be told came back to ${account}`);
          } else if (inScope(identity, places.get(child))) {
            if (!readInPass.has(account)) readInPass.set(account, new Set());
            readInPass.get(account)!.add(f.typename);
          } else {
            leaks.push(`${root}: ${f.typename} of a child outside ${identity.scope.kind} ${identity.scope.code}: ${Object.keys(f.obj).filter((k) => f.obj[k] != null).join(',')}`);
          }
        }
        // the floor, apart from the declaration
        for (const [field, readers] of Object.entries(FLOOR)) {
          const [type, name] = field.split('.');
          if (type === f.typename && asStored(f.obj[name]) && !readers.includes(identity.department)) leaks.push(`${root}: ${field} came back as stored to ${identity.department} (below the floor)`);
        }
        // field rules
        for (const rule of PERMISSIONS) {
          const [type, field] = rule.field.split('.');
          if (type !== f.typename || !(field in f.obj) || f.obj[field] == null) continue;
          const access = accessFor(rule, identity.department, identity.role);
          if (access === 'deny' && !(Array.isArray(f.obj[field]) && (f.obj[field] as unknown[]).length === 0)) leaks.push(`${root}: ${rule.field} denied to ${identity.department} came back`);
          if (access === 'mask' && typeof f.obj[field] === 'string' && applyMask(rule.mask!, f.obj[field]) !== f.obj[field]) leaks.push(`${root}: ${rule.field} came back unmasked to ${identity.department}`);
        }
      }
    }
    expect([...new Set(leaks)].slice(0, 40)).toEqual([]);
    expect(answered).toBeGreaterThan(0);
  }, 300_000);

  // the checks above hold only as far as the accounts' own passes read records: a pass that read
  // nothing (every answer refused or empty) would find no leak and prove nothing
  it('the accounts\' own passes read children\'s records of every kind, and each account some of its own children', () => {
    if (process.env.SCHEMA_WALK_DEBUG) console.log(Object.fromEntries([...readInPass].map(([a, kinds]) => [a, [...kinds].join(' ')])));
    const union = new Set([...readInPass.values()].flatMap((kinds) => [...kinds]));
    for (const type of KINDS) expect({ type, read: union.has(type) }).toEqual({ type, read: true });
    for (const account of ACCOUNTS) {
      const kinds = [...(readInPass.get(account) ?? [])];
      expect({ account, student: kinds.includes('Student'), task: kinds.includes('PersuasionTask') }).toEqual({ account, student: true, task: true });
    }
  });

  it('every operation in the supergraph has exactly one rule, and every rule an operation', () => {
    const roots = [schema.getQueryType()!, schema.getMutationType()!].flatMap((t) => Object.keys(t.getFields()).map((f) => `${t.name}.${f}`));
    expect(roots.filter((r) => !OPERATION_RULES.some((o) => o.operation === r))).toEqual([]);
    expect(OPERATION_RULES.map((o) => o.operation).filter((o) => !roots.includes(o))).toEqual([]);
    expect(new Set(OPERATION_RULES.map((o) => o.operation)).size).toBe(OPERATION_RULES.length);
  });
});
