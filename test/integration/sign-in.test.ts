/**
 * Signing in, as the district would run it: the embedded OpenID provider in a process of its own
 * (its own URL and database, as if it were an external provider), a gateway that checks tokens
 * against the provider's JWKS, and every refusal the issue names — each refused with a clear
 * message and nothing else changed.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { loadConfig } from '@kongchuo/shared/core';
import { issueUserToken } from '@kongchuo/shared/identity';
import { DEMO_PASSWORD } from '@kongchuo/identity';
import { testKeys } from '../support/client';
import { startTestIdentity, type TestIdentity } from '../support/identity';

const run = promisify(execFile);
let idp: TestIdentity;
let adminToken: string;

beforeAll(async () => {
  idp = await startTestIdentity();
  adminToken = (await idp.signIn('district-admin', DEMO_PASSWORD)).accessToken;
}, 120_000);
afterAll(() => idp?.stop());

const graph = async (token: string, query: string) => {
  const res = await fetch(idp.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] } };
};
const refusal = async (p: Promise<unknown>) => (await p.then(() => '(signed in)', (e: Error) => e.message));
const tokenRequest = (params: Record<string, string>, basic?: [string, string]) =>
  fetch(`${idp.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(basic ? { authorization: `Basic ${Buffer.from(`${basic[0]}:${basic[1]}`).toString('base64')}` } : {}) },
    body: new URLSearchParams(params),
  });
let made = 0;
/** a fresh account, made by the district's administrator through the API */
async function newAccount(role = 'grid_worker', department = 'community', scope = { kind: 'community', code: '450204002003' }) {
  const username = `test-${role.replace(/_/g, '-')}-${(made += 1)}`;
  const r = await idp.admin<{ account: { version: number } }>(adminToken, 'POST', '/accounts', { username, name: '测试人员', department, role, scope, password: 'correct-horse-42' });
  expect(r.body.errors).toBeUndefined();
  return { username, password: 'correct-horse-42', version: r.body.account.version };
}

describe('the provider', () => {
  it('publishes its discovery document and public keys: ES256, the code flow with PKCE (S256 only), client credentials, sign-out', async () => {
    const d = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(d.issuer).toBe(idp.issuer);
    expect(d.code_challenge_methods_supported).toEqual(['S256']);
    expect(d.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']));
    expect(d.end_session_endpoint).toBe(`${idp.issuer}/session/end`);
    const { keys } = (await (await fetch(d.jwks_uri as string)).json()) as { keys: Record<string, unknown>[] };
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect({ alg: k.alg, kty: k.kty, private: 'd' in k }).toEqual({ alg: 'ES256', kty: 'EC', private: false });
  });
});

describe('people', () => {
  it('sign in with the authorization-code flow and PKCE; the gateway takes the token, and its claims say who they are', async () => {
    const { accessToken, expiresIn } = await idp.signIn('police', DEMO_PASSWORD);
    expect(expiresIn).toBe(300);
    const claims = decodeJwt(accessToken);
    expect(decodeProtectedHeader(accessToken)).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(claims).toMatchObject({ iss: idp.issuer, aud: 'kongchuo', sub: 'police', department: 'public_security', role: 'officer', scope_kind: 'district', scope_code: '450204' });
    expect(claims.exp! - claims.iat!).toBe(300);
    const allowed = await graph(accessToken, '{ schools { code } }');
    expect(allowed.body.errors).toBeUndefined();
    expect((allowed.body.data!.schools as unknown[]).length).toBeGreaterThan(0);
    // what the departments were told about the caller, in their refusal
    const refused = await graph(accessToken, 'mutation { runCrossCheck { status } }');
    expect(refused.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('you are public_security:officer@district') });
  });

  it('are refused a wrong password and an unknown name alike, without learning which', async () => {
    expect(await refusal(idp.signIn('police', 'not-the-password'))).toBe('sign-in refused: 用户名或密码错误');
    expect(await refusal(idp.signIn('nobody-here', DEMO_PASSWORD))).toBe('sign-in refused: 用户名或密码错误');
  });

  it('are locked out after five wrong passwords (the right one too) until an administrator resets the password', async () => {
    const a = await newAccount();
    for (let i = 1; i <= 4; i += 1) expect(await refusal(idp.signIn(a.username, `wrong-${i}`))).toBe('sign-in refused: 用户名或密码错误');
    expect(await refusal(idp.signIn(a.username, 'wrong-5'))).toMatch(/^sign-in refused: 密码错误次数过多，账号已暂时锁定/);
    expect(await refusal(idp.signIn(a.username, a.password))).toMatch(/账号已暂时锁定/);
    const { body: listed } = await idp.admin<{ accounts: { username: string; locked: boolean; version: number }[] }>(adminToken, 'GET', '/accounts');
    const row = listed.accounts.find((x) => x.username === a.username)!;
    expect(row.locked).toBe(true);
    // a failed sign-in is no administrator's change: the version the administrator read still holds
    expect(row.version).toBe(a.version);
    const reset = await idp.admin(adminToken, 'POST', `/accounts/${a.username}/password`, { password: 'another-horse-43', version: row.version });
    expect(reset.status).toBe(200);
    expect((await idp.signIn(a.username, 'another-horse-43')).accessToken).toBeTruthy();
    const { body } = await idp.admin<{ changes: { operation: string; change: string }[] }>(adminToken, 'GET', '/changes');
    expect(body.changes.filter((c) => c.change.startsWith(`account:${a.username}:`)).map((c) => c.operation)).toEqual(['resetPassword', 'lockAccount', 'createAccount']);
  });

  it('whose account was disabled cannot sign in, their refresh token stops at once, and their access token within its 300 s', async () => {
    const a = await newAccount();
    const session = await idp.signIn(a.username, a.password, 'dashboard');
    expect(session.refreshToken).toBeTruthy();
    const disabled = await idp.admin<{ account: { disabled: boolean } }>(adminToken, 'POST', `/accounts/${a.username}/disable`, { version: a.version });
    expect(disabled.body.account.disabled).toBe(true);
    const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: session.refreshToken!, client_id: 'kongchuo-dashboard' });
    expect(refreshed.status).toBe(400);
    expect(((await refreshed.json()) as { error: string }).error).toBe('invalid_grant');
    expect(await refusal(idp.signIn(a.username, a.password))).toBe('sign-in refused: 账号已停用，请联系本部门的账号管理员');
    // with a wrong password, a disabled account is not told apart from a wrong password
    expect(await refusal(idp.signIn(a.username, 'wrong-one'))).toBe('sign-in refused: 用户名或密码错误');
    // the window: the token already issued lives out its lifetime
    const { exp, iat } = decodeJwt(session.accessToken);
    expect(exp! - iat!).toBe(300);
  });

  it('renew with a refresh token that is used once: a used or revoked one is refused', async () => {
    const first = await idp.signIn('community', DEMO_PASSWORD, 'dashboard');
    const renewed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refreshToken!, client_id: 'kongchuo-dashboard' });
    const next = (await renewed.json()) as { access_token: string; refresh_token: string };
    expect(renewed.status).toBe(200);
    expect(next.refresh_token).not.toBe(first.refreshToken);
    expect((await graph(next.access_token, '{ schools { code } }')).body.errors).toBeUndefined();
    const reused = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refreshToken!, client_id: 'kongchuo-dashboard' });
    expect(((await reused.json()) as { error: string }).error).toBe('invalid_grant');
    const again = await idp.signIn('community', DEMO_PASSWORD, 'dashboard');
    const revoked = await fetch(`${idp.issuer}/token/revocation`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: again.refreshToken!, client_id: 'kongchuo-dashboard' }) });
    expect(revoked.status).toBe(200);
    const afterRevocation = await tokenRequest({ grant_type: 'refresh_token', refresh_token: again.refreshToken!, client_id: 'kongchuo-dashboard' });
    expect(((await afterRevocation.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('are never sent to a redirect URI that is not registered: the provider stops with its own error page', async () => {
    const params = new URLSearchParams({ client_id: 'kongchuo-dashboard', response_type: 'code', redirect_uri: 'https://elsewhere.example/callback', scope: 'openid', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' });
    const res = await fetch(`${idp.issuer}/auth?${params}`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('redirect_uri did not match any of the client');
  });
});

describe('the command line', () => {
  const script = (name: string) => path.resolve(__dirname, `../../scripts/dist/${name}.js`);
  const cli = (name: string, args: string[], env: NodeJS.ProcessEnv = {}) => run(process.execPath, [script(name), ...args], { env: { ...idp.env, GATEWAY_URL: idp.gateway.url, ...env } });

  it('`npm run -s token -- <account>` prints a bearer token the gateway takes, signed in at the provider with the demo password', async () => {
    const { stdout } = await cli('token', ['grid-worker']);
    const token = stdout.trim();
    expect(decodeJwt(token)).toMatchObject({ iss: idp.issuer, sub: 'grid-worker', department: 'community', role: 'grid_worker', client_id: 'kongchuo-cli' });
    expect((await graph(token, '{ schools { code } }')).body.errors).toBeUndefined();
    // any other account's password from KC_PASSWORD; a wrong one is refused with the provider's message, exit 1
    const wrong = await cli('token', ['grid-worker'], { KC_PASSWORD: 'not-the-password' }).then(() => undefined, (e: { code: number; stderr: string }) => e);
    expect({ code: wrong?.code, stderr: wrong?.stderr.trim() }).toEqual({ code: 1, stderr: 'sign-in refused: 用户名或密码错误' });
  });

  it('`npm run -s accounts` administers accounts as the administrator it signs in as, under the same rules', async () => {
    const { stdout } = await cli('accounts', ['add', 'cli-grid-worker', '--name', '命令行网格员', '--department', 'community', '--role', 'grid_worker', '--scope', 'community:450204002003']);
    expect(JSON.parse(stdout)).toMatchObject({ account: { username: 'cli-grid-worker', scope: { kind: 'community', code: '450204002003' } }, password: expect.stringMatching(/^\w{16}$/) });
    const beyond = await cli('accounts', ['--as', 'edu-admin', 'add', 'cli-police', '--name', '越权', '--department', 'public_security', '--role', 'officer', '--scope', 'district:450204']).then(() => undefined, (e: { code: number; stderr: string }) => e);
    expect({ code: beyond?.code, stderr: beyond?.stderr.trim() }).toEqual({ code: 1, stderr: 'FORBIDDEN (department): 只能管理本部门（education）的账号' });
    await cli('accounts', ['disable', 'cli-grid-worker']);
    const listed = JSON.parse((await cli('accounts', ['list'])).stdout) as { username: string; disabled: boolean }[];
    expect(listed.find((a) => a.username === 'cli-grid-worker')?.disabled).toBe(true);
  });
});

describe('the gateway', () => {
  it('refuses a token from another issuer, and one signed with a key the provider does not publish', async () => {
    const keys = await testKeys();
    const identity = { user: 'police', name: '冒充者', department: 'public_security' as const, role: 'officer', scope: { kind: 'district' as const, code: '450204' } };
    const otherIssuer = await issueUserToken(identity, loadConfig({ TOKEN_ISSUER: 'https://other-idp.example' }), keys);
    const foreignKey = await issueUserToken(identity, loadConfig({ TOKEN_ISSUER: idp.issuer }), keys);
    for (const token of [otherIssuer, foreignKey]) {
      const r = await graph(token, '{ schools { code } }');
      expect({ status: r.status, code: r.body.errors?.[0]?.extensions?.code, data: r.body.data ?? null }).toEqual({ status: 401, code: 'UNAUTHENTICATED', data: null });
    }
  });

  it('takes tokens of a rotated signing key without a restart, and those of the key before it until they expire', async () => {
    const before = (await idp.signIn('joint-meeting', DEMO_PASSWORD)).accessToken;
    const { stdout } = await run(process.execPath, [path.resolve(__dirname, '../../scripts/dist/accounts.js'), 'rotate-keys'], { env: idp.env });
    const kid = /new signing key (\S+):/.exec(stdout)![1];
    await idp.restart();
    const after = (await idp.signIn('joint-meeting', DEMO_PASSWORD)).accessToken;
    expect(decodeProtectedHeader(after).kid).toBe(kid);
    expect(decodeProtectedHeader(before).kid).not.toBe(kid);
    for (const token of [after, before]) expect((await graph(token, '{ schools { code } }')).body.errors).toBeUndefined();
    adminToken = (await idp.signIn('district-admin', DEMO_PASSWORD)).accessToken;
  }, 60_000);
});

describe('department systems', () => {
  it('get a token with the client-credentials grant and query the graph within their scope, at their own rate', async () => {
    const made = await idp.admin<{ clientSecret: string; serviceAccount: { version: number } }>(adminToken, 'POST', '/service-accounts', { clientId: 'svc-test-police', name: '派出所系统（测试）', department: 'public_security', scope: { kind: 'district', code: '450204' }, rateLimitPerMinute: 3 });
    expect(made.status).toBe(200);
    const { clientSecret } = made.body;
    const got = await tokenRequest({ grant_type: 'client_credentials' }, ['svc-test-police', clientSecret]);
    const { access_token: token, expires_in: expiresIn } = (await got.json()) as { access_token: string; expires_in: number };
    expect(expiresIn).toBe(300);
    expect(decodeJwt(token)).toMatchObject({ sub: 'svc-test-police', department: 'public_security', role: 'service', scope_kind: 'district', rate_limit: 3 });
    expect((await graph(token, '{ schools { code } }')).body.errors).toBeUndefined();
    const refused = await graph(token, 'mutation { runCrossCheck { status } }');
    expect(refused.body.errors?.[0].message).toContain('you are public_security:service@district');
    // its own limit: three requests a minute
    expect((await graph(token, '{ schools { code } }')).status).toBe(200);
    const fourth = await graph(token, '{ schools { code } }');
    expect(fourth.status).toBe(429);
    expect(fourth.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');

    const wrong = await tokenRequest({ grant_type: 'client_credentials' }, ['svc-test-police', `${clientSecret}x`]);
    expect({ status: wrong.status, error: ((await wrong.json()) as { error: string }).error }).toEqual({ status: 401, error: 'invalid_client' });
    const renewed = await idp.admin<{ clientSecret: string; serviceAccount: { version: number } }>(adminToken, 'POST', '/service-accounts/svc-test-police/secret', { version: made.body.serviceAccount.version });
    expect(renewed.body.clientSecret).not.toBe(clientSecret);
    expect((await tokenRequest({ grant_type: 'client_credentials' }, ['svc-test-police', clientSecret])).status).toBe(401);
    expect((await tokenRequest({ grant_type: 'client_credentials' }, ['svc-test-police', renewed.body.clientSecret])).status).toBe(200);
    await idp.admin(adminToken, 'POST', '/service-accounts/svc-test-police/disable', { version: renewed.body.serviceAccount.version });
    expect((await tokenRequest({ grant_type: 'client_credentials' }, ['svc-test-police', renewed.body.clientSecret])).status).toBe(401);
  });

  it('the joint meeting\'s own service account, svc-joint-meeting, is one of them', async () => {
    const { body } = await idp.admin<{ serviceAccounts: { clientId: string; department: string }[] }>(adminToken, 'GET', '/service-accounts');
    expect(body.serviceAccounts.find((s) => s.clientId === 'svc-joint-meeting')).toMatchObject({ department: 'joint_meeting' });
  });
});

describe('administrators', () => {
  it('give no department, role or scope beyond their own, and every refusal names the field and writes nothing', async () => {
    const madeAdmin = await idp.admin(adminToken, 'POST', '/accounts', { username: 'test-subdistrict-admin', name: '街道账号管理员（测试）', department: 'community', role: 'admin', scope: { kind: 'subdistrict', code: '450204002' }, password: 'subdistrict-admin-77' });
    expect(madeAdmin.status).toBe(200);
    const sub = (await idp.signIn('test-subdistrict-admin', 'subdistrict-admin-77')).accessToken;
    const before = (await idp.admin<{ changes: unknown[] }>(adminToken, 'GET', '/changes')).body.changes.length;
    const attempts: [Record<string, unknown>, number, string, string][] = [
      [{ department: 'community', role: 'officer', scope: { kind: 'district', code: '450204' } }, 403, 'FORBIDDEN', 'scope.code'],
      [{ department: 'public_security', role: 'officer', scope: { kind: 'subdistrict', code: '450204002' } }, 403, 'FORBIDDEN', 'department'],
      [{ department: 'community', role: 'grid_worker', scope: { kind: 'community', code: '450204999001' } }, 400, 'BAD_USER_INPUT', 'scope.code'],
      [{ department: 'community', role: 'mayor', scope: { kind: 'subdistrict', code: '450204002' } }, 400, 'BAD_USER_INPUT', 'role'],
      [{ department: 'community', role: 'grid_worker', scope: { kind: 'district', code: '450204' } }, 400, 'BAD_USER_INPUT', 'scope.kind'],
    ];
    for (const [input, status, code, field] of attempts) {
      const r = await idp.admin(sub, 'POST', '/accounts', { username: 'test-not-made', name: '不应建立', password: 'whatever-pass-1', ...input });
      expect({ input, status: r.status, code: r.body.errors?.[0].extensions.code, field: r.body.errors?.[0].extensions.field }).toEqual({ input, status, code, field });
    }
    const ok = await idp.admin<{ account: { username: string } }>(sub, 'POST', '/accounts', { username: 'test-own-grid-worker', name: '本街道网格员', department: 'community', role: 'grid_worker', scope: { kind: 'community', code: '450204002003' } });
    expect(ok.status).toBe(200);
    // no password given: one is made and shown once
    expect(ok.body).toMatchObject({ account: { username: 'test-own-grid-worker' }, password: expect.stringMatching(/^\w{16}$/) });
    const after = (await idp.admin<{ changes: unknown[]; }>(adminToken, 'GET', '/changes')).body.changes.length;
    expect(after - before).toBe(1);
    // the subdistrict administrator sees their own staff, not the district's
    const seen = (await idp.admin<{ accounts: { username: string }[] }>(sub, 'GET', '/accounts')).body.accounts.map((a) => a.username);
    expect(seen).toEqual(expect.arrayContaining(['test-own-grid-worker', 'grid-worker', 'community']));
    expect(seen).not.toContain('police');
    expect(seen).not.toContain('district-admin');
    // someone who administers nothing
    const police = (await idp.signIn('police', DEMO_PASSWORD)).accessToken;
    expect((await idp.admin(police, 'GET', '/accounts')).body.errors?.[0].extensions).toEqual({ code: 'FORBIDDEN', field: 'role' });
  });

  it('cannot overwrite a change they did not see: an edit names the version it read', async () => {
    const a = await newAccount();
    const first = await idp.admin<{ account: { version: number; name: string } }>(adminToken, 'PATCH', `/accounts/${a.username}`, { name: '改名一次', version: a.version });
    expect(first.body.account).toMatchObject({ name: '改名一次', version: a.version + 1 });
    const stale = await idp.admin(adminToken, 'PATCH', `/accounts/${a.username}`, { name: '改名两次', version: a.version });
    expect({ status: stale.status, code: stale.body.errors?.[0].extensions.code, field: stale.body.errors?.[0].extensions.field }).toEqual({ status: 409, code: 'CONFLICT', field: 'version' });
  });

  it('act as the account is now: a token of an administrator who was disabled does nothing', async () => {
    const made = await idp.admin<{ account: { version: number } }>(adminToken, 'POST', '/accounts', { username: 'test-edu-admin-leaving', name: '将离职管理员', department: 'education', role: 'admin', scope: { kind: 'district', code: '450204' }, password: 'leaving-admin-55' });
    const theirs = (await idp.signIn('test-edu-admin-leaving', 'leaving-admin-55')).accessToken;
    await idp.admin(adminToken, 'POST', '/accounts/test-edu-admin-leaving/disable', { version: made.body.account.version });
    const r = await idp.admin(theirs, 'POST', '/accounts', { username: 'test-by-leaver', name: 'x', department: 'education', role: 'officer', scope: { kind: 'district', code: '450204' } });
    expect({ status: r.status, code: r.body.errors?.[0].extensions.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });
});
