/**
 * What production refuses to start with (shared/src/server/production.ts): each refusal names its
 * variable and never its value; outside production nothing is checked and the development
 * defaults (SQLite files and keys in DATA_DIR) are what they were.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { SUBGRAPH_NAMES, WORKERS, loadConfig, secretWeakness, type WorkerName } from '@kongchuo/shared/core';
import { loadKeys } from '@kongchuo/shared/identity';
import { ProductionConfigError, assertProductionReady, productionProblems, type ServiceName } from '@kongchuo/shared/server';

const ROOT = path.resolve(__dirname, '..', '..');
const ALL: ServiceName[] = ['gateway', ...SUBGRAPH_NAMES, ...(Object.keys(WORKERS) as WorkerName[])];
const WEAK = 'weak-linkage-value-7';

let good: NodeJS.ProcessEnv;
let other: { privateJwk: string; publicJwk: string };

const ed25519 = async () => {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return { privateJwk: JSON.stringify(await exportJWK(pair.privateKey)), publicJwk: JSON.stringify(await exportJWK(pair.publicKey)) };
};

beforeAll(async () => {
  const gateway = await ed25519();
  other = await ed25519();
  const issuer = await generateKeyPair('ES256', { extractable: true });
  good = {
    NODE_ENV: 'production',
    LINKAGE_SECRET: randomBytes(32).toString('base64url'),
    GATEWAY_PRIVATE_JWK: gateway.privateJwk,
    GATEWAY_PUBLIC_JWK: gateway.publicJwk,
    TOKEN_PUBLIC_JWK: JSON.stringify(await exportJWK(issuer.publicKey)),
    DATABASE_URL: 'postgres://kc_{service}:pw@db:5432/kongchuo_{service}',
    SERVICE_TOKEN_JOINT_MEETING: 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJzdmMtam9pbnQtbWVldGluZyJ9.c2ln',
    TOKEN_ISSUER: 'https://id.liunan.example.gov.cn',
    DASHBOARD_URLS: 'https://kongchuo.liunan.example.gov.cn',
  };
  // each department's audit-checkpoint signing pair (audit-keys.ts)
  for (const d of SUBGRAPH_NAMES) {
    const pair = await ed25519();
    const name = d.toUpperCase().replace(/-/g, '_');
    good[`AUDIT_SIGNING_JWK_${name}`] = pair.privateJwk;
    good[`AUDIT_PUBLIC_JWK_${name}`] = pair.publicJwk;
  }
});

const problems = (env: NodeJS.ProcessEnv, services: ServiceName[] = ALL, demo = false) => productionProblems(loadConfig(env), env, services, { demo });
/** The problems naming `variable`, after checking that none of them quotes `value`. */
const naming = (variable: string, env: NodeJS.ProcessEnv, services: ServiceName[] = ALL, value?: string) => {
  const found = problems(env, services);
  if (value) for (const p of found) expect(p).not.toContain(value);
  return found.filter((p) => p.includes(variable));
};

describe('audit checkpoint keys, in production', () => {
  it.each(SUBGRAPH_NAMES)('refuses %s without its own signing key, or without the public key of a chain it holds', (d) => {
    const name = d.toUpperCase().replace(/-/g, '_');
    expect(naming(`AUDIT_SIGNING_JWK_${name}`, { ...good, [`AUDIT_SIGNING_JWK_${name}`]: undefined }, [d])).toHaveLength(1);
    // the joint meeting holds the four departments' checkpoints, education holds the joint meeting's
    const held = d === 'joint-meeting' ? 'EDUCATION' : d === 'education' ? 'JOINT_MEETING' : undefined;
    if (held) expect(naming(`AUDIT_PUBLIC_JWK_${held}`, { ...good, [`AUDIT_PUBLIC_JWK_${held}`]: undefined }, [d])).toHaveLength(1);
  });
});

describe('outside production', () => {
  it.each([undefined, 'development', 'test'])('NODE_ENV=%s: nothing is refused, SQLite files and development keys in DATA_DIR as before', async (nodeEnv) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-prod-'));
    try {
      const env: NodeJS.ProcessEnv = { DATA_DIR: dir, LINKAGE_SECRET: 'x', METRICS_TOKEN: 'y', ...(nodeEnv ? { NODE_ENV: nodeEnv } : {}) };
      const config = loadConfig(env);
      expect(productionProblems(config, env, ALL, { demo: true })).toEqual([]);
      expect(() => assertProductionReady(config, env, ALL, { demo: true })).not.toThrow();
      expect(config.databaseUrl('education')).toBe(path.join(dir, 'education.sqlite'));
      const keys = await loadKeys(config, { DATA_DIR: dir });
      expect(keys.gatewayPrivateKey).toBeDefined();
      expect(keys.issuerPrivateKey).toBeDefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('in production', () => {
  it('starts every service with what `npm run -s keys` makes, the IdP key and a database each', () => {
    expect(problems(good)).toEqual([]);
    expect(problems(good, [...ALL, 'identity'])).toEqual([]);
    const printed = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'dist', 'keys.js')], { encoding: 'utf8' });
    const fromKeys = Object.fromEntries(printed.trim().split('\n').map((l) => /^(\w+)='(.*)'$/.exec(l)!.slice(1, 3)));
    expect(problems({ ...good, ...fromKeys })).toEqual([]);
  });

  it.each([
    ['missing', undefined, /LINKAGE_SECRET is not set/],
    ['empty', '', /LINKAGE_SECRET is not set/],
    ['one character', 'x', /LINKAGE_SECRET is too weak \(shorter than 32 characters\)/],
    ['short', WEAK, /LINKAGE_SECRET is too weak \(shorter than 32 characters\)/],
    ['one character repeated', 'a'.repeat(48), /LINKAGE_SECRET is too weak \(fewer than 10 different characters\)/],
    ['a short piece repeated', '0123456789ab'.repeat(4), /LINKAGE_SECRET is too weak \(one short piece repeated\)/],
    ['a placeholder', 'please-CHANGEME-before-going-live-2026', /LINKAGE_SECRET is too weak \(an example or placeholder value\)/],
  ])('refuses a LINKAGE_SECRET that is %s, for every service, without quoting it', (_what, value, message) => {
    for (const service of ALL) {
      const found = naming('LINKAGE_SECRET', { ...good, LINKAGE_SECRET: value }, [service], value || undefined);
      expect(found).toEqual([expect.stringMatching(message)]);
    }
  });

  it('accepts generated secrets: 32 random bytes as base64url or hex', () => {
    for (let i = 0; i < 500; i += 1) {
      expect(secretWeakness(randomBytes(32).toString('base64url'))).toBeUndefined();
      expect(secretWeakness(randomBytes(32).toString('hex'))).toBeUndefined();
    }
  });

  it.each(SUBGRAPH_NAMES)('refuses %s without a database URL (no SQLite fallback), or reaching it as postgres', (name) => {
    const variable = `${name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;
    const none = { ...good, DATABASE_URL: undefined };
    expect(naming(variable, none, [name])).toEqual([expect.stringMatching(/is not set: production does not fall back to a SQLite file/)]);
    expect(naming(variable, { ...none, [variable]: '' }, [name])).toHaveLength(1);
    expect(problems({ ...none, [variable]: `postgres://kc_x:pw@db/kongchuo_x` }, [name])).toEqual([]);
    expect(problems({ ...none, [variable]: '/var/lib/kongchuo/explicit.sqlite' }, [name])).toEqual([]);
    expect(naming(variable, { ...none, [variable]: 'postgres://postgres:pw@db/kongchuo_x' }, [name], 'pw@')).toEqual([expect.stringMatching(/connects as postgres/)]);
    expect(naming('DATABASE_URL', { ...good, DATABASE_URL: 'postgresql://postgres@db/kongchuo_{service}' }, [name])).toEqual([expect.stringMatching(/^DATABASE_URL connects as postgres/)]);
    // the gateway has no database
    expect(problems(none, ['gateway'])).toEqual([]);
  });

  it('gives no SQLite path in production to a caller that skipped the check', () => {
    const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: os.tmpdir() });
    expect(() => config.databaseUrl('public-security')).toThrow(/PUBLIC_SECURITY_DATABASE_URL \(or DATABASE_URL\) is not set/);
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_SECURITY_DATABASE_URL: '/srv/ps.sqlite' }).databaseUrl('public-security')).toBe('/srv/ps.sqlite');
  });

  it('refuses one DATABASE_URL without {service} for all departments in one process (they would share a database)', () => {
    const shared = { ...good, DATABASE_URL: 'postgres://kc:pw@db/kongchuo' };
    expect(problems(shared, SUBGRAPH_NAMES)).toEqual([expect.stringMatching(/DATABASE_URL has no \{service\} in it/)]);
    expect(problems(shared, ['education'])).toEqual([]);
  });

  it('refuses a gateway without its signing key, with one that does not match, or with keys that are not what they say', () => {
    expect(naming('GATEWAY_PRIVATE_JWK', { ...good, GATEWAY_PRIVATE_JWK: undefined }, ['gateway'])).toEqual([
      expect.stringMatching(/GATEWAY_PRIVATE_JWK is not set: .*production never generates one/),
    ]);
    expect(naming('GATEWAY_PRIVATE_JWK', { ...good, GATEWAY_PRIVATE_JWK: other.privateJwk }, ['gateway'], JSON.parse(other.privateJwk).d)).toEqual([
      expect.stringMatching(/does not match GATEWAY_PUBLIC_JWK/),
    ]);
    expect(naming('GATEWAY_PRIVATE_JWK', { ...good, GATEWAY_PRIVATE_JWK: good.GATEWAY_PUBLIC_JWK }, ['gateway'])).toEqual([expect.stringMatching(/not an Ed25519 private JSON Web Key/)]);
    expect(naming('GATEWAY_PRIVATE_JWK', { ...good, GATEWAY_PRIVATE_JWK: 'not json' }, ['gateway'], 'not json')).toHaveLength(1);
    // the departments only check signatures: no private key for them
    expect(problems({ ...good, GATEWAY_PRIVATE_JWK: undefined }, SUBGRAPH_NAMES)).toEqual([]);
    for (const service of ALL) {
      expect(naming('GATEWAY_PUBLIC_JWK', { ...good, GATEWAY_PUBLIC_JWK: undefined }, [service])).toEqual([expect.stringMatching(/GATEWAY_PUBLIC_JWK is not set/)]);
      expect(naming('GATEWAY_PUBLIC_JWK', { ...good, GATEWAY_PUBLIC_JWK: good.GATEWAY_PRIVATE_JWK }, [service], JSON.parse(good.GATEWAY_PRIVATE_JWK!).d)).toEqual([
        expect.stringMatching(/GATEWAY_PUBLIC_JWK holds a private key/),
      ]);
    }
  });

  it('refuses a gateway without the IdP key, with JWKS fetched in the clear, or with the IdP private key', async () => {
    expect(naming('TOKEN_JWKS_URL', { ...good, TOKEN_PUBLIC_JWK: undefined }, ['gateway'])).toEqual([expect.stringMatching(/TOKEN_PUBLIC_JWK or TOKEN_JWKS_URL must be set/)]);
    expect(problems({ ...good, TOKEN_PUBLIC_JWK: undefined, TOKEN_JWKS_URL: 'https://idp.example.org/jwks' }, ['gateway'])).toEqual([]);
    expect(naming('TOKEN_JWKS_URL', { ...good, TOKEN_PUBLIC_JWK: undefined, TOKEN_JWKS_URL: 'http://idp.example.org/jwks' }, ['gateway'])).toEqual([expect.stringMatching(/must be https/)]);
    // in the clear only to the provider on the same machine or by its service name on the deployment's network
    for (const internal of ['http://identity:4010/jwks', 'http://127.0.0.1:4010/jwks']) expect(problems({ ...good, TOKEN_PUBLIC_JWK: undefined, TOKEN_JWKS_URL: internal }, ['gateway'])).toEqual([]);
    const issuer = await generateKeyPair('ES256', { extractable: true });
    const privateJwk = await exportJWK(issuer.privateKey);
    expect(naming('TOKEN_PUBLIC_JWK', { ...good, TOKEN_PUBLIC_JWK: JSON.stringify(privateJwk) }, ['gateway'], privateJwk.d)).toEqual([expect.stringMatching(/holds a private key/)]);
    expect(naming('TOKEN_PUBLIC_JWK', { ...good, TOKEN_PUBLIC_JWK: good.GATEWAY_PUBLIC_JWK }, ['gateway'])).toEqual([expect.stringMatching(/not an ES256/)]);
    expect(problems({ ...good, TOKEN_PUBLIC_JWK: undefined }, SUBGRAPH_NAMES)).toEqual([]);
  });

  it('refuses a weak METRICS_TOKEN (unset, /metrics is off)', () => {
    for (const service of ALL) {
      expect(naming('METRICS_TOKEN', { ...good, METRICS_TOKEN: 'hunter2-hunter3' }, [service], 'hunter2-hunter3')).toEqual([expect.stringMatching(/METRICS_TOKEN is too weak/)]);
      expect(problems({ ...good, METRICS_TOKEN: randomBytes(32).toString('base64url') }, [service])).toEqual([]);
    }
  });

  it('refuses the cross-check worker without the joint meeting\'s service account (the joint meeting\'s service itself reads no one), and seeding the demo', () => {
    expect(naming('SERVICE_TOKEN_JOINT_MEETING', { ...good, SERVICE_TOKEN_JOINT_MEETING: undefined }, ['cross-check'])).toEqual([expect.stringMatching(/SERVICE_CLIENT_SECRET_JOINT_MEETING \(or SERVICE_TOKEN_JOINT_MEETING\) is not set/)]);
    // its client secret instead: it gets its own tokens with the client-credentials grant
    expect(problems({ ...good, SERVICE_TOKEN_JOINT_MEETING: undefined, SERVICE_CLIENT_SECRET_JOINT_MEETING: randomBytes(32).toString('base64url') }, ['cross-check'])).toEqual([]);
    expect(naming('SERVICE_TOKEN_JOINT_MEETING', { ...good, SERVICE_TOKEN_JOINT_MEETING: 'token' }, ['cross-check'], 'token')).toEqual([expect.stringMatching(/not a JWT/)]);
    expect(problems({ ...good, SERVICE_TOKEN_JOINT_MEETING: undefined }, ['joint-meeting', 'education', 'gateway'])).toEqual([]);
    // the worker opens the joint meeting's database: it needs that database's URL like the service does
    expect(naming('JOINT_MEETING_DATABASE_URL', { ...good, JOINT_MEETING_DATABASE_URL: undefined, DATABASE_URL: undefined }, ['cross-check'])).toEqual([expect.stringMatching(/is not set/)]);
    expect(problems(good, ['education'], true)).toEqual([expect.stringMatching(/^DEMO_SEED: .*set DEMO_SEED=off/)]);
  });

  it('refuses the identity provider without an https issuer, the dashboard\'s https origins or its own database, and seeding the demo accounts', () => {
    expect(problems({ LINKAGE_SECRET: undefined, NODE_ENV: 'production', TOKEN_ISSUER: good.TOKEN_ISSUER, DASHBOARD_URLS: good.DASHBOARD_URLS, IDENTITY_DATABASE_URL: 'postgres://kc_identity:pw@db/kongchuo_identity' }, ['identity'])).toEqual([]);
    expect(naming('TOKEN_ISSUER', { ...good, TOKEN_ISSUER: undefined }, ['identity'])).toEqual([expect.stringMatching(/TOKEN_ISSUER is not set/)]);
    expect(naming('TOKEN_ISSUER', { ...good, TOKEN_ISSUER: 'http://id.liunan.example.gov.cn' }, ['identity'])).toEqual([expect.stringMatching(/must be https/)]);
    expect(naming('TOKEN_ISSUER', { ...good, TOKEN_ISSUER: undefined }, ['gateway'])).toEqual([expect.stringMatching(/TOKEN_ISSUER is not set/)]);
    expect(naming('DASHBOARD_URLS', { ...good, DASHBOARD_URLS: undefined }, ['identity'])).toEqual([expect.stringMatching(/is not set/)]);
    expect(naming('DASHBOARD_URLS', { ...good, DASHBOARD_URLS: 'https://a.example.gov.cn,http://b.example.gov.cn' }, ['identity'])).toEqual([expect.stringMatching(/must all be https/)]);
    expect(naming('IDENTITY_DATABASE_URL', { ...good, DATABASE_URL: undefined }, ['identity'])).toEqual([expect.stringMatching(/is not set: production does not fall back/)]);
    expect(naming('DATABASE_URL', { ...good, DATABASE_URL: 'postgres://postgres:pw@db/kongchuo_{service}' }, ['identity'], 'pw@')).toEqual([expect.stringMatching(/connects as postgres/)]);
    expect(problems(good, ['identity'], true)).toEqual([expect.stringMatching(/^DEMO_SEED: the demo accounts/)]);
  });

  it('assertProductionReady throws every problem at once, by name only', () => {
    const env = { ...good, LINKAGE_SECRET: WEAK, GATEWAY_PRIVATE_JWK: undefined, DATABASE_URL: undefined };
    let error: unknown;
    try {
      assertProductionReady(loadConfig(env), env, ALL);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProductionConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^production: refusing to start gateway, education, /);
    for (const v of ['LINKAGE_SECRET', 'GATEWAY_PRIVATE_JWK', 'EDUCATION_DATABASE_URL', 'JOINT_MEETING_DATABASE_URL']) expect(message).toContain(v);
    expect(message).not.toContain(WEAK);
  });

  it('loadKeys refuses a weak LINKAGE_SECRET too (for callers that skip the check), without quoting it', async () => {
    const env = { ...good, LINKAGE_SECRET: WEAK };
    const refused = loadKeys(loadConfig(env), env);
    await expect(refused).rejects.toThrow(/LINKAGE_SECRET is too weak for production/);
    await expect(refused).rejects.not.toThrow(WEAK);
    const keys = await loadKeys(loadConfig(good), good);
    expect(keys.gatewayPrivateKey).toBeDefined();
    expect(keys.issuerPrivateKey).toBeUndefined();
  });
});
