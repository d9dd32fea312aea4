import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';
import type { Config } from '../core';
import { secretWeakness } from '../core';

/** Algorithms are pinned: the embedded provider's and the development key's user tokens are ES256, identities the gateway signs for subgraphs are EdDSA. */
export const USER_TOKEN_ALG = 'ES256';
export const IDENTITY_ALG = 'EdDSA';

export interface KeyMaterial {
  /** the data folder's development key, with which tests and benchmarks sign tokens (never in production) */
  issuerPrivateKey?: KeyLike;
  issuerPublicKey?: KeyLike;
  /** only in the gateway */
  gatewayPrivateKey?: KeyLike;
  gatewayPublicKey: KeyLike;
  linkageSecret: string;
}

interface StoredKeys {
  issuer: { privateJwk: JWK; publicJwk: JWK };
  gateway: { privateJwk: JWK; publicJwk: JWK };
  linkageSecret: string;
}

const devKeyFile = (config: Config) => path.join(config.dataDir, 'keys', 'dev-keys.json');

async function generateStoredKeys(): Promise<StoredKeys> {
  const issuer = await generateKeyPair(USER_TOKEN_ALG, { extractable: true });
  const gateway = await generateKeyPair(IDENTITY_ALG, { crv: 'Ed25519', extractable: true });
  return {
    issuer: { privateJwk: await exportJWK(issuer.privateKey), publicJwk: await exportJWK(issuer.publicKey) },
    gateway: { privateJwk: await exportJWK(gateway.privateKey), publicJwk: await exportJWK(gateway.publicKey) },
    linkageSecret: randomBytes(32).toString('base64url'),
  };
}

/**
 * Development keys, made once per data folder (mode 0600) and reused by every service and by
 * `npm run token`. Production refuses them: keys come from the environment there.
 */
async function devKeys(config: Config): Promise<StoredKeys> {
  const file = devKeyFile(config);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const fresh = JSON.stringify(await generateStoredKeys(), null, 2);
    try {
      fs.writeFileSync(file, fresh, { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another service made them first
    }
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as StoredKeys;
}

const parseJwk = (name: string, text: string): JWK => {
  try {
    return JSON.parse(text) as JWK;
  } catch {
    throw new Error(`config: ${name} is not a JSON Web Key`);
  }
};

/**
 * Production: GATEWAY_PRIVATE_JWK (gateway only), GATEWAY_PUBLIC_JWK, LINKAGE_SECRET (not weak:
 * `secretWeakness`) and TOKEN_PUBLIC_JWK or TOKEN_JWKS_URL, never generated; the entry points check
 * them all first (`assertProductionReady`). Development: the same variables win; what is missing
 * comes from the data folder's development keys.
 */
export async function loadKeys(config: Config, env: NodeJS.ProcessEnv = process.env): Promise<KeyMaterial> {
  const fromEnv = env.GATEWAY_PUBLIC_JWK && env.LINKAGE_SECRET;
  if (config.production && !fromEnv) {
    throw new Error('config: production needs GATEWAY_PUBLIC_JWK and LINKAGE_SECRET (development keys are refused)');
  }
  const weak = config.production ? secretWeakness(env.LINKAGE_SECRET!) : undefined;
  if (weak) throw new Error(`config: LINKAGE_SECRET is too weak for production (${weak})`);
  const dev = fromEnv ? undefined : await devKeys(config);
  const jwk = (name: string, fallback?: JWK) => (env[name] ? parseJwk(name, env[name]!) : fallback);
  const imp = async (j: JWK | undefined, alg: string) => (j ? ((await importJWK(j, alg)) as KeyLike) : undefined);
  const gatewayPublic = await imp(jwk('GATEWAY_PUBLIC_JWK', dev?.gateway.publicJwk), IDENTITY_ALG);
  if (!gatewayPublic) throw new Error('config: no gateway public key');
  const issuerPublicJwk = config.token.issuerPublicJwk ? parseJwk('TOKEN_PUBLIC_JWK', config.token.issuerPublicJwk) : dev?.issuer.publicJwk;
  return {
    issuerPrivateKey: config.production ? undefined : await imp(dev?.issuer.privateJwk, USER_TOKEN_ALG),
    issuerPublicKey: await imp(issuerPublicJwk, config.token.issuerPublicJwk ? config.token.algorithms[0] : USER_TOKEN_ALG),
    gatewayPrivateKey: await imp(jwk('GATEWAY_PRIVATE_JWK', dev?.gateway.privateJwk), IDENTITY_ALG),
    gatewayPublicKey: gatewayPublic,
    linkageSecret: env.LINKAGE_SECRET ?? dev!.linkageSecret,
  };
}
