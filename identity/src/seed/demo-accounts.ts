/**
 * The demo's accounts, made on a provider's first start outside production (DEMO_SEED): the
 * officers of docs/architecture.md#contract-with-the-outside plus the district's account
 * administrator, every one with the password README gives, and the joint meeting's service account.
 * Synthetic people only.
 */
import type { MikroORM } from '@mikro-orm/core';
import { DEMO_ACCOUNTS, DEMO_SCOPES, type Identity } from '@kongchuo/shared/identity';
import { Account, ServiceAccount } from '../entities';
import { hashPassword } from '../domain/passwords';
import { JOINT_MEETING_SERVICE_ACCOUNT } from '../accounts';

/** Every demo account's password (README, "Sign in"). Never seeded in production. */
export const DEMO_PASSWORD = 'liunan-2018';

export const DEMO_ADMINISTRATORS: Readonly<Record<string, Identity>> = {
  'district-admin': {
    user: 'district-admin', name: '区级账号管理员（演示）', department: 'joint_meeting', role: 'admin',
    scope: { kind: 'district', code: DEMO_SCOPES.district },
  },
};

export const DEMO_SERVICE_ACCOUNTS = [{ ...JOINT_MEETING_SERVICE_ACCOUNT, scopeCode: DEMO_SCOPES.district }] as const;

export async function seedDemoAccounts(orm: MikroORM): Promise<number> {
  const em = orm.em.fork();
  if (await em.count(Account, {})) return 0;
  const hash = await hashPassword(DEMO_PASSWORD);
  const people = { ...DEMO_ACCOUNTS, ...DEMO_ADMINISTRATORS };
  for (const id of Object.values(people)) {
    em.create(Account, { username: id.user, name: id.name, department: id.department, role: id.role, scopeKind: id.scope.kind, scopeCode: id.scope.code, passwordHash: hash, createdBy: 'demo-seed' });
  }
  for (const s of DEMO_SERVICE_ACCOUNTS) {
    if (!(await em.findOne(ServiceAccount, { clientId: s.clientId }))) em.create(ServiceAccount, { ...s, role: 'service', createdBy: 'demo-seed' });
  }
  await em.flush();
  return Object.keys(people).length;
}
