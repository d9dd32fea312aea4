/**
 * `npm run -s keys`: prints fresh production key material as .env lines for docker-compose:
 * the gateway's Ed25519 signing pair, a random district linkage secret, the PostgreSQL
 * superuser's password (used only by the init script) and each department's (and the identity
 * provider's) two role passwords (`<NAME>_DB_PASSWORD` for the service, `<NAME>_DB_OWNER_PASSWORD`
 * for its migrations). Keep the output secret; the private key goes to the gateway only. (The
 * joint meeting's service-account secret comes from the provider: `accounts bootstrap`.)
 */
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { SUBGRAPH_NAMES } from '@kongchuo/shared/core';
import { IDENTITY_ALG } from '@kongchuo/shared/identity';
import { auditPublicVariable, auditSigningVariable, generateAuditKeyPair } from '@kongchuo/shared/audit';

async function main() {
  const gateway = await generateKeyPair(IDENTITY_ALG, { crv: 'Ed25519', extractable: true });
  const line = (k: string, v: unknown) => `${k}='${typeof v === 'string' ? v : JSON.stringify(v)}'`;
  console.log(line('GATEWAY_PRIVATE_JWK', await exportJWK(gateway.privateKey)));
  console.log(line('GATEWAY_PUBLIC_JWK', await exportJWK(gateway.publicKey)));
  console.log(line('LINKAGE_SECRET', randomBytes(32).toString('base64url')));
  console.log(line('POSTGRES_PASSWORD', randomBytes(18).toString('base64url')));
  for (const name of [...SUBGRAPH_NAMES, 'identity']) {
    const env = name.toUpperCase().replace(/-/g, '_');
    console.log(line(`${env}_DB_PASSWORD`, randomBytes(18).toString('base64url')));
    console.log(line(`${env}_DB_OWNER_PASSWORD`, randomBytes(18).toString('base64url')));
  }
  // each department's audit checkpoint pair: AUDIT_SIGNING_JWK_<NAME> to that department only, the public halves to every service
  for (const name of SUBGRAPH_NAMES) {
    const pair = generateAuditKeyPair();
    console.log(line(auditSigningVariable(name), pair.privateJwk));
    console.log(line(auditPublicVariable(name), pair.publicJwk));
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
