/**
 * `npm run -s accounts -- <command>`: account administration from the command line.
 *
 * As an administrator (signed in at the provider: `--as <account>`, password in KC_PASSWORD or the
 * demo password; or TOKEN), through the provider's administration API under the same rules as the
 * dashboard's 账号管理 page — audited, and never beyond the administrator's own scope:
 *   list | changes
 *   add <username> --name <姓名> --department <dept> --role <role> --scope <kind>:<code> [--password <pw>]
 *   set <username> [--name …] [--department …] [--role …] [--scope <kind>:<code>]
 *   reset-password <username> [--password <pw>] | disable <username> | enable <username>
 *   service-accounts | add-service <svc-id> --name <名称> --department <dept> --scope <kind>:<code> [--rate <per minute>]
 *   renew-secret <svc-id> | disable-service <svc-id> | enable-service <svc-id>
 *
 * As the operator of the provider's database (no sign-in; IDENTITY_DATABASE_URL or the data folder):
 *   bootstrap <username> --name <姓名>   the district's first account administrator (joint_meeting admin) and the
 *                                        joint meeting's service account, once; prints the password and the secret
 *   rotate-keys                          a new signing key (signs after the provider's next start)
 *   service-secret <svc-id>              prints a service account's current secret (for the deployment's secret store)
 */
import 'reflect-metadata';
import { loadConfig } from '@kongchuo/shared/core';
import { entities, generatedPassword, hashPassword, JOINT_MEETING_SERVICE_ACCOUNT, openIdentityDatabase, recordAccountChange, rotateSigningKey, serviceSecretOf } from '@kongchuo/identity';

import { flag } from './cli';
import { cliPassword, passwordSignIn } from './sign-in';

const config = loadConfig();
const [command, target] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
const opt = (name: string) => {
  const v = flag(name, '');
  return v === '' || v === 'true' ? undefined : v;
};
const scopeOpt = () => {
  const s = opt('scope');
  if (!s) return undefined;
  const [kind, code] = s.split(':');
  return { kind, code };
};

async function api(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const as = opt('as') ?? 'district-admin';
  const token = process.env.TOKEN ?? (await passwordSignIn(config, as, cliPassword(config))).accessToken;
  const res = await fetch(`${config.identity.url}/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const out = (await res.json()) as Record<string, unknown> & { errors?: { message: string; extensions?: { code?: string; field?: string } }[] };
  if (out.errors?.length) {
    const e = out.errors[0];
    throw new Error(`${e.extensions?.code ?? res.status}${e.extensions?.field ? ` (${e.extensions.field})` : ''}: ${e.message}`);
  }
  return out;
}

async function versionOf(username: string): Promise<number> {
  const { accounts } = (await api('GET', '/accounts')) as { accounts: { username: string; version: number }[] };
  const a = accounts.find((x) => x.username === username);
  if (!a) throw new Error(`NOT_FOUND (username): 没有账号 ${username}（或不在您的管理范围内）`);
  return a.version;
}

async function serviceVersionOf(clientId: string): Promise<number> {
  const { serviceAccounts } = (await api('GET', '/service-accounts')) as { serviceAccounts: { clientId: string; version: number }[] };
  const s = serviceAccounts.find((x) => x.clientId === clientId);
  if (!s) throw new Error(`NOT_FOUND (clientId): 没有系统账号 ${clientId}`);
  return s.version;
}

const show = (v: unknown) => console.log(JSON.stringify(v, null, 2));
const need = (v: string | undefined, what: string) => {
  if (!v) throw new Error(`usage: npm run -s accounts -- ${command} <${what}> …`);
  return v;
};

async function operator(fn: (orm: Awaited<ReturnType<typeof openIdentityDatabase>>) => Promise<void>) {
  const orm = await openIdentityDatabase(config);
  try {
    await fn(orm);
  } finally {
    await orm.close();
  }
}

async function main() {
  switch (command) {
    case 'list': return show((await api('GET', '/accounts')).accounts);
    case 'changes': return show((await api('GET', '/changes')).changes);
    case 'add':
      return show(await api('POST', '/accounts', { username: need(target, 'username'), name: opt('name'), department: opt('department'), role: opt('role'), scope: scopeOpt(), password: opt('password') }));
    case 'set':
      return show(await api('PATCH', `/accounts/${need(target, 'username')}`, { name: opt('name'), department: opt('department'), role: opt('role'), scope: scopeOpt(), version: await versionOf(target) }));
    case 'reset-password':
      return show(await api('POST', `/accounts/${need(target, 'username')}/password`, { password: opt('password'), version: await versionOf(target) }));
    case 'disable':
    case 'enable':
      return show(await api('POST', `/accounts/${need(target, 'username')}/${command}`, { version: await versionOf(target) }));
    case 'service-accounts': return show((await api('GET', '/service-accounts')).serviceAccounts);
    case 'add-service':
      return show(await api('POST', '/service-accounts', { clientId: need(target, 'svc-id'), name: opt('name'), department: opt('department'), scope: scopeOpt(), rateLimitPerMinute: opt('rate') ? Number(opt('rate')) : undefined }));
    case 'renew-secret':
      return show(await api('POST', `/service-accounts/${need(target, 'svc-id')}/secret`, { version: await serviceVersionOf(target) }));
    case 'disable-service':
    case 'enable-service':
      return show(await api('POST', `/service-accounts/${need(target, 'svc-id')}/${command.replace('-service', '')}`, { version: await serviceVersionOf(target) }));
    case 'bootstrap':
      return operator(async (orm) => {
        const username = need(target, 'username');
        const em = orm.em.fork();
        if (await em.count(entities.Account, { department: 'joint_meeting', role: 'admin', disabled: false })) throw new Error('there is already a district account administrator: sign in as them and use `add`');
        const password = opt('password') ?? generatedPassword();
        const operatorName = `operator:${process.env.USER ?? 'unknown'}`;
        const service = JOINT_MEETING_SERVICE_ACCOUNT.clientId;
        await em.transactional(async (tx) => {
          tx.create(entities.Account, { username, name: opt('name') ?? '区级账号管理员', department: 'joint_meeting', role: 'admin', scopeKind: 'district', scopeCode: config.districtCode, passwordHash: await hashPassword(password), createdBy: 'operator' });
          const hasService = await tx.count(entities.ServiceAccount, { clientId: service });
          if (!hasService) tx.create(entities.ServiceAccount, { ...JOINT_MEETING_SERVICE_ACCOUNT, scopeCode: config.districtCode, createdBy: 'operator' });
          await tx.flush();
          const operatorActor = { user: operatorName, department: 'joint_meeting' as const, role: 'operator' };
          await recordAccountChange(tx, operatorActor, 'createAccount', `account:${username}:department=joint_meeting,role=admin,scope=district:${config.districtCode},password`, 'bootstrap');
          if (!hasService) await recordAccountChange(tx, operatorActor, 'createServiceAccount', `service:${service}:department=joint_meeting,scope=district:${config.districtCode},rateLimit=${JOINT_MEETING_SERVICE_ACCOUNT.rateLimitPerMinute}`, 'bootstrap');
        });
        console.log(`made ${username}: the district's account administrator (joint_meeting admin, district ${config.districtCode})`);
        console.log(`  password, shown once: ${password}`);
        console.log(`SERVICE_CLIENT_SECRET_JOINT_MEETING='${await serviceSecretOf(orm, service)}'   (the cross-check worker's, for .env)`);
      });
    case 'rotate-keys':
      return operator(async (orm) => console.log(`new signing key ${await rotateSigningKey(orm)}: it signs after the provider's next start; the gateway picks it up from the JWKS by itself`));
    case 'service-secret':
      return operator(async (orm) => {
        const secret = await serviceSecretOf(orm, need(target, 'svc-id'));
        if (!secret) throw new Error(`no service account ${target}`);
        console.log(secret);
      });
    default:
      console.error('usage: npm run -s accounts -- <list|changes|add|set|reset-password|disable|enable|service-accounts|add-service|renew-secret|disable-service|enable-service|bootstrap|rotate-keys|service-secret> … (scripts/accounts.ts)');
      process.exit(2);
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
