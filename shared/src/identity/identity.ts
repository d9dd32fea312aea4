import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type KeyLike } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Config, SubgraphName, TokenClaims } from '../core';
import type { ReplayGuard } from './replay-guard';
import { IDENTITY_ALG, type KeyMaterial } from './keys';
import { unauthenticated } from '../core';

export const DEPARTMENTS = ['education', 'public_security', 'civil_affairs', 'community', 'joint_meeting'] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** How far a person's view reaches: the district, one subdistrict (街道), one school or one community (社区). */
export const SCOPE_KINDS = ['district', 'subdistrict', 'school', 'community'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];
export interface Scope {
  kind: ScopeKind;
  code: string;
}

/** Who is asking: what every subgraph receives, signed by the gateway. */
export interface Identity {
  user: string;
  name: string;
  department: Department;
  role: string;
  scope: Scope;
  /** a department system's own requests per minute (its service account's `rate_limit` claim); people have the gateway's */
  rateLimitPerMinute?: number;
}

/** The header that carries the gateway-signed identity to subgraphs. Clients never set it. */
export const IDENTITY_HEADER = 'x-kongchuo-identity';
export const REQUEST_ID_HEADER = 'x-request-id';
const INTERNAL_ISSUER = 'kongchuo-gateway';
/** A signed identity is for one service only: `kongchuo-subgraph:<service>` (education, civil-affairs, …). */
export const subgraphAudience = (service: SubgraphName) => `kongchuo-subgraph:${service}`;
/** Seconds of clock difference between the gateway and a department that a signature's times allow. */
const CLOCK_TOLERANCE_SECONDS = 5;

/** A user token's claims, named as the provider names them (config.token.claims, docs/identity.md#claims). */
export function identityFromTokenClaims(p: JWTPayload, claims: TokenClaims): Identity {
  const c = p as Record<string, unknown>;
  const [user, name, dept, role, kind, code, rate] = [c[claims.user], c[claims.name] ?? c[claims.user], c[claims.department], c[claims.role], c[claims.scopeKind], c[claims.scopeCode], c[claims.rateLimit]];
  if (
    typeof user !== 'string' || !user || user.length > 64 ||
    typeof name !== 'string' ||
    typeof role !== 'string' || !role ||
    !DEPARTMENTS.includes(dept as Department) ||
    !SCOPE_KINDS.includes(kind as ScopeKind) || typeof code !== 'string' || !code
  ) {
    throw unauthenticated(`token claims are incomplete (${[claims.user, claims.department, claims.role, claims.scopeKind, claims.scopeCode].join(', ')})`);
  }
  const rateLimitPerMinute = typeof rate === 'number' && Number.isInteger(rate) && rate > 0 ? rate : undefined;
  return { user, name, department: dept as Department, role, scope: { kind: kind as ScopeKind, code }, ...(rateLimitPerMinute ? { rateLimitPerMinute } : {}) };
}

/** The claims of a user token as this system's own issuers write them (the embedded provider, test tokens). */
export function tokenClaimsOf(identity: Identity, claims: TokenClaims): Record<string, unknown> {
  return {
    [claims.name]: identity.name, [claims.department]: identity.department, [claims.role]: identity.role,
    [claims.scopeKind]: identity.scope.kind, [claims.scopeCode]: identity.scope.code,
    ...(identity.rateLimitPerMinute ? { [claims.rateLimit]: identity.rateLimitPerMinute } : {}),
  };
}

/** The gateway's own signed identity (gateway → subgraph): its layout is internal. */
function identityFromClaims(p: JWTPayload): Identity {
  const { sub, name, dept, role, scope } = p as JWTPayload & Record<string, unknown>;
  const s = scope as Partial<Scope> | undefined;
  if (
    typeof sub !== 'string' || !sub ||
    typeof name !== 'string' ||
    typeof role !== 'string' || !role ||
    !DEPARTMENTS.includes(dept as Department) ||
    !s || !SCOPE_KINDS.includes(s.kind as ScopeKind) || typeof s.code !== 'string' || !s.code
  ) {
    throw unauthenticated('token claims are incomplete (sub, name, dept, role, scope)');
  }
  return { user: sub, name, department: dept as Department, role, scope: { kind: s.kind as ScopeKind, code: s.code } };
}

function claimsOf(identity: Identity) {
  return { name: identity.name, dept: identity.department, role: identity.role, scope: identity.scope };
}

// ---------------------------------------------------------------- user tokens (client → gateway)

export type UserTokenVerifier = (authorization: string | undefined) => Promise<Identity>;

/**
 * Verifies `Authorization: Bearer <JWT>`: signature with the issuer's key (or JWKS, refetched when
 * a token names a key not seen yet: key rotation without restart), algorithms pinned
 * (TOKEN_ALGORITHMS, ES256 by default), issuer, audience, expiry (and not-before), and the claims' shape.
 * Anything else (missing, malformed, `alg: none`, a foreign key, expired) → UNAUTHENTICATED.
 */
export function userTokenVerifier(config: Config, keys: KeyMaterial): UserTokenVerifier {
  const key: KeyLike | ReturnType<typeof createRemoteJWKSet> | undefined = config.token.jwksUrl
    ? createRemoteJWKSet(new URL(config.token.jwksUrl), { cooldownDuration: config.token.jwksCooldownSeconds * 1000 })
    : keys.issuerPublicKey;
  if (!key) throw new Error('config: no token issuer key (TOKEN_PUBLIC_JWK or TOKEN_JWKS_URL)');
  return bearerTokenVerifier(config, key);
}

/**
 * userTokenVerifier with the key given (a public key or a JWKS function) and, if need be, the
 * algorithms: the identity provider checks its own tokens with its own keys this way.
 */
export function bearerTokenVerifier(config: Config, key: KeyLike | JWTVerifyGetKey, algorithms: string[] = config.token.algorithms): UserTokenVerifier {
  // A token verified once is remembered (in memory only, never logged) until it expires, for at most
  // five minutes: an officer's page sends many requests with the same token, and a signature check
  // costs more than the rest of the gateway's own work on a small query.
  const verified = new LRUCache<string, { identity: Identity; exp: number }>({ max: 10_000, ttl: 5 * 60_000 });
  return async (authorization) => {
    if (!authorization) throw unauthenticated('missing bearer token');
    const m = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization.trim());
    if (!m) throw unauthenticated('malformed Authorization header (expected "Bearer <JWT>")');
    const known = verified.get(m[1]);
    if (known && known.exp > Date.now()) return known.identity;
    try {
      const { payload } = await jwtVerify(m[1], key as KeyLike, {
        algorithms,
        issuer: config.token.issuer,
        audience: config.token.audience,
        requiredClaims: ['exp', 'sub'],
      });
      const identity = identityFromTokenClaims(payload, config.token.claims);
      verified.set(m[1], { identity, exp: payload.exp! * 1000 });
      return identity;
    } catch (e) {
      if ((e as { extensions?: unknown }).extensions) throw e;
      throw unauthenticated(`invalid token: ${(e as { code?: string }).code ?? 'verification failed'}`);
    }
  };
}

/**
 * Tests' and benchmarks' issuer: signs a user token with the data folder's development key (never
 * in production, where there is none), for a gateway that trusts that key instead of a provider's
 * JWKS. People and department systems get their tokens from the OpenID provider (identity/).
 */
export async function issueUserToken(identity: Identity, config: Config, keys: KeyMaterial, ttlSeconds = 8 * 3600): Promise<string> {
  if (!keys.issuerPrivateKey) throw new Error('no development key here (production?): tokens come from the identity provider');
  return new SignJWT(tokenClaimsOf(identity, config.token.claims))
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt' })
    .setSubject(identity.user)
    .setIssuer(config.token.issuer)
    .setAudience(config.token.audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keys.issuerPrivateKey);
}

// ---------------------------------------------------------------- gateway → subgraph identity

export const bodyDigest = (body: string | Uint8Array) => createHash('sha256').update(body).digest('base64url');

/**
 * Signs the caller's identity for one request to one service (`service`: its audience), bound to
 * the exact request body (SHA-256), to a short time window and to a random `jti`, so it cannot be
 * used on another query, at another department, later, or a second time.
 */
/**
 * What the gateway vouches for about the request a signature goes with: the operation as the
 * gateway named it (a trusted document's registered name, else the SHA-256 of the document text,
 * never the client's `operationName`) and the gateway's own request id (never the client's).
 */
export interface SignedRequest {
  operation: string;
  requestId: string;
}

export async function signSubgraphIdentity(identity: Identity, body: string, service: SubgraphName, config: Config, keys: KeyMaterial, request?: SignedRequest): Promise<string> {
  if (!keys.gatewayPrivateKey) throw new Error('no gateway signing key');
  return new SignJWT({ ...claimsOf(identity), bdy: bodyDigest(body), ...(request ? { op: request.operation.slice(0, 200), rid: request.requestId.slice(0, 64) } : {}) })
    .setProtectedHeader({ alg: IDENTITY_ALG })
    .setSubject(identity.user)
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(subgraphAudience(service))
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${config.identityMaxAgeSeconds}s`)
    .sign(keys.gatewayPrivateKey);
}

/**
 * Checks a subgraph request's identity header against the raw body it came with, for this
 * service (`service`), and that it was not used before (`seen` remembers accepted jtis until they
 * expire). Anything else is UNAUTHENTICATED; a `seen` that cannot answer throws its own error.
 */
export async function verifySubgraphIdentity(...args: Parameters<typeof verifySubgraphRequest>): Promise<Identity> {
  return (await verifySubgraphRequest(...args)).identity;
}

/** verifySubgraphIdentity, with what the gateway signed about the request (absent from signatures made without it). */
export async function verifySubgraphRequest(
  header: string | undefined,
  rawBody: Uint8Array | undefined,
  service: SubgraphName,
  seen: ReplayGuard,
  config: Config,
  keys: KeyMaterial,
): Promise<{ identity: Identity } & Partial<SignedRequest>> {
  if (!header) throw unauthenticated('this service answers only requests signed by the gateway');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(header, keys.gatewayPublicKey, {
      algorithms: [IDENTITY_ALG],
      issuer: INTERNAL_ISSUER,
      audience: subgraphAudience(service),
      maxTokenAge: `${config.identityMaxAgeSeconds}s`,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'iat', 'bdy', 'jti'],
    }));
  } catch (e) {
    throw unauthenticated(`gateway signature refused: ${(e as { code?: string }).code ?? 'verification failed'}`);
  }
  if (!rawBody || payload.bdy !== bodyDigest(rawBody)) throw unauthenticated('gateway signature does not match this request');
  const identity = identityFromClaims(payload);
  const { jti, iat, exp } = payload as { jti: unknown; iat: number; exp: number };
  if (typeof jti !== 'string' || !jti || jti.length > 64) throw unauthenticated('gateway signature refused: no usable jti');
  // the last moment jwtVerify would still accept this signature, plus a second
  const until = (Math.min(exp, iat + config.identityMaxAgeSeconds) + CLOCK_TOLERANCE_SECONDS + 1) * 1000;
  if (!(await seen.firstUse(jti, until))) throw unauthenticated('this signed request was already used');
  const { op, rid } = payload as { op?: unknown; rid?: unknown };
  return { identity, operation: typeof op === 'string' ? op : undefined, requestId: typeof rid === 'string' ? rid : undefined };
}
