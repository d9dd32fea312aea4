import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT, exportJWK, generateKeyPair } from 'jose';
import { SUBGRAPH_NAMES, loadConfig, type Config, type SubgraphName } from '@kongchuo/shared/core';
import { DEMO_ACCOUNTS, bodyDigest, issueUserToken, tokenClaimsOf, loadKeys, memoryReplayGuard, signSubgraphIdentity, subgraphAudience, userTokenVerifier, verifySubgraphIdentity, type KeyMaterial, type ReplayGuard } from '@kongchuo/shared/identity';

let config: Config;
let keys: KeyMaterial;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-identity-'));
  config = loadConfig({ DATA_DIR: dir });
  keys = await loadKeys(config, {});
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const admin = DEMO_ACCOUNTS['edu-admin'];
const expectUnauthenticated = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });

describe('user tokens from another provider: claim names and algorithms are configuration', () => {
  // Keycloak: RS256, user attributes mapped to claims of its own names (docs/identity.md#keycloak)
  const keycloakEnv = {
    TOKEN_ISSUER: 'https://sso.liunan.example.gov.cn/realms/kongchuo', TOKEN_AUDIENCE: 'kongchuo-graph', TOKEN_ALGORITHMS: 'RS256',
    TOKEN_CLAIM_USER: 'preferred_username', TOKEN_CLAIM_DEPARTMENT: 'kc_department', TOKEN_CLAIM_ROLE: 'kc_role', TOKEN_CLAIM_SCOPE_KIND: 'kc_scope_kind', TOKEN_CLAIM_SCOPE_CODE: 'kc_scope_code',
  };
  const keycloakToken = async (privateKey: CryptoKey | import('jose').KeyLike, claims: Record<string, unknown>, alg = 'RS256') =>
    new SignJWT({ preferred_username: 'zhang.wei', name: '张伟', kc_department: 'community', kc_role: 'grid_worker', kc_scope_kind: 'community', kc_scope_code: '450204002003', scope: 'openid profile', ...claims })
      .setProtectedHeader({ alg }).setSubject('f3b9c2d0-uuid-of-keycloak').setIssuer(keycloakEnv.TOKEN_ISSUER).setAudience(keycloakEnv.TOKEN_AUDIENCE).setExpirationTime('5m').sign(privateKey);

  it('reads the department, role and scope from the claims the configuration names, the user from preferred_username', async () => {
    const rsa = await generateKeyPair('RS256', { extractable: true });
    const kc = loadConfig({ DATA_DIR: dir, ...keycloakEnv, TOKEN_PUBLIC_JWK: JSON.stringify(await exportJWK(rsa.publicKey)) });
    const kcKeys = await loadKeys(kc, {});
    const verify = userTokenVerifier(kc, kcKeys);
    await expect(verify(`Bearer ${await keycloakToken(rsa.privateKey, {})}`)).resolves.toEqual({
      user: 'zhang.wei', name: '张伟', department: 'community', role: 'grid_worker', scope: { kind: 'community', code: '450204002003' },
    });
    // a claim missing or out of the vocabulary is no identity
    await expectUnauthenticated(verify(`Bearer ${await keycloakToken(rsa.privateKey, { kc_department: undefined })}`));
    await expectUnauthenticated(verify(`Bearer ${await keycloakToken(rsa.privateKey, { kc_department: 'tax_office' })}`));
    await expectUnauthenticated(verify(`Bearer ${await keycloakToken(rsa.privateKey, { kc_scope_kind: 'province' })}`));
  });

  it('pins the algorithms: an ES256 token is refused where RS256 is configured, and the other way round', async () => {
    const rsa = await generateKeyPair('RS256', { extractable: true });
    const kc = loadConfig({ DATA_DIR: dir, ...keycloakEnv, TOKEN_PUBLIC_JWK: JSON.stringify(await exportJWK(rsa.publicKey)) });
    const ec = await generateKeyPair('ES256');
    await expectUnauthenticated(userTokenVerifier(kc, await loadKeys(kc, {}))(`Bearer ${await keycloakToken(ec.privateKey, {}, 'ES256')}`));
    const rs = await keycloakToken(rsa.privateKey, {});
    await expectUnauthenticated(userTokenVerifier(config, keys)(`Bearer ${rs}`));
  });

  it('takes a department system\'s own rate limit from its service account\'s token', async () => {
    const token = await issueUserToken({ ...admin, user: 'svc-police-station', role: 'service', rateLimitPerMinute: 120 }, config, keys);
    await expect(userTokenVerifier(config, keys)(`Bearer ${token}`)).resolves.toMatchObject({ user: 'svc-police-station', role: 'service', rateLimitPerMinute: 120 });
  });
});

describe('user tokens (client → gateway)', () => {
  it('verifies a token from the issuer and returns the identity claims', async () => {
    const token = await issueUserToken(admin, config, keys);
    await expect(userTokenVerifier(config, keys)(`Bearer ${token}`)).resolves.toEqual(admin);
  });

  it('refuses missing and malformed headers', async () => {
    const verify = userTokenVerifier(config, keys);
    await expectUnauthenticated(verify(undefined));
    await expectUnauthenticated(verify('Basic abc'));
    await expectUnauthenticated(verify('Bearer not-a-jwt'));
  });

  it('refuses alg "none"', async () => {
    const unsigned = new UnsecuredJWT(tokenClaimsOf(admin, config.token.claims))
      .setSubject(admin.user).setIssuer(config.token.issuer).setAudience(config.token.audience).setExpirationTime('1h').encode();
    await expectUnauthenticated(userTokenVerifier(config, keys)(`Bearer ${unsigned}`));
  });

  it('refuses a token signed by a foreign key', async () => {
    const foreign = await generateKeyPair('ES256');
    const token = await new SignJWT(tokenClaimsOf(admin, config.token.claims))
      .setProtectedHeader({ alg: 'ES256' }).setSubject(admin.user).setIssuer(config.token.issuer).setAudience(config.token.audience)
      .setExpirationTime('1h').sign(foreign.privateKey);
    await expectUnauthenticated(userTokenVerifier(config, keys)(`Bearer ${token}`));
  });

  it.each([
    ['wrong issuer', { issuer: 'someone-else' }],
    ['wrong audience', { audience: 'another-app' }],
  ])('refuses a %s', async (_label, override) => {
    const token = await issueUserToken(admin, { ...config, token: { ...config.token, ...override } }, keys);
    await expectUnauthenticated(userTokenVerifier(config, keys)(`Bearer ${token}`));
  });

  it('refuses an expired token', async () => {
    const token = await new SignJWT(tokenClaimsOf(admin, config.token.claims))
      .setProtectedHeader({ alg: 'ES256' }).setSubject(admin.user).setIssuer(config.token.issuer).setAudience(config.token.audience)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200).setExpirationTime(Math.floor(Date.now() / 1000) - 3600).sign(keys.issuerPrivateKey!);
    await expectUnauthenticated(userTokenVerifier(config, keys)(`Bearer ${token}`));
  });

  it('refuses a validly signed token whose claims are incomplete or unknown', async () => {
    const token = await new SignJWT({ name: 'x', dept: 'tax_office', role: 'officer', scope: { kind: 'district', code: '450204' } })
      .setProtectedHeader({ alg: 'ES256' }).setSubject('x').setIssuer(config.token.issuer).setAudience(config.token.audience)
      .setExpirationTime('1h').sign(keys.issuerPrivateKey!);
    await expectUnauthenticated(userTokenVerifier(config, keys)(`Bearer ${token}`));
  });
});

describe('user tokens: scope', () => {
  it('refuses a validly signed user token whose scope kind is unknown', async () => {
    const token = await new SignJWT({ name: admin.name, dept: admin.department, role: admin.role, scope: { kind: 'province', code: '450000' } })
      .setProtectedHeader({ alg: 'ES256' }).setSubject(admin.user).setIssuer(config.token.issuer).setAudience(config.token.audience)
      .setExpirationTime('1h').sign(keys.issuerPrivateKey!);
    await expectUnauthenticated(userTokenVerifier(config, keys)(`Bearer ${token}`));
  });
});

describe('gateway-signed identity (gateway → subgraph)', () => {
  const body = JSON.stringify({ query: '{ districtOverview(year: 2018) { stillOut } }' });
  // each check gets a fresh memory of used signatures unless it is about reuse
  const verify = (header: string | undefined, raw: string, service: SubgraphName = 'education', seen: ReplayGuard = memoryReplayGuard()) =>
    verifySubgraphIdentity(header, Buffer.from(raw), service, seen, config, keys);

  it('verifies when signature, body, audience and time match', async () => {
    const header = await signSubgraphIdentity(admin, body, 'education', config, keys);
    await expect(verify(header, body)).resolves.toEqual(admin);
  });

  it('refuses a body other than the one signed', async () => {
    const header = await signSubgraphIdentity(admin, body, 'education', config, keys);
    await expectUnauthenticated(verify(header, body.replace('2018', '2019')));
  });

  it('refuses a signature older than the window', async () => {
    const stale = { ...config, identityMaxAgeSeconds: -60 }; // expired the moment it is made
    const header = await signSubgraphIdentity(admin, body, 'education', stale, keys);
    await expectUnauthenticated(verify(header, body));
  });

  it('refuses an identity signed by any other key, and a missing header', async () => {
    const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const header = await signSubgraphIdentity(admin, body, 'education', config, { ...keys, gatewayPrivateKey: other.privateKey });
    await expectUnauthenticated(verify(header, body));
    await expectUnauthenticated(verify(undefined, body));
  });

  it('refuses a user token presented as a gateway identity', async () => {
    const token = await issueUserToken(admin, config, keys);
    await expectUnauthenticated(verify(token, body));
  });

  it('refuses a signature made for one department at every other', async () => {
    const header = await signSubgraphIdentity(admin, body, 'civil-affairs', config, keys);
    for (const other of SUBGRAPH_NAMES.filter((n) => n !== 'civil-affairs')) {
      await expect(verify(header, body, other)).rejects.toMatchObject({ message: expect.stringContaining('ERR_JWT_CLAIM_VALIDATION_FAILED'), extensions: { code: 'UNAUTHENTICATED' } });
    }
    await expect(verify(header, body, 'civil-affairs')).resolves.toEqual(admin);
  });

  it('accepts a signature once: the same header and body a second time are refused', async () => {
    const seen = memoryReplayGuard();
    const header = await signSubgraphIdentity(admin, body, 'education', config, keys);
    await expect(verify(header, body, 'education', seen)).resolves.toEqual(admin);
    await expect(verify(header, body, 'education', seen)).rejects.toMatchObject({ message: 'this signed request was already used', extensions: { code: 'UNAUTHENTICATED' } });
    // a fresh signature over the same body is a new request
    await expect(verify(await signSubgraphIdentity(admin, body, 'education', config, keys), body, 'education', seen)).resolves.toEqual(admin);
  });

  it('refuses a gateway-signed identity without a jti (it could not be told from a replay)', async () => {
    const token = await new SignJWT({ name: admin.name, dept: admin.department, role: admin.role, scope: admin.scope, bdy: bodyDigest(body) })
      .setProtectedHeader({ alg: 'EdDSA' }).setSubject(admin.user).setIssuer('kongchuo-gateway').setAudience(subgraphAudience('education'))
      .setIssuedAt().setExpirationTime('30s').sign(keys.gatewayPrivateKey!);
    await expectUnauthenticated(verify(token, body));
  });

  it.each(['province', 'school ', '', undefined])('refuses an unknown scope kind (%p), even correctly signed', async (kind) => {
    const signed = (scope: unknown) => new SignJWT({ name: admin.name, dept: admin.department, role: admin.role, scope, bdy: bodyDigest(body) })
      .setProtectedHeader({ alg: 'EdDSA' }).setSubject(admin.user).setIssuer('kongchuo-gateway').setAudience(subgraphAudience('education'))
      .setJti(randomUUID()).setIssuedAt().setExpirationTime('30s').sign(keys.gatewayPrivateKey!);
    await expect(verify(await signed({ kind, code: '450204' }), body)).rejects.toMatchObject({ message: expect.stringContaining('claims are incomplete'), extensions: { code: 'UNAUTHENTICATED' } });
    // the same token with a known kind passes: the refusal above is the kind's
    await expect(verify(await signed({ kind: 'district', code: '450204' }), body)).resolves.toMatchObject({ scope: { kind: 'district' } });
  });
});

describe('the memory of used signatures', () => {
  it('forgets a signature only once it has expired, however many come in between', () => {
    let now = 1_000_000;
    const seen = memoryReplayGuard(() => now);
    expect(seen.firstUse('a', now + 35_000)).toBe(true);
    for (let i = 0; i < 50_000; i += 1) seen.firstUse(`x${i}`, now + 35_000);
    now += 34_000;
    expect(seen.firstUse('a', now + 35_000)).toBe(false);
    now += 2_000; // past 'a's expiry (and past a sweep): a token that old is refused by its exp anyway
    expect(seen.firstUse('a', now + 35_000)).toBe(true);
  });
});
