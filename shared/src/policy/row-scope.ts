/**
 * Row scopes (docs/architecture.md#policy): which children a caller's scope covers, decided by the department that
 * keeps the fact the scope is about, and enforced by every department on its own data.
 *
 * - `district`: every child of the district; nothing is asked.
 * - `school`: the pupils whose school of record is the caller's school. Education keeps that fact.
 * - `subdistrict` / `community`: the children living there. The community service keeps that fact.
 *
 * A department that does not keep the fact asks its owner, service to service (never through the
 * gateway, which forwards no filter of its own): `POST /scope` on the owner's subgraph, with the
 * scope and the children's linkage keys in question; the owner answers which of them are inside.
 * Both directions are authenticated with an HMAC under a key derived from the linkage secret that
 * every department already holds (the gateway forwards no such request), bound to the time and a
 * nonce, so neither a caller nor anyone between the services can forge or replay a membership. The
 * asking department keeps each answer for a minute (`SCOPE_CACHE_SECONDS`) and asks once per
 * request for all the children the request touches (a DataLoader).
 *
 * Unknown scope kinds never get this far: the signed identity's scope kind is checked when it is
 * verified, and `covers` here fails closed for any kind it does not know.
 */
import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/core';
import type { Config, SubgraphName } from '../core';
import { forbidden, serviceUnavailable } from '../core';
import type { Identity, ScopeKind } from '../identity';
import { callService, serviceEndpoint, serviceKey } from '../identity';

/** Which department keeps the fact each scope kind is about (`null`: nothing to ask). */
export const SCOPE_OWNERS: Record<ScopeKind, SubgraphName | null> = {
  district: null,
  school: 'education',
  subdistrict: 'community',
  community: 'community',
};

/** The rule of each scope kind, as a rule about the child (rendered into docs/permissions.md). */
export const ROW_SCOPES: readonly { scope: ScopeKind; who: string; rule: string; owner: string }[] = [
  { scope: 'district', who: '区级部门：教育局、公安、民政/扶贫、联席会议', rule: '本区所有儿童', owner: '—' },
  { scope: 'school', who: '学校工作人员（school_staff）', rule: '学籍在本校的学生（教育局学籍记录中的学校为调用者的学校）', owner: '教育局（学籍）' },
  { scope: 'subdistrict', who: '街道工作人员（community）', rule: '居住在本街道的儿童（社区居民登记中住户所在社区属于本街道）', owner: '街道/社区（居民登记）' },
  { scope: 'community', who: '网格员（grid_worker）', rule: '居住在本社区的儿童（社区居民登记中住户所在社区为调用者的社区）', owner: '街道/社区（居民登记）' },
];

/** The owner's answer: which of these children are inside this scope, from its own records. */
export type ScopeMembers = (scope: Identity['scope'], ids: readonly string[]) => Promise<Set<string>>;

/**
 * The owner's answer read from one of its tables: the children of `ids` whose row there matches
 * `where(scope)`, a thousand keys per statement (each answer on a fresh fork: it is asked outside
 * any request).
 */
export function membersFrom<T extends { id: string }>(
  em: () => EntityManager, entity: EntityName<T>, where: (scope: Identity['scope']) => FilterQuery<T>,
): ScopeMembers {
  return async (scope, ids) => {
    const inside = new Set<string>();
    const fork = em();
    for (const part of chunked(ids, 1000)) {
      const rows = await fork.find(entity, { $and: [{ id: { $in: part } }, where(scope)] } as FilterQuery<T>, { fields: ['id'] as never });
      for (const r of rows) inside.add(r.id);
    }
    return inside;
  };
}

/** A request's view of the caller's row scope. */
export interface RowScope {
  /** true when the caller's scope covers every child (district staff) */
  readonly whole: boolean;
  /** whether this child is inside the caller's scope */
  covers(id: string): Promise<boolean>;
  /** the children of `ids` inside the caller's scope */
  filter(ids: readonly string[]): Promise<Set<string>>;
  /** FORBIDDEN naming `field` unless the child is inside the caller's scope; says nothing of whether it exists */
  assert(id: string, field: string): Promise<void>;
}

export const SCOPE_PATH = '/scope';

const scopeKey = (secret: string) => serviceKey(secret, 'row-scope membership v1');

interface MembershipQuestion {
  scope: Identity['scope'];
  ids: string[];
  from: SubgraphName;
}

/** The owner's side: answers `POST /scope` from its own records. */
export function scopeEndpoint(secret: string, members: ScopeMembers) {
  return serviceEndpoint<MembershipQuestion>(scopeKey(secret), async (q) => {
    if (!q.scope || SCOPE_OWNERS[q.scope.kind] == null || !Array.isArray(q.ids) || q.ids.some((id) => typeof id !== 'string')) {
      return { status: 400, body: { error: 'bad question' } };
    }
    return { status: 200, body: { inside: [...(await members(q.scope, q.ids))] } };
  }, 100_000);
}

/**
 * A department's row-scope checker: its own records for the scope kinds it keeps, the owner's
 * answer (asked service to service, kept a minute) for the others.
 */
export function rowScopes(opts: {
  self: SubgraphName;
  config: Config;
  secret: string;
  /** the scope kinds this department keeps the facts for, answered from its own database */
  own?: Partial<Record<ScopeKind, ScopeMembers>>;
}) {
  const key = scopeKey(opts.secret);
  const ttl = Number(process.env.SCOPE_CACHE_SECONDS ?? 60) * 1000;
  const remembered = new LRUCache<string, boolean>({ max: 200_000, ttl: Math.max(ttl, 1) });

  async function ask(owner: SubgraphName, scope: Identity['scope'], ids: string[]): Promise<Set<string>> {
    const question: MembershipQuestion = { scope, ids, from: opts.self };
    let reply: Awaited<ReturnType<typeof callService<{ inside: string[] }>>>;
    try {
      reply = await callService<{ inside: string[] }>(new URL(SCOPE_PATH, opts.config.subgraphUrl(owner)), key, question);
    } catch (e) {
      throw serviceUnavailable(owner, e);
    }
    if (reply.status !== 200) throw serviceUnavailable(owner, new Error(`scope membership answer refused (HTTP ${reply.status})`));
    return new Set(reply.answer.inside);
  }

  async function members(scope: Identity['scope'], ids: string[]): Promise<Set<string>> {
    const owner = SCOPE_OWNERS[scope.kind];
    if (owner === undefined) return new Set(); // unknown kind: nobody is inside
    if (owner === null) return new Set(ids);
    const local = owner === opts.self ? opts.own?.[scope.kind] : undefined;
    if (owner === opts.self && !local) throw new Error(`${opts.self} keeps ${scope.kind} scopes but declares no members function`);
    const unknown = ids.filter((id) => !remembered.has(`${scope.kind}:${scope.code}:${id}`));
    if (unknown.length) {
      const inside = local ? await local(scope, unknown) : await ask(owner, scope, unknown);
      for (const id of unknown) remembered.set(`${scope.kind}:${scope.code}:${id}`, inside.has(id));
    }
    return new Set(ids.filter((id) => remembered.get(`${scope.kind}:${scope.code}:${id}`)));
  }

  /** The request's RowScope: one question per request for all the children it touches. */
  return (identity: Identity): RowScope => {
    const whole = identity.scope.kind === 'district';
    const loader = new DataLoader<string, boolean>(async (ids) => {
      const inside = await members(identity.scope, [...new Set(ids)]);
      return ids.map((id) => inside.has(id));
    });
    const covers = async (id: string) => whole || (typeof id === 'string' && (await loader.load(id)));
    return {
      whole,
      covers,
      async filter(ids) {
        if (whole) return new Set(ids);
        const flags = await loader.loadMany([...ids]);
        return new Set(ids.filter((_id, i) => flags[i] === true));
      },
      async assert(id, field) {
        if (!(await covers(id))) throw forbidden(`this child is outside your ${identity.scope.kind} (${identity.scope.code})`, field);
      },
    };
  };
}

export type RowScopeFactory = ReturnType<typeof rowScopes>;

/** `items` in parts of at most `size` (one SQL `IN` list each). */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}
