import path from 'node:path';

/** Every backend service of the supergraph, with the port it takes by default. */
export const SUBGRAPHS = {
  education: { port: 4001, department: 'education' },
  'public-security': { port: 4002, department: 'public_security' },
  'civil-affairs': { port: 4003, department: 'civil_affairs' },
  community: { port: 4004, department: 'community' },
  'joint-meeting': { port: 4005, department: 'joint_meeting' },
} as const;
export type SubgraphName = keyof typeof SUBGRAPHS;
export const SUBGRAPH_NAMES = Object.keys(SUBGRAPHS) as SubgraphName[];

/**
 * The departments' background workers and whose they are: each runs in a process of its own beside
 * its department's service, on that department's database, and reads the supergraph through the
 * gateway as the department's service account (shared/src/server/worker.ts).
 */
export const WORKERS = { 'cross-check': 'joint-meeting' } as const satisfies Record<string, SubgraphName>;
export type WorkerName = keyof typeof WORKERS;

export interface Config {
  production: boolean;
  /** the bearer token `/metrics` asks for (METRICS_TOKEN); without one, `/metrics` is open outside production and off in it */
  metricsToken?: string;
  /**
   * TRUSTED_DOCUMENTS: `people` refuses, from people's tokens (browsers), any document but the
   * registered ones the dashboard and the report exporter were built with; department systems'
   * service accounts keep sending their own. `off` accepts any document from anyone.
   * Default `people` in production, `off` otherwise.
   */
  trustedDocuments: 'people' | 'off';
  /** where SQLite files and development keys live (`data/` at the repository root by default) */
  dataDir: string;
  gatewayPort: number;
  logLevel: string;
  districtCode: string;
  token: TokenSettings;
  /** the embedded OpenID provider (identity/): where it listens and how long what it issues lasts */
  identity: IdentitySettings;
  /** what the dashboard signs in with (served to it at /auth/config) */
  dashboardSignIn: DashboardSignIn;
  /** seconds a gateway-signed identity stays valid for a subgraph */
  identityMaxAgeSeconds: number;
  subgraphPort(name: SubgraphName): number;
  subgraphUrl(name: SubgraphName): string;
  /** `postgres://…` for PostgreSQL; otherwise a SQLite file path (`DATA_DIR/<name>.sqlite` when none is set; production throws instead) */
  databaseUrl(name: SubgraphName | 'identity'): string;
  /** the gateway, for services that read the supergraph as themselves (GATEWAY_URL) */
  gatewayUrl(): string;
  /** what one request to the gateway may ask for (LIMIT_*); see docs/operations.md#operations */
  limits: OperationLimits;
  /** how the gateway treats a slow or failing department (SUBGRAPH_TIMEOUT_MS, SUBGRAPH_MUTATION_TIMEOUT_MS, BREAKER_*) */
  resilience: { subgraphTimeoutMs: number; subgraphMutationTimeoutMs: number; breakerFailures: number; breakerResetMs: number };
  /** an import opened but not committed for this long is closed and its staged rows removed (IMPORT_ABANDON_HOURS) */
  importAbandonHours: number;
  /**
   * 四查三比对 runs: at least this long between two (CROSS_CHECK_MIN_INTERVAL_SECONDS), and which
   * are kept — the latest `keepRuns` (CROSS_CHECK_KEEP_RUNS), the latest of each month, and any
   * whose findings someone acted on; the others and their ledger lines are removed after a run.
   * `runCrossCheck` queues a run and waits up to `waitSeconds` (CROSS_CHECK_WAIT_SECONDS) for the
   * cross-check worker to finish it; the worker looks for queued runs every `pollMs` (CROSS_CHECK_POLL_MS).
   */
  crossCheck: { minIntervalSeconds: number; keepRuns: number; waitSeconds: number; pollMs: number };
  /** keep-alive connections the gateway holds open to each department (SUBGRAPH_CONNECTIONS) */
  subgraphConnections: number;
  /** requests per minute per user and per department, counted in Redis (REDIS_URL) across gateway instances, else in memory */
  rateLimits: { perUserPerMinute: number; perDepartmentPerMinute: number; redisUrl?: string; keyPrefix: string };
  /** aggregates a service caches until the next write (REDIS_URL shares them across instances; CACHE_TTL_SECONDS, CACHE_PREFIX) */
  cache: { redisUrl?: string; ttlSeconds: number; keyPrefix: string };
  /** where a department remembers the gateway signatures it accepted (REDIS_URL, REPLAY_PREFIX; else its PostgreSQL database, else memory) */
  replay: { redisUrl?: string; keyPrefix: string };
  // ---- audit checkpoints (shared/src/audit/checkpoint.ts)
  /** seconds between two signed checkpoints of a department's audit chain head, handed to their holder (AUDIT_CHECKPOINT_SECONDS; 0: only when asked) */
  auditCheckpointSeconds: number;
}

/**
 * How the gateway checks people's and department systems' tokens: the issuer, the audience, the
 * keys (a JWKS URL, refetched when a token names an unknown key; or one public JWK), the signing
 * algorithms it accepts, and which claims carry the department, role and scope
 * (docs/identity.md#claims). Another OpenID provider is a matter of these settings alone.
 */
export interface TokenSettings {
  issuer: string;
  audience: string;
  jwksUrl?: string;
  issuerPublicJwk?: string;
  /** TOKEN_ALGORITHMS (comma-separated): ES256 by default; Keycloak signs RS256 */
  algorithms: string[];
  /** TOKEN_JWKS_COOLDOWN_SECONDS (30): after fetching the JWKS, how long a token naming an unknown key waits for the next fetch */
  jwksCooldownSeconds: number;
  claims: TokenClaims;
}

/** Claim names (TOKEN_CLAIM_USER, _NAME, _DEPARTMENT, _ROLE, _SCOPE_KIND, _SCOPE_CODE, _RATE_LIMIT). */
export interface TokenClaims {
  user: string;
  name: string;
  department: string;
  role: string;
  scopeKind: string;
  scopeCode: string;
  /** a department system's own requests per minute (service accounts only) */
  rateLimit: string;
}

export interface IdentitySettings {
  /** IDENTITY_PORT (4010) */
  port: number;
  /** IDENTITY_URL: where this system's own processes reach the provider; the issuer by default */
  url: string;
  /** IDENTITY_TOKEN_URL: the token endpoint department workers get client-credentials tokens from (`<IDENTITY_URL>/token`; Keycloak: …/protocol/openid-connect/token) */
  tokenUrl: string;
  /** where people's browsers come back after signing in: DASHBOARD_URLS, comma-separated origins */
  dashboardOrigins: string[];
  /** IDENTITY_ACCESS_TOKEN_TTL_SECONDS (300): also how long a disabled account's last token still works */
  accessTokenTtlSeconds: number;
  /** IDENTITY_SESSION_TTL_SECONDS (28800, a working day): a session and its refresh tokens end then */
  sessionTtlSeconds: number;
}

export interface DashboardSignIn {
  /** DASHBOARD_OIDC_ISSUER (TOKEN_ISSUER by default) */
  issuer: string;
  /** DASHBOARD_OIDC_CLIENT_ID (kongchuo-dashboard) */
  clientId: string;
  /** DASHBOARD_OIDC_SCOPE (openid profile kongchuo) */
  scope: string;
  /** ACCOUNT_ADMIN_URL: the embedded provider's account administration (the issuer by default; empty: none, e.g. with Keycloak) */
  accountAdminUrl: string | null;
}

export interface OperationLimits {
  /** nesting of selections (introspection excepted) */
  maxDepth: number;
  /** aliases in one operation */
  maxAliases: number;
  /** lexical tokens in one document */
  maxTokens: number;
  /** static cost: 1 per scalar, 2 per object, times 1.5 per level of depth */
  maxCost: number;
  /** directives in one operation */
  maxDirectives: number;
  /** bytes of one request body */
  maxBodyBytes: number;
}

const envName = (name: string) => name.toUpperCase().replace(/-/g, '_');

function int(env: NodeJS.ProcessEnv, key: string, fallback: number, max = 65535): number {
  const v = env[key];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`config: ${key} must be a whole number up to ${max}, got "${v}"`);
  return n;
}

/**
 * Configuration from the environment, with defaults that run the whole system on one machine.
 * Variables (all optional outside production; `productionProblems` says what production needs): NODE_ENV, DATA_DIR, PORT, LOG_LEVEL, DISTRICT_CODE,
 * TOKEN_ISSUER, TOKEN_AUDIENCE, TOKEN_JWKS_URL, TOKEN_PUBLIC_JWK, TOKEN_ALGORITHMS, TOKEN_CLAIM_*, IDENTITY_PORT, IDENTITY_URL,
 * IDENTITY_ACCESS_TOKEN_TTL_SECONDS, IDENTITY_SESSION_TTL_SECONDS, DASHBOARD_URLS, DASHBOARD_OIDC_*, ACCOUNT_ADMIN_URL, IDENTITY_MAX_AGE_SECONDS,
 * LIMIT_MAX_DEPTH, LIMIT_MAX_ALIASES, LIMIT_MAX_TOKENS, LIMIT_MAX_COST, LIMIT_MAX_DIRECTIVES, LIMIT_MAX_BODY_BYTES,
 * <NAME>_PORT, <NAME>_URL, <NAME>_DATABASE_URL, and DATABASE_URL with `{service}` in it
 * (e.g. `postgres://postgres@127.0.0.1:5432/kongchuo_{service}`).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? path.join(process.cwd(), 'data'));
  const subgraphPort = (name: SubgraphName) => int(env, `${envName(name)}_PORT`, SUBGRAPHS[name].port);
  const identityPort = int(env, 'IDENTITY_PORT', 4010);
  const token: TokenSettings = {
    // the embedded provider (identity/) at its default address; production names its own
    issuer: (env.TOKEN_ISSUER || `http://localhost:${identityPort}`).replace(/\/+$/, ''),
    audience: env.TOKEN_AUDIENCE || 'kongchuo',
    jwksUrl: env.TOKEN_JWKS_URL || undefined,
    issuerPublicJwk: env.TOKEN_PUBLIC_JWK || undefined,
    algorithms: (env.TOKEN_ALGORITHMS || 'ES256').split(',').map((a) => a.trim()).filter(Boolean),
    jwksCooldownSeconds: int(env, 'TOKEN_JWKS_COOLDOWN_SECONDS', 30, 3600),
    claims: {
      user: env.TOKEN_CLAIM_USER || 'sub',
      name: env.TOKEN_CLAIM_NAME || 'name',
      department: env.TOKEN_CLAIM_DEPARTMENT || 'department',
      role: env.TOKEN_CLAIM_ROLE || 'role',
      scopeKind: env.TOKEN_CLAIM_SCOPE_KIND || 'scope_kind',
      scopeCode: env.TOKEN_CLAIM_SCOPE_CODE || 'scope_code',
      rateLimit: env.TOKEN_CLAIM_RATE_LIMIT || 'rate_limit',
    },
  };
  const identityUrl = (env.IDENTITY_URL || token.issuer).replace(/\/+$/, '');
  return {
    production: env.NODE_ENV === 'production',
    metricsToken: env.METRICS_TOKEN || undefined,
    trustedDocuments: trustedDocumentsMode(env.TRUSTED_DOCUMENTS, env.NODE_ENV === 'production'),
    dataDir,
    gatewayPort: int(env, 'PORT', 4000),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
    districtCode: env.DISTRICT_CODE ?? '450204',
    token,
    identity: {
      port: identityPort,
      url: identityUrl,
      tokenUrl: env.IDENTITY_TOKEN_URL || `${identityUrl}/token`,
      dashboardOrigins: (env.DASHBOARD_URLS || `http://localhost:${int(env, 'PORT', 4000)},http://127.0.0.1:${int(env, 'PORT', 4000)}`).split(',').map((u) => u.trim().replace(/\/+$/, '')).filter(Boolean),
      accessTokenTtlSeconds: Math.max(10, int(env, 'IDENTITY_ACCESS_TOKEN_TTL_SECONDS', 300, 3600)),
      sessionTtlSeconds: Math.max(10, int(env, 'IDENTITY_SESSION_TTL_SECONDS', 8 * 3600, 30 * 24 * 3600)),
    },
    dashboardSignIn: {
      issuer: env.DASHBOARD_OIDC_ISSUER || token.issuer,
      clientId: env.DASHBOARD_OIDC_CLIENT_ID || 'kongchuo-dashboard',
      scope: env.DASHBOARD_OIDC_SCOPE || 'openid profile kongchuo',
      accountAdminUrl: env.ACCOUNT_ADMIN_URL === '' ? null : (env.ACCOUNT_ADMIN_URL ?? token.issuer).replace(/\/+$/, ''),
    },
    identityMaxAgeSeconds: int(env, 'IDENTITY_MAX_AGE_SECONDS', 30),
    subgraphPort,
    subgraphUrl: (name) => env[`${envName(name)}_URL`] ?? `http://127.0.0.1:${subgraphPort(name)}/graphql`,
    gatewayUrl: () => env.GATEWAY_URL ?? `http://127.0.0.1:${int(env, 'PORT', 4000)}/graphql`,
    limits: {
      maxDepth: int(env, 'LIMIT_MAX_DEPTH', 12),
      maxAliases: int(env, 'LIMIT_MAX_ALIASES', 30),
      maxTokens: int(env, 'LIMIT_MAX_TOKENS', 5000),
      maxCost: int(env, 'LIMIT_MAX_COST', 250_000, 100_000_000),
      maxDirectives: int(env, 'LIMIT_MAX_DIRECTIVES', 50),
      maxBodyBytes: int(env, 'LIMIT_MAX_BODY_BYTES', 1_048_576, 100_000_000),
    },
    resilience: {
      subgraphTimeoutMs: int(env, 'SUBGRAPH_TIMEOUT_MS', 10_000, 600_000),
      // a write may run longer: a 四查三比对 run reads every department's registers (about a minute at city scale)
      subgraphMutationTimeoutMs: int(env, 'SUBGRAPH_MUTATION_TIMEOUT_MS', 180_000, 3_600_000),
      breakerFailures: int(env, 'BREAKER_FAILURES', 5),
      breakerResetMs: int(env, 'BREAKER_RESET_MS', 10_000, 600_000),
    },
    crossCheck: {
      minIntervalSeconds: int(env, 'CROSS_CHECK_MIN_INTERVAL_SECONDS', 600, 30 * 24 * 3600),
      keepRuns: Math.max(1, int(env, 'CROSS_CHECK_KEEP_RUNS', 3, 1000)),
      waitSeconds: int(env, 'CROSS_CHECK_WAIT_SECONDS', 120, 3600),
      pollMs: Math.max(50, int(env, 'CROSS_CHECK_POLL_MS', 1000, 60000)),
    },
    subgraphConnections: int(env, 'SUBGRAPH_CONNECTIONS', 64, 4096),
    importAbandonHours: int(env, 'IMPORT_ABANDON_HOURS', 24, 24 * 365),
    rateLimits: {
      perUserPerMinute: int(env, 'RATE_LIMIT_USER_PER_MINUTE', 1200, 10_000_000),
      perDepartmentPerMinute: int(env, 'RATE_LIMIT_DEPARTMENT_PER_MINUTE', 20_000, 100_000_000),
      redisUrl: env.REDIS_URL || undefined,
      keyPrefix: env.RATE_LIMIT_PREFIX ?? 'kc-rate',
    },
    cache: {
      redisUrl: env.REDIS_URL || undefined,
      ttlSeconds: int(env, 'CACHE_TTL_SECONDS', 300, 86_400),
      keyPrefix: env.CACHE_PREFIX ?? 'kc-cache',
    },
    replay: {
      redisUrl: env.REDIS_URL || undefined,
      keyPrefix: env.REPLAY_PREFIX ?? 'kc-seen',
    },
    // ---- audit checkpoints
    auditCheckpointSeconds: int(env, 'AUDIT_CHECKPOINT_SECONDS', 300, 86_400),
    // an empty variable (docker-compose's `${X:-}`) is no URL; production has no SQLite fallback (shared/src/server/production.ts)
    databaseUrl: (name) => {
      const url = env[`${envName(name)}_DATABASE_URL`] || env.DATABASE_URL?.replace('{service}', name.replace(/-/g, '_'));
      if (url) return url;
      if (env.NODE_ENV === 'production') throw new Error(`config: ${envName(name)}_DATABASE_URL (or DATABASE_URL) is not set: production does not fall back to a SQLite file in DATA_DIR`);
      return path.join(dataDir, `${name}.sqlite`);
    },
  };
}

function trustedDocumentsMode(value: string | undefined, production: boolean): Config['trustedDocuments'] {
  if (value === undefined || value === '') return production ? 'people' : 'off';
  if (value === 'people' || value === 'off') return value;
  throw new Error(`TRUSTED_DOCUMENTS must be people or off, not ${JSON.stringify(value.slice(0, 20))}`);
}
