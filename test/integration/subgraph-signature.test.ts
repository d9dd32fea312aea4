import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, generateKeyPair } from 'jose';
import { loadConfig } from '@kongchuo/shared/core';
import { DEMO_ACCOUNTS, IDENTITY_HEADER, signSubgraphIdentity, subgraphAudience } from '@kongchuo/shared/identity';
import { gql, post, subgraphUrl, testKeys } from '../support/client';

const body = JSON.stringify({ query: '{ students(first: 1) { totalCount nodes { name idNumber } } }' });
const config = () => loadConfig({ ...process.env, DATA_DIR: process.env.KC_DATA_DIR });
const admin = DEMO_ACCOUNTS['edu-admin'];

describe('a subgraph reached directly gives nothing away', () => {
  it('refuses a request without the gateway signature', async () => {
    const r = await post(subgraphUrl('education'), body);
    expect(r.status).toBe(401);
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.data).toBeUndefined();
  });

  it('ignores identity-like headers a client adds', async () => {
    const r = await post(subgraphUrl('education'), body, { 'x-user': 'edu-admin', 'x-department': 'education', authorization: 'Bearer x' });
    expect(r.status).toBe(401);
  });

  it('refuses an identity signed with any other key', async () => {
    const forged = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const header = await signSubgraphIdentity(admin, body, 'education', config(), { ...(await testKeys()), gatewayPrivateKey: forged.privateKey });
    expect((await post(subgraphUrl('education'), body, { [IDENTITY_HEADER]: header })).status).toBe(401);
  });

  it('refuses a genuine signature on a different body (tampered or replayed on another query)', async () => {
    const header = await signSubgraphIdentity(admin, JSON.stringify({ query: '{ schools { code } }' }), 'education', config(), await testKeys());
    expect((await post(subgraphUrl('education'), body, { [IDENTITY_HEADER]: header })).status).toBe(401);
  });

  it('refuses a genuine signature that is past its time window', async () => {
    const keys = await testKeys();
    const now = Math.floor(Date.now() / 1000);
    const stale = await new SignJWT({ name: admin.name, dept: admin.department, role: admin.role, scope: admin.scope, bdy: createHash('sha256').update(body).digest('base64url') })
      .setProtectedHeader({ alg: 'EdDSA' }).setSubject(admin.user).setIssuer('kongchuo-gateway').setAudience(subgraphAudience('education'))
      .setJti(randomUUID()).setIssuedAt(now - 600).setExpirationTime(now - 570).sign(keys.gatewayPrivateKey!);
    expect((await post(subgraphUrl('education'), body, { [IDENTITY_HEADER]: stale })).status).toBe(401);
  });

  it('answers the same request when the gateway key signed it (so the refusals above are about the signature)', async () => {
    const header = await signSubgraphIdentity(admin, body, 'education', config(), await testKeys());
    const r = await post<{ students: { totalCount: number } }>(subgraphUrl('education'), body, { [IDENTITY_HEADER]: header });
    expect(r.status).toBe(200);
    expect(r.data?.students.totalCount).toBeGreaterThan(18000);
  });

  it('through the gateway, a client-sent identity header does not change who the caller is', async () => {
    const forged = await signSubgraphIdentity(admin, body, 'education', config(), await testKeys());
    const r = await gql<{ students: { totalCount: number } }>('{ students(first: 1) { totalCount } }', {}, { as: 'school-staff', headers: { [IDENTITY_HEADER]: forged } });
    expect(r.data?.students.totalCount).toBeLessThan(2000); // still the school's own students
  });
});
