/**
 * What production (`NODE_ENV=production`) refuses to start with: missing or weak secrets, a
 * department without a database URL (no SQLite file made up in `DATA_DIR`), a gateway without its
 * signing key, keys that are not what their variable says. Every problem names its variable and
 * never its value; outside production nothing is checked and the development defaults apply.
 */
import { SUBGRAPH_NAMES, WORKERS, type Config, type SubgraphName, type WorkerName, MIN_SECRET_LENGTH, secretWeakness } from '../core';
import { auditKeyProblems, checkpointsHeldBy } from '../audit';

/** A process of the system: the gateway, the identity provider, one department, or one department's worker. */
export type ServiceName = 'gateway' | 'identity' | SubgraphName | WorkerName;

const envName = (name: string) => name.toUpperCase().replace(/-/g, '_');
const set = (env: NodeJS.ProcessEnv, key: string) => (env[key] ?? '') !== '';

type Jwk = Record<string, unknown>;
function parseJwk(text: string): Jwk | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Jwk) : undefined;
  } catch {
    return undefined;
  }
}

/** Problems with the gateway's Ed25519 identity keys; `withPrivate` for the gateway itself. */
function gatewayKeyProblems(env: NodeJS.ProcessEnv, withPrivate: boolean): string[] {
  const problems: string[] = [];
  let publicX: unknown;
  if (!set(env, 'GATEWAY_PUBLIC_JWK')) {
    problems.push('GATEWAY_PUBLIC_JWK is not set: every service checks the gateway\'s signatures with it (`npm run -s keys` makes the pair)');
  } else {
    const jwk = parseJwk(env.GATEWAY_PUBLIC_JWK!);
    if (!jwk || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') problems.push('GATEWAY_PUBLIC_JWK is not an Ed25519 JSON Web Key');
    else if ('d' in jwk) problems.push('GATEWAY_PUBLIC_JWK holds a private key: with it any service could sign identities; give it the public half only');
    else publicX = jwk.x;
  }
  if (!withPrivate) return problems;
  if (!set(env, 'GATEWAY_PRIVATE_JWK')) {
    problems.push('GATEWAY_PRIVATE_JWK is not set: the gateway cannot sign identities for the departments, and production never generates one');
  } else {
    const jwk = parseJwk(env.GATEWAY_PRIVATE_JWK!);
    if (!jwk || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string') problems.push('GATEWAY_PRIVATE_JWK is not an Ed25519 private JSON Web Key');
    else if (publicX !== undefined && jwk.x !== publicX) problems.push('GATEWAY_PRIVATE_JWK does not match GATEWAY_PUBLIC_JWK: the departments would refuse every signature');
  }
  return problems;
}

/** TOKEN_ISSUER: named, and https (people's browsers go there to sign in). */
function issuerProblems(env: NodeJS.ProcessEnv, config: Config): string[] {
  if (!set(env, 'TOKEN_ISSUER')) return ['TOKEN_ISSUER is not set: the OpenID provider\'s issuer URL (the embedded provider\'s public https address, or your own provider\'s)'];
  return config.token.issuer.startsWith('https://') ? [] : ['TOKEN_ISSUER must be https: people sign in there with their passwords'];
}

/** Problems with how the gateway checks user tokens: the IdP's public key, or a JWKS fetched over HTTPS. */
function tokenKeyProblems(config: Config): string[] {
  const { issuerPublicJwk, jwksUrl } = config.token;
  if (!issuerPublicJwk && !jwksUrl) return ['TOKEN_PUBLIC_JWK or TOKEN_JWKS_URL must be set: the identity provider\'s key (there is no other way in in production)'];
  const problems: string[] = [];
  if (jwksUrl) {
    let url: URL | undefined;
    try {
      url = new URL(jwksUrl);
    } catch {
      problems.push('TOKEN_JWKS_URL is not a URL');
    }
    // in the clear only on this machine or to a service name of the deployment's own network (docker-compose's `identity`)
    const internal = url && (['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || !url.hostname.includes('.'));
    if (url && url.protocol !== 'https:' && !internal) problems.push('TOKEN_JWKS_URL must be https (or reach the provider on this machine or by its service name on the deployment\'s network): keys fetched in the clear could be replaced on the way');
  } else {
    const jwk = parseJwk(issuerPublicJwk!);
    const rsa = config.token.algorithms[0]?.startsWith('RS') || config.token.algorithms[0]?.startsWith('PS');
    if (!jwk || (rsa ? jwk.kty !== 'RSA' : jwk.kty !== 'EC' || jwk.crv !== 'P-256')) problems.push(`TOKEN_PUBLIC_JWK is not ${rsa ? 'an RSA' : 'an ES256 (P-256)'} JSON Web Key (TOKEN_ALGORITHMS=${config.token.algorithms.join(',')})`);
    else if ('d' in jwk) problems.push('TOKEN_PUBLIC_JWK holds a private key: give the gateway the identity provider\'s public key only');
  }
  return problems;
}

/** The user name in a `postgres://` URL, or undefined (none given, or not PostgreSQL). */
function postgresUser(url: string): string | undefined {
  if (!/^postgres(ql)?:\/\//.test(url)) return undefined;
  try {
    return decodeURIComponent(new URL(url).username) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Problems with the departments' databases in production: each must be named (no SQLite file
 * made up in DATA_DIR), none reached as the `postgres` superuser, no two the same database.
 * Empty outside production.
 */
export function databaseProblems(config: Config, env: NodeJS.ProcessEnv, names: readonly (SubgraphName | 'identity')[]): string[] {
  if (!config.production) return [];
  const problems: string[] = [];
  for (const name of names) {
    const own = `${envName(name)}_DATABASE_URL`;
    if (!set(env, own) && !set(env, 'DATABASE_URL')) problems.push(`${own} (or DATABASE_URL) is not set: production does not fall back to a SQLite file in DATA_DIR`);
    else if (postgresUser(config.databaseUrl(name)) === 'postgres') problems.push(`${set(env, own) ? own : 'DATABASE_URL'} connects as postgres: a department connects as its own role, never a superuser (deploy/postgres/init.sh)`);
  }
  if (!problems.length && new Set(names.map((n) => config.databaseUrl(n))).size < names.length) {
    problems.push('DATABASE_URL has no {service} in it: the departments would share one database');
  }
  return problems;
}

export interface ProductionCheckOptions {
  /** the demo world would be seeded (`npm start` without DEMO_SEED=off, `serve.js` with DEMO_SEED=on) */
  demo?: boolean;
}

/**
 * Everything that keeps `services` from starting in production, one line per problem, each naming
 * its variable and never its value; empty outside production (`config.production` false).
 */
export function productionProblems(config: Config, env: NodeJS.ProcessEnv, services: readonly ServiceName[], opts: ProductionCheckOptions = {}): string[] {
  if (!config.production) return [];
  const problems: string[] = [];
  const linkage = env.LINKAGE_SECRET ?? '';
  // the identity provider alone holds no linkage secret and checks no gateway signature
  const onlyIdentity = services.every((s) => s === 'identity');
  if (!onlyIdentity && !linkage) problems.push('LINKAGE_SECRET is not set: the district\'s secret for linkage keys (`npm run -s keys` makes one)');
  else if (!onlyIdentity) {
    const weak = secretWeakness(linkage);
    if (weak) problems.push(`LINKAGE_SECRET is too weak (${weak}): use at least ${MIN_SECRET_LENGTH} random characters, as \`npm run -s keys\` makes`);
  }
  const identity = services.includes('identity');
  if (!onlyIdentity) problems.push(...gatewayKeyProblems(env, services.includes('gateway')));
  if (services.includes('gateway')) problems.push(...tokenKeyProblems(config));
  if (services.includes('gateway') || identity) problems.push(...issuerProblems(env, config));
  if (identity) {
    if (!set(env, 'DASHBOARD_URLS')) problems.push('DASHBOARD_URLS is not set: the dashboard\'s https origins, where the provider may send people back after signing in');
    else if (config.identity.dashboardOrigins.some((o) => !o.startsWith('https://'))) problems.push('DASHBOARD_URLS must all be https');
    problems.push(...databaseProblems(config, env, ['identity']));
    if (opts.demo) problems.push('DEMO_SEED: the demo accounts (with the password README gives) would be made in production; set DEMO_SEED=off');
  }
  if (config.metricsToken) {
    const weak = secretWeakness(config.metricsToken);
    if (weak) problems.push(`METRICS_TOKEN is too weak (${weak}): use at least ${MIN_SECRET_LENGTH} random characters, or unset it to turn /metrics off`);
  }
  const departments = SUBGRAPH_NAMES.filter((n) => services.includes(n));
  const workers = (Object.keys(WORKERS) as WorkerName[]).filter((w) => services.includes(w));
  // a worker opens its department's database: checked once, with the department's if both start here
  problems.push(...databaseProblems(config, env, [...new Set([...departments, ...workers.map((w) => WORKERS[w])])]));
  // each department signs its audit checkpoints with its own key and checks those it holds (audit-keys.ts)
  for (const d of departments) problems.push(...auditKeyProblems(config, env, d, checkpointsHeldBy(d)));
  for (const w of workers) {
    const secret = `SERVICE_CLIENT_SECRET_${envName(WORKERS[w])}`;
    const variable = `SERVICE_TOKEN_${envName(WORKERS[w])}`;
    const token = env[variable] ?? '';
    if (set(env, secret)) continue; // the client-credentials grant at IDENTITY_TOKEN_URL, as svc-${WORKERS[w]}
    if (!token) problems.push(`${secret} (or ${variable}) is not set: the ${w} worker reads the supergraph as the svc-${WORKERS[w]} service account, with a token it gets from the identity provider (there is no other way in in production)`);
    else if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) problems.push(`${variable} is not a JWT from the identity provider`);
  }
  if (opts.demo && departments.length) problems.push('DEMO_SEED: the demo world would be written into production databases; set DEMO_SEED=off');
  return problems;
}

/** Refuses to start in production: thrown with every problem, so one start shows them all. */
export class ProductionConfigError extends Error {
  constructor(readonly problems: string[], services: readonly ServiceName[]) {
    super(`production: refusing to start ${services.join(', ')}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ProductionConfigError';
  }
}

/** Throws a ProductionConfigError when `productionProblems` finds any; does nothing outside production. */
export function assertProductionReady(config: Config, env: NodeJS.ProcessEnv, services: readonly ServiceName[], opts: ProductionCheckOptions = {}): void {
  const problems = productionProblems(config, env, services, opts);
  if (problems.length) throw new ProductionConfigError(problems, services);
}
