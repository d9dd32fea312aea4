/**
 * The keys the departments sign their audit checkpoints with (shared/src/audit/checkpoint.ts):
 * one Ed25519 pair per service. A department holds only its own private key; the holder of its
 * checkpoints (and `npm run audit:verify`) holds the public one, so the holder can check a
 * checkpoint but never make one — unlike an HMAC under a key derived from the linkage secret,
 * which every department (the joint meeting included) could compute.
 *
 * Production: AUDIT_SIGNING_JWK_<NAME> (that service only) and AUDIT_PUBLIC_JWK_<NAME> (every
 * service that holds or verifies that department's checkpoints), as `npm run -s keys` prints them.
 * Development: what is missing comes from `DATA_DIR/keys/audit-keys.json`, made once (mode 0600).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { SUBGRAPH_NAMES, type Config, type SubgraphName } from '../core';

export interface AuditKeys {
  /** private keys: in production only the running service's own */
  signing: Partial<Record<SubgraphName, KeyObject>>;
  public: Partial<Record<SubgraphName, KeyObject>>;
}

type StoredPairs = Record<string, { privateJwk: JsonWebKey; publicJwk: JsonWebKey }>;

const envName = (name: SubgraphName) => name.toUpperCase().replace(/-/g, '_');
export const auditSigningVariable = (name: SubgraphName) => `AUDIT_SIGNING_JWK_${envName(name)}`;
export const auditPublicVariable = (name: SubgraphName) => `AUDIT_PUBLIC_JWK_${envName(name)}`;

/** A fresh Ed25519 pair as JSON Web Keys (for `npm run keys` and the development file). */
export function generateAuditKeyPair(): { privateJwk: JsonWebKey; publicJwk: JsonWebKey } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateJwk: privateKey.export({ format: 'jwk' }), publicJwk: publicKey.export({ format: 'jwk' }) };
}

function devPairs(config: Config): StoredPairs {
  const file = path.join(config.dataDir, 'keys', 'audit-keys.json');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const fresh = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, generateAuditKeyPair()]));
    try {
      fs.writeFileSync(file, JSON.stringify(fresh, null, 2), { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another service made them first
    }
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as StoredPairs;
}

function parse(variable: string, text: string): JsonWebKey {
  try {
    return JSON.parse(text) as JsonWebKey;
  } catch {
    throw new Error(`config: ${variable} is not a JSON Web Key`);
  }
}

function ed25519(variable: string, jwk: JsonWebKey, kind: 'private' | 'public'): KeyObject {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || (kind === 'private' && typeof jwk.d !== 'string')) {
    throw new Error(`config: ${variable} is not an Ed25519 ${kind} JSON Web Key`);
  }
  if (kind === 'public' && 'd' in jwk) throw new Error(`config: ${variable} holds a private key; give it the public half only`);
  return kind === 'private' ? createPrivateKey({ key: jwk, format: 'jwk' }) : createPublicKey({ key: jwk, format: 'jwk' });
}

/** Every audit checkpoint key this process can find (see the module comment). */
export function loadAuditKeys(config: Config, env: NodeJS.ProcessEnv = process.env): AuditKeys {
  const keys: AuditKeys = { signing: {}, public: {} };
  let dev: StoredPairs | undefined;
  const fallback = () => (config.production ? undefined : (dev ??= devPairs(config)));
  for (const name of SUBGRAPH_NAMES) {
    const priv = env[auditSigningVariable(name)];
    const pub = env[auditPublicVariable(name)];
    const signing = priv ? ed25519(auditSigningVariable(name), parse(auditSigningVariable(name), priv), 'private') : undefined;
    if (signing) keys.signing[name] = signing;
    if (pub) keys.public[name] = ed25519(auditPublicVariable(name), parse(auditPublicVariable(name), pub), 'public');
    else if (signing) keys.public[name] = createPublicKey(signing);
    // a development pair only for a service neither variable names (a half from each would not match)
    const stored = !priv && !pub ? fallback()?.[name] : undefined;
    if (stored) {
      keys.signing[name] = createPrivateKey({ key: stored.privateJwk, format: 'jwk' });
      keys.public[name] = createPublicKey({ key: stored.publicJwk, format: 'jwk' });
    }
  }
  return keys;
}

/**
 * What keeps `service` from anchoring its audit chain in production: its own signing key, and the
 * public keys of the departments whose checkpoints it holds. Empty outside production.
 */
export function auditKeyProblems(config: Config, env: NodeJS.ProcessEnv, service: SubgraphName, holds: readonly SubgraphName[]): string[] {
  if (!config.production) return [];
  const problems: string[] = [];
  if (!env[auditSigningVariable(service)]) problems.push(`${auditSigningVariable(service)} is not set: ${service} signs the checkpoints of its audit chain with it (\`npm run -s keys\` makes the pairs)`);
  for (const other of holds) {
    if (!env[auditPublicVariable(other)]) problems.push(`${auditPublicVariable(other)} is not set: ${service} holds ${other}'s audit checkpoints and checks their signatures with it`);
  }
  return problems;
}

/** Who holds each department's checkpoints: never the department itself. */
export const CHECKPOINT_HOLDERS: Record<SubgraphName, SubgraphName> = {
  education: 'joint-meeting',
  'public-security': 'joint-meeting',
  'civil-affairs': 'joint-meeting',
  community: 'joint-meeting',
  'joint-meeting': 'education',
};

/** The departments whose checkpoints `holder` keeps. */
export const checkpointsHeldBy = (holder: SubgraphName): SubgraphName[] => SUBGRAPH_NAMES.filter((n) => CHECKPOINT_HOLDERS[n] === holder);
