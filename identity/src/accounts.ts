/**
 * Accounts and service accounts: signing in, and the administrators' changes (each in one
 * transaction with its audit entry). Every refusal names the field and changes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { sqlOf } from '@kongchuo/shared/core';
import { appendEntries, entryBase } from '@kongchuo/shared/audit';
import { DEPARTMENTS, SCOPE_KINDS, type Department, type Identity, type Scope, type ScopeKind } from '@kongchuo/shared/identity';
import { Account, ServiceAccount } from './entities';
import { grantProblem, isAdministrator, scopeWithin, SERVICE_ROLE, type Grantable } from './domain/authority';
import { afterFailure, afterSuccess, isLocked, LOCK_MINUTES } from './domain/lockout';
import { generatedPassword, hashPassword, passwordProblem, UNMATCHABLE_HASH, verifyPassword } from './domain/passwords';
import type { PlaceLookup } from './places';

export class AccountError extends Error {
  constructor(readonly code: 'BAD_USER_INPUT' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'UNAUTHENTICATED', message: string, readonly field?: string) {
    super(message);
  }
  get status() {
    return { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 }[this.code];
  }
}

const bad = (field: string, message: string) => new AccountError('BAD_USER_INPUT', message, field);

export const identityOf = (a: Account | ServiceAccount): Identity => ({
  user: a instanceof Account ? a.username : a.clientId,
  name: a.name,
  department: a.department as Department,
  role: a.role,
  scope: { kind: a.scopeKind as ScopeKind, code: a.scopeCode },
});

/** What an administrator sees of an account: never its hash. */
export function accountView(a: Account) {
  return {
    username: a.username, name: a.name, department: a.department, role: a.role, scope: { kind: a.scopeKind, code: a.scopeCode },
    disabled: a.disabled, locked: isLocked(a, new Date()), lastSignInAt: a.lastSignInAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(), createdBy: a.createdBy, updatedAt: a.updatedAt.toISOString(), version: a.version,
  };
}

export function serviceAccountView(s: ServiceAccount) {
  return {
    clientId: s.clientId, name: s.name, department: s.department, role: s.role, scope: { kind: s.scopeKind, code: s.scopeCode },
    rateLimitPerMinute: s.rateLimitPerMinute, disabled: s.disabled, createdAt: s.createdAt.toISOString(), createdBy: s.createdBy, version: s.version,
  };
}

// ---------------------------------------------------------------- signing in

export type SignInResult = { account: Account } | { refused: 'unknown' | 'wrong' | 'locked' | 'disabled'; lockedUntil?: Date };

/**
 * Checks a password. An unknown name costs the same scrypt work as a known one; a wrong password
 * counts towards the lock-out; a disabled or locked account is refused even with the right one.
 */
export async function signIn(em: EntityManager, username: string, password: string, now = new Date()): Promise<SignInResult> {
  const account = username ? await em.findOne(Account, { username }) : null;
  const matches = await verifyPassword(password, account?.passwordHash ?? UNMATCHABLE_HASH);
  if (!account) return { refused: 'unknown' };
  // that an account is disabled is said only to someone who knows its password
  if (account.disabled) return { refused: matches ? 'disabled' : 'wrong' };
  if (isLocked(account, now)) return { refused: 'locked', lockedUntil: account.lockedUntil! };
  if (!matches) {
    const next = afterFailure(account, now);
    await countSignIn(em, username, next);
    if (next.lockedUntil) {
      await recordAccountChange(em, { user: username, department: account.department as Department, role: account.role }, 'lockAccount', `account:${username}:locked ${LOCK_MINUTES} min`);
      return { refused: 'locked', lockedUntil: next.lockedUntil };
    }
    return { refused: 'wrong' };
  }
  await countSignIn(em, username, { ...afterSuccess(), lastSignInAt: now });
  return { account };
}

/**
 * A sign-in's own bookkeeping (failures, lock, last sign-in) with a plain UPDATE: it is no
 * administrator's change, so it leaves the version alone (em.nativeUpdate would bump it, and an
 * administrator's edit of what they read would then be refused as a conflict).
 */
async function countSignIn(em: EntityManager, username: string, set: Partial<Pick<Account, 'failedSignIns' | 'lockedUntil' | 'lastSignInAt'>>) {
  // MikroORM's nativeUpdate and query builder both bump a versioned entity's version: plain SQL
  const columns = { failedSignIns: 'failed_sign_ins', lockedUntil: 'locked_until', lastSignInAt: 'last_sign_in_at' } as const;
  const entries = Object.entries(set) as [keyof typeof columns, number | Date | null][];
  const values = entries.map(([, v]) => (v instanceof Date ? v.toISOString() : v));
  await sqlOf(em).getConnection().execute(`update account set ${entries.map(([k]) => `${columns[k]} = ?`).join(', ')} where username = ?`, [...values, username]);
}

/** The account a token or a refresh names, if it may still sign in (not disabled). */
export async function activeAccount(em: EntityManager, username: string): Promise<Account | null> {
  const a = await em.findOne(Account, { username });
  return a && !a.disabled ? a : null;
}

// ---------------------------------------------------------------- administration

export interface AccountInput {
  username?: unknown;
  name?: unknown;
  department?: unknown;
  role?: unknown;
  scope?: { kind?: unknown; code?: unknown } | null;
  password?: unknown;
  version?: unknown;
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : undefined);

function grantableOf(input: AccountInput, current?: Account): Grantable {
  const department = str(input.department) ?? current?.department;
  const role = str(input.role) ?? current?.role;
  const kind = str(input.scope?.kind) ?? current?.scopeKind;
  const code = str(input.scope?.code) ?? current?.scopeCode;
  if (!department || !DEPARTMENTS.includes(department as Department)) throw bad('department', `部门须是 ${DEPARTMENTS.join('、')} 之一`);
  if (!role) throw bad('role', '请填写角色');
  if (!kind || !SCOPE_KINDS.includes(kind as ScopeKind)) throw bad('scope.kind', `范围须是 ${SCOPE_KINDS.join('、')} 之一`);
  if (!code) throw bad('scope.code', '请填写范围代码');
  return { department: department as Department, role, scope: { kind: kind as ScopeKind, code } };
}

async function checkGrant(actor: Identity, target: Grantable, lookup: PlaceLookup, opts: { service?: boolean } = {}) {
  const place = await lookup(target.scope);
  if ('problem' in place) throw bad('scope.code', place.problem);
  const problem = grantProblem(actor, target, place, opts);
  if (problem) throw new AccountError(problem.field === 'role' && !isAdministrator(actor) ? 'FORBIDDEN' : problem.field === 'scope.code' || problem.field === 'department' ? 'FORBIDDEN' : 'BAD_USER_INPUT', problem.message, problem.field);
}

/** May `actor` manage this existing account at all? (Its current department and scope within theirs.) A stranger's account is NOT_FOUND. */
async function manageable(em: EntityManager, actor: Identity, username: string, lookup: PlaceLookup): Promise<Account> {
  const account = await em.findOne(Account, { username });
  if (!account) throw new AccountError('NOT_FOUND', `没有账号 ${username}`, 'username');
  const target = identityOf(account);
  const place = await lookup(target.scope);
  const problem = 'problem' in place ? { message: place.problem } : grantProblem(actor, target, place);
  if (problem) throw new AccountError('NOT_FOUND', `没有账号 ${username}（或不在您的管理范围内）`, 'username');
  return account;
}

function expectVersion(input: AccountInput, current: { version: number }) {
  if (typeof input.version !== 'number') throw bad('version', '请带上读到的版本号（version），以免覆盖别人的修改');
  if (input.version !== current.version) throw new AccountError('CONFLICT', `账号已被他人修改（版本 ${current.version}，您读到的是 ${input.version}），请刷新后重试`, 'version');
}

/** One change to an account or service account, as an entry of the hash-chained audit log (`fields`: `account:<user>:<what changed>`). */
export async function recordAccountChange(em: EntityManager, actor: Pick<Identity, 'user' | 'department' | 'role'>, operation: string, fields: string, requestId: string = randomUUID()) {
  await appendEntries(em, [{ ...entryBase(actor, operation, requestId), kind: 'WRITE', studentId: null, fields }]);
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/** The password an administrator gave (checked), or one made for them; its hash, and what to show once. */
async function newPassword(input: AccountInput, username: string): Promise<{ passwordHash: string; shown?: string }> {
  const given = str(input.password);
  const password = given ?? generatedPassword();
  const problem = passwordProblem(password, username);
  if (problem) throw bad('password', problem);
  return { passwordHash: await hashPassword(password), shown: given ? undefined : password };
}

/** An administrator's change of an account read at `current.version`: one conditional update and its audit entry, in one transaction. */
async function changeAccount(em: EntityManager, actor: Identity, current: Account, set: Partial<Account>, operation: string, fields: string, requestId?: string): Promise<Account> {
  return em.transactional(async (tx) => {
    const n = await tx.nativeUpdate(Account, { username: current.username, version: current.version }, { ...set, updatedAt: new Date(), version: current.version + 1 });
    if (n !== 1) throw new AccountError('CONFLICT', '账号已被他人修改，请刷新后重试', 'version');
    await recordAccountChange(tx, actor, operation, `account:${current.username}:${fields}`, requestId);
    return tx.findOneOrFail(Account, { username: current.username }, { refresh: true });
  });
}

/** Accounts `actor` may manage, newest change first. */
export async function listAccounts(em: EntityManager, actor: Identity, lookup: PlaceLookup): Promise<Account[]> {
  if (!isAdministrator(actor)) throw new AccountError('FORBIDDEN', '只有账号管理员可以查看账号', 'role');
  const where = actor.department === 'joint_meeting' ? {} : { department: actor.department };
  const all = await em.find(Account, where, { orderBy: { updatedAt: 'desc' }, limit: 2000 });
  if (actor.scope.kind === 'district') return all.filter((a) => a.scopeKind !== 'district' || a.scopeCode === actor.scope.code);
  const out: Account[] = [];
  for (const a of all) {
    const place = await lookup(identityOf(a).scope);
    if (!('problem' in place) && scopeWithin(identityOf(a).scope, place, actor.scope)) out.push(a);
  }
  return out;
}

export async function createAccount(em: EntityManager, actor: Identity, input: AccountInput, lookup: PlaceLookup, requestId?: string): Promise<{ account: Account; password?: string }> {
  const username = str(input.username)?.toLowerCase();
  if (!username || !USERNAME.test(username)) throw bad('username', '用户名须是 3–64 个小写字母、数字、点、横线或下划线');
  const name = str(input.name);
  if (!name || name.length > 100) throw bad('name', '请填写姓名（最多 100 字）');
  const target = grantableOf(input);
  if (target.role === SERVICE_ROLE) throw bad('role', '系统账号请在“系统账号”中建立');
  await checkGrant(actor, target, lookup);
  const { passwordHash, shown } = await newPassword(input, username);
  return em.transactional(async (tx) => {
    if (await tx.findOne(Account, { username })) throw new AccountError('CONFLICT', `账号 ${username} 已存在`, 'username');
    const account = tx.create(Account, { username, name, department: target.department, role: target.role, scopeKind: target.scope.kind, scopeCode: target.scope.code, passwordHash, createdBy: actor.user });
    await tx.flush();
    await recordAccountChange(tx, actor, 'createAccount', `account:${username}:name,department=${target.department},role=${target.role},scope=${target.scope.kind}:${target.scope.code},password`, requestId);
    return { account, password: shown };
  });
}

export async function updateAccount(em: EntityManager, actor: Identity, username: string, input: AccountInput, lookup: PlaceLookup, requestId?: string): Promise<Account> {
  const current = await manageable(em, actor, username, lookup);
  expectVersion(input, current);
  const target = grantableOf(input, current);
  await checkGrant(actor, target, lookup);
  const name = input.name === undefined ? current.name : str(input.name);
  if (!name || name.length > 100) throw bad('name', '请填写姓名（最多 100 字）');
  const changed = [
    name !== current.name && 'name', target.department !== current.department && `department=${target.department}`, target.role !== current.role && `role=${target.role}`,
    (target.scope.kind !== current.scopeKind || target.scope.code !== current.scopeCode) && `scope=${target.scope.kind}:${target.scope.code}`,
  ].filter(Boolean);
  if (!changed.length) return current;
  const set = { name, department: target.department, role: target.role, scopeKind: target.scope.kind, scopeCode: target.scope.code };
  return changeAccount(em, actor, current, set, 'updateAccount', changed.join(','), requestId);
}

/** Disables or enables; a disabled account cannot sign in and its refresh tokens stop at once. */
export async function setDisabled(em: EntityManager, actor: Identity, username: string, disabled: boolean, input: AccountInput, lookup: PlaceLookup, requestId?: string): Promise<Account> {
  const current = await manageable(em, actor, username, lookup);
  expectVersion(input, current);
  if (disabled && username === actor.user) throw bad('username', '不能停用自己的账号');
  return changeAccount(em, actor, current, { disabled, ...(disabled ? {} : afterSuccess()) }, disabled ? 'disableAccount' : 'enableAccount', `disabled=${disabled}`, requestId);
}

/** Sets a new password (or makes one, returned once); lifts a lock-out. */
export async function resetPassword(em: EntityManager, actor: Identity, username: string, input: AccountInput, lookup: PlaceLookup, requestId?: string): Promise<{ account: Account; password?: string }> {
  const current = await manageable(em, actor, username, lookup);
  expectVersion(input, current);
  const { passwordHash, shown } = await newPassword(input, username);
  return { account: await changeAccount(em, actor, current, { passwordHash, ...afterSuccess() }, 'resetPassword', 'password', requestId), password: shown };
}

// ---------------------------------------------------------------- service accounts

export interface ServiceAccountInput {
  clientId?: unknown;
  name?: unknown;
  department?: unknown;
  scope?: { kind?: unknown; code?: unknown } | null;
  rateLimitPerMinute?: unknown;
  version?: unknown;
}

const CLIENT_ID = /^svc-[a-z0-9][a-z0-9-]{1,59}$/;

/** The joint meeting's own service account (its cross-check worker's), made by the demo seed and by `accounts bootstrap`. */
export const JOINT_MEETING_SERVICE_ACCOUNT = { clientId: 'svc-joint-meeting', name: '联席会议 四查三比对 服务', department: 'joint_meeting', scopeKind: 'district', rateLimitPerMinute: 6000 } as const;

export async function createServiceAccount(em: EntityManager, actor: Identity, input: ServiceAccountInput, lookup: PlaceLookup, requestId?: string): Promise<ServiceAccount> {
  const clientId = str(input.clientId)?.toLowerCase();
  if (!clientId || !CLIENT_ID.test(clientId)) throw bad('clientId', '系统账号的标识须以 svc- 开头，由小写字母、数字和横线组成');
  const name = str(input.name);
  if (!name || name.length > 100) throw bad('name', '请填写系统名称');
  const target = grantableOf({ ...input, role: SERVICE_ROLE });
  const rate = input.rateLimitPerMinute ?? 600;
  if (typeof rate !== 'number' || !Number.isInteger(rate) || rate < 1 || rate > 1_000_000) throw bad('rateLimitPerMinute', '每分钟请求上限须是 1–1000000 的整数');
  await checkGrant(actor, target, lookup, { service: true });
  return em.transactional(async (tx) => {
    if (await tx.findOne(ServiceAccount, { clientId })) throw new AccountError('CONFLICT', `系统账号 ${clientId} 已存在`, 'clientId');
    const s = tx.create(ServiceAccount, { clientId, name, department: target.department, role: SERVICE_ROLE, scopeKind: target.scope.kind, scopeCode: target.scope.code, rateLimitPerMinute: rate, createdBy: actor.user });
    await tx.flush();
    await recordAccountChange(tx, actor, 'createServiceAccount', `service:${clientId}:department=${target.department},scope=${target.scope.kind}:${target.scope.code},rateLimit=${rate}`, requestId);
    return s;
  });
}

export async function listServiceAccounts(em: EntityManager, actor: Identity): Promise<ServiceAccount[]> {
  if (!(isAdministrator(actor) && actor.department === 'joint_meeting')) throw new AccountError('FORBIDDEN', '系统账号只能由区级账号管理员管理', 'role');
  return em.find(ServiceAccount, {}, { orderBy: { clientId: 'asc' } });
}

/** A new secret version (the old secret stops working) or disabling/enabling. */
export async function changeServiceAccount(em: EntityManager, actor: Identity, clientId: string, change: 'renewSecret' | 'disable' | 'enable', input: ServiceAccountInput, requestId?: string): Promise<ServiceAccount> {
  await listServiceAccounts(em, actor);
  const current = await em.findOne(ServiceAccount, { clientId });
  if (!current) throw new AccountError('NOT_FOUND', `没有系统账号 ${clientId}`, 'clientId');
  expectVersion(input, current);
  const set = change === 'renewSecret' ? { secretVersion: current.secretVersion + 1 } : { disabled: change === 'disable' };
  return em.transactional(async (tx) => {
    const n = await tx.nativeUpdate(ServiceAccount, { clientId, version: current.version }, { ...set, version: current.version + 1 });
    if (n !== 1) throw new AccountError('CONFLICT', '系统账号已被他人修改，请刷新后重试', 'version');
    await recordAccountChange(tx, actor, `${change}ServiceAccount`, `service:${clientId}:${Object.keys(set).join(',')}`, requestId);
    return tx.findOneOrFail(ServiceAccount, { clientId }, { refresh: true });
  });
}

export type { Scope };
