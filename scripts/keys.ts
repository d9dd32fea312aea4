/**
 * `npm run -s keys`: prints fresh production key material as .env lines for docker-compose:
 * the gateway's Ed25519 signing pair and a random district linkage secret. Keep the output secret;
 * the private key goes to the gateway only. (The token issuer's public key comes from your IdP.)
 */
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { IDENTITY_ALG } from '@kongchuo/shared';

async function main() {
  const gateway = await generateKeyPair(IDENTITY_ALG, { crv: 'Ed25519', extractable: true });
  const line = (k: string, v: unknown) => `${k}='${typeof v === 'string' ? v : JSON.stringify(v)}'`;
  console.log(line('GATEWAY_PRIVATE_JWK', await exportJWK(gateway.privateKey)));
  console.log(line('GATEWAY_PUBLIC_JWK', await exportJWK(gateway.publicKey)));
  console.log(line('LINKAGE_SECRET', randomBytes(32).toString('base64url')));
  console.log(line('POSTGRES_PASSWORD', randomBytes(18).toString('base64url')));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
