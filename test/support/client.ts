/** A tiny typed GraphQL client for tests: every call is real HTTP to the gateway (or a subgraph). */
import { loadConfig } from '@kongchuo/shared/core';
import { DEMO_ACCOUNTS, issueUserToken, loadKeys, type KeyMaterial } from '@kongchuo/shared/identity';

export type Account = keyof typeof DEMO_ACCOUNTS & string;

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; [k: string]: unknown };
}

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: GraphQLErrorShape[];
}

let keys: Promise<KeyMaterial> | undefined;
const tokens = new Map<string, Promise<string>>();

function sharedEnv() {
  if (!process.env.KC_DATA_DIR) throw new Error('the test system is not running (globalSetup)');
  return { ...process.env, DATA_DIR: process.env.KC_DATA_DIR };
}

export function testKeys(): Promise<KeyMaterial> {
  const env = sharedEnv();
  keys ??= loadKeys(loadConfig(env), env);
  return keys;
}

/** A bearer token for a demo account, signed with the test system's development key (its gateway trusts that key). */
export function tokenFor(account: Account): Promise<string> {
  if (!tokens.has(account)) tokens.set(account, testKeys().then((k) => issueUserToken(DEMO_ACCOUNTS[account], loadConfig(sharedEnv()), k)));
  return tokens.get(account)!;
}

export const gatewayUrl = () => process.env.KC_GATEWAY_URL!;
export const subgraphUrl = (name: string) => process.env[`KC_${name.toUpperCase().replace(/-/g, '_')}_URL`]!;

export async function post<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: { data?: T | null; errors?: GraphQLErrorShape[] } = {};
  try {
    json = JSON.parse(text);
  } catch {
    json = { errors: [{ message: text }] };
  }
  return { status: res.status, ...json };
}

/** Runs an operation through the gateway as a demo account (`as: null` sends no token). */
export async function gql<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  opts: { as?: Account | null; token?: string; headers?: Record<string, string>; url?: string } = {},
): Promise<GraphQLResponse<T>> {
  const as = opts.as === undefined ? 'edu-admin' : opts.as;
  const token = opts.token ?? (as ? await tokenFor(as) : undefined);
  return post<T>(opts.url ?? gatewayUrl(), { query, variables }, { ...(token ? { authorization: `Bearer ${token}` } : {}), ...opts.headers });
}

/** The data of a call that must succeed (throws with the errors otherwise). */
export async function ok<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, opts: Parameters<typeof gql>[2] = {}): Promise<T> {
  const r = await gql<T>(query, variables, opts);
  if (r.errors?.length || !r.data) throw new Error(`expected success, got ${r.status}: ${JSON.stringify(r.errors)}`);
  return r.data;
}

/** The first error's code and field. */
export const codeOf = (r: GraphQLResponse<unknown>) => ({ code: r.errors?.[0]?.extensions?.code, field: r.errors?.[0]?.extensions?.field });
