import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, UnsecuredJWT, generateKeyPair } from 'jose';
import {
  DEMO_ACCOUNTS, issueUserToken, loadConfig, loadKeys, signSubgraphIdentity, userTokenVerifier, verifySubgraphIdentity,
  type Config, type KeyMaterial,
} from '@kongchuo/shared';

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
    const unsigned = new UnsecuredJWT({ name: admin.name, dept: admin.department, role: admin.role, scope: admin.scope })
      .setSubject(admin.user).setIssuer(config.token.issuer).setAudience(config.token.audience).setExpirationTime('1h').encode();
    await expectUnauthenticated(userTokenVerifier(config, keys)(`Bearer ${unsigned}`));
  });

  it('refuses a token signed by a foreign key', async () => {
    const foreign = await generateKeyPair('ES256');
    const token = await new SignJWT({ name: admin.name, dept: admin.department, role: admin.role, scope: admin.scope })
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
    const token = await new SignJWT({ name: admin.name, dept: admin.department, role: admin.role, scope: admin.scope })
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

describe('gateway-signed identity (gateway → subgraph)', () => {
  const body = JSON.stringify({ query: '{ districtOverview(year: 2018) { stillOut } }' });

  it('verifies when signature, body and time match', async () => {
    const header = await signSubgraphIdentity(admin, body, config, keys);
    await expect(verifySubgraphIdentity(header, Buffer.from(body), config, keys)).resolves.toEqual(admin);
  });

  it('refuses a body other than the one signed', async () => {
    const header = await signSubgraphIdentity(admin, body, config, keys);
    await expectUnauthenticated(verifySubgraphIdentity(header, Buffer.from(body.replace('2018', '2019')), config, keys));
  });

  it('refuses a signature older than the window', async () => {
    const stale = { ...config, identityMaxAgeSeconds: -60 }; // expired the moment it is made
    const header = await signSubgraphIdentity(admin, body, stale, keys);
    await expectUnauthenticated(verifySubgraphIdentity(header, Buffer.from(body), config, keys));
  });

  it('refuses an identity signed by any other key, and a missing header', async () => {
    const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const header = await signSubgraphIdentity(admin, body, config, { ...keys, gatewayPrivateKey: other.privateKey });
    await expectUnauthenticated(verifySubgraphIdentity(header, Buffer.from(body), config, keys));
    await expectUnauthenticated(verifySubgraphIdentity(undefined, Buffer.from(body), config, keys));
  });

  it('refuses a user token presented as a gateway identity', async () => {
    const token = await issueUserToken(admin, config, keys);
    await expectUnauthenticated(verifySubgraphIdentity(token, Buffer.from(body), config, keys));
  });
});
