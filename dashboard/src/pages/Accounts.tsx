/**
 * 账号管理: an administrator's accounts — add a person or change one (department, role and scope
 * within the administrator's own), reset a password, disable or enable, and the audit log of every change;
 * the district's administrator also manages department systems' service accounts. Served by the
 * embedded provider's administration API (identity/src/web/admin.ts), which checks every rule
 * again: this page only offers what it would accept.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { Identity } from '../api';
import { accessToken, signInConfig } from '../auth';
import { L, dept, t } from '../i18n';
import { Section } from '../ui';

interface ApiError { message: string; extensions?: { code?: string; field?: string } }
type Scope = { kind: string; code: string };
interface AccountRow { username: string; name: string; department: string; role: string; scope: Scope; disabled: boolean; locked: boolean; lastSignInAt: string | null; version: number }
interface ServiceRow { clientId: string; name: string; department: string; scope: Scope; rateLimitPerMinute: number; disabled: boolean; version: number }
interface ChangeRow { id: number; at: string; user: string; operation: string; change: string }
interface Me { grantable: Record<string, Record<string, string[]>>; serviceAccounts: boolean }

const OPERATION: Record<string, string> = {
  createAccount: '新建账号', updateAccount: '修改账号', disableAccount: '停用账号', enableAccount: '启用账号', resetPassword: '重置密码', lockAccount: '多次密码错误锁定',
  createServiceAccount: '新建系统账号', renewSecretServiceAccount: '更换系统密钥', disableServiceAccount: '停用系统账号', enableServiceAccount: '启用系统账号',
};

async function admin<T>(method: string, path: string, body?: unknown): Promise<{ data?: T; error?: ApiError }> {
  try {
    const res = await fetch(`${signInConfig()!.accountAdminUrl}/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken() ?? ''}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const out = (await res.json()) as T & { errors?: ApiError[] };
    return out.errors?.length ? { error: out.errors[0] } : { data: out };
  } catch (e) {
    return { error: { message: (e as Error).message, extensions: { code: 'NETWORK' } } };
  }
}

const scopeText = (s: Scope) => `${L('ScopeKind', s.kind)} ${s.code}`;

const FIELD: Record<string, string> = { name: '姓名', department: '部门', role: '角色', scope: '范围', password: '密码', disabled: '停用', rateLimit: '每分钟请求上限', secretVersion: '密钥', locked: '锁定' };

/** An audit entry's change (`account:<user>:department=community,role=grid_worker,…`) in words. */
function changeText(change: string): string {
  const [kind, who, ...rest] = change.split(':');
  const parts = rest.join(':').split(',').filter(Boolean).map((part) => {
    const [key, value] = part.split('=');
    const k = key.split(' ')[0];
    const label = t(FIELD[k] ?? k);
    if (value === undefined) return k === 'locked' ? `${t('锁定')} ${key.slice(k.length + 1)}` : label;
    if (k === 'department') return `${label}：${dept(value)}`;
    if (k === 'role') return `${label}：${L('Role', value)}`;
    if (k === 'scope') return `${label}：${scopeText({ kind: value.split(':')[0], code: value.split(':')[1] ?? '' })}`;
    if (k === 'disabled') return value === 'true' ? t('已停用') : t('已启用');
    return `${label}：${value}`;
  });
  return `${kind === 'service' ? t('系统账号') : t('账号')} ${who}：${parts.join('，')}`;
}

/** The form to add an account, or to change one (`editing`): only what the administrator may give is offered. */
function AccountForm(props: { me: Me; editing?: AccountRow; onDone: (message: string) => void; onCancel?: () => void }) {
  const departments = Object.keys(props.me.grantable);
  const e = props.editing;
  const [form, setForm] = useState({ username: e?.username ?? '', name: e?.name ?? '', department: e?.department ?? departments[0] ?? '', role: e?.role ?? '', kind: e?.scope.kind ?? '', code: e?.scope.code ?? '' });
  const roles = Object.keys(props.me.grantable[form.department] ?? {});
  const role = roles.includes(form.role) ? form.role : roles[0] ?? '';
  const kinds = props.me.grantable[form.department]?.[role] ?? [];
  const kind = kinds.includes(form.kind) ? form.kind : kinds[0] ?? '';
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const fields = { name: form.name, department: form.department, role, scope: { kind, code: form.code } };
    const { data, error: err } = e
      ? await admin<{ account: AccountRow }>('PATCH', `/accounts/${e.username}`, { ...fields, version: e.version })
      : await admin<{ account: AccountRow; password?: string }>('POST', '/accounts', { username: form.username, ...fields });
    setError(err ?? null);
    if (data) {
      const password = (data as { password?: string }).password;
      props.onDone(e ? `${t('已修改账号')} ${data.account.username}` : `${t('已建立账号')} ${data.account.username}${password ? `，${t('初始密码（只显示这一次）')}：${password}` : ''}`);
      if (!e) setForm({ ...form, username: '', name: '', code: '' });
    }
  };
  const set = (k: keyof typeof form) => (ev: { target: { value: string } }) => setForm({ ...form, [k]: ev.target.value });
  return (
    <form className="form" onSubmit={submit} data-testid={e ? 'edit-account' : 'add-account'}>
      <label>{t('用户名')}<input name="username" value={form.username} onChange={set('username')} required disabled={!!e} /></label>
      <label>{t('姓名')}<input name="name" value={form.name} onChange={set('name')} required /></label>
      <label>{t('部门')}<select name="department" value={form.department} onChange={set('department')}>{departments.map((d) => <option key={d} value={d}>{dept(d)}</option>)}</select></label>
      <label>{t('角色')}<select name="role" value={role} onChange={set('role')}>{roles.map((r) => <option key={r} value={r}>{L('Role', r)}</option>)}</select></label>
      <label>{t('范围')}<select name="kind" value={kind} onChange={set('kind')}>{kinds.map((k) => <option key={k} value={k}>{L('ScopeKind', k)}</option>)}</select></label>
      <label>{t('范围代码')}<input name="code" value={form.code} onChange={set('code')} placeholder={kind === 'school' ? '学校标识码' : '行政区划代码'} required /></label>
      <button type="submit" className="primary">{e ? t('保存修改') : t('新建账号')}</button>
      {props.onCancel && <button type="button" onClick={props.onCancel}>{t('取消')}</button>}
      {error && <p className="error" data-testid="account-error" data-field={error.extensions?.field}>{error.extensions?.field ? `${error.extensions.field}：` : ''}{error.message}</p>}
    </form>
  );
}

export function Accounts(_props: { identity: Identity }) {
  const [me, setMe] = useState<Me | null>(null);
  const [accounts, setAccounts] = useState<AccountRow[] | null>(null);
  const [services, setServices] = useState<ServiceRow[] | null>(null);
  const [changes, setChanges] = useState<ChangeRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [editing, setEditing] = useState<AccountRow | null>(null);
  const reload = () => setTick((n) => n + 1);
  useEffect(() => {
    void admin<Me>('GET', '/me').then(({ data, error: e }) => (data ? setMe(data) : setError(e!.message)));
  }, []);
  useEffect(() => {
    void admin<{ accounts: AccountRow[] }>('GET', '/accounts').then(({ data, error: e }) => (data ? setAccounts(data.accounts) : setError(e!.message)));
    void admin<{ changes: ChangeRow[] }>('GET', '/changes').then(({ data }) => setChanges(data?.changes ?? []));
    if (me?.serviceAccounts) void admin<{ serviceAccounts: ServiceRow[] }>('GET', '/service-accounts').then(({ data }) => setServices(data?.serviceAccounts ?? []));
  }, [tick, me?.serviceAccounts]);
  const act = async (path: string, version: number, done: (out: { password?: string; clientSecret?: string }) => string) => {
    const { data, error: e } = await admin<{ password?: string; clientSecret?: string }>('POST', path, { version });
    if (e) setError(e.message);
    else {
      setError(null);
      setNotice(done(data!));
    }
    reload();
  };
  return (
    <div className="page" data-testid="accounts-page">
      {notice && <p className="notice" data-testid="accounts-notice">{notice}</p>}
      {error && <p className="error" data-testid="accounts-error">{error}</p>}
      {me && Object.keys(me.grantable).length > 0 && (
        <Section title={t('新建账号')} testId="add-account-section">
          <AccountForm me={me} onDone={(m) => { setNotice(m); reload(); }} />
        </Section>
      )}
      {me && editing && (
        <Section title={`${t('修改账号')} ${editing.username}`} testId="edit-account-section">
          <AccountForm key={`${editing.username}-${editing.version}`} me={me} editing={editing} onDone={(m) => { setNotice(m); setEditing(null); reload(); }} onCancel={() => setEditing(null)} />
        </Section>
      )}
      <Section title={t('账号')} loading={!accounts && !error} empty={accounts?.length === 0} testId="accounts">
        <table>
          <thead><tr><th>{t('用户名')}</th><th>{t('姓名')}</th><th>{t('部门')}</th><th>{t('角色')}</th><th>{t('范围')}</th><th>{t('状态')}</th><th>{t('最近登录')}</th><th /></tr></thead>
          <tbody>
            {accounts?.map((a) => (
              <tr key={a.username} data-account={a.username} data-disabled={a.disabled}>
                <td>{a.username}</td><td>{a.name}</td><td>{dept(a.department)}</td><td>{L('Role', a.role)}</td><td>{scopeText(a.scope)}</td>
                <td>{a.disabled ? t('已停用') : a.locked ? t('已锁定') : t('正常')}</td>
                <td>{a.lastSignInAt ? new Date(a.lastSignInAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '—'}</td>
                <td className="actions">
                  <button data-action="edit" onClick={() => setEditing(a)}>{t('修改')}</button>
                  <button data-action="reset" onClick={() => void act(`/accounts/${a.username}/password`, a.version, (o) => `${a.username} ${t('的新密码（只显示这一次）')}：${o.password}`)}>{t('重置密码')}</button>
                  {a.disabled
                    ? <button data-action="enable" onClick={() => void act(`/accounts/${a.username}/enable`, a.version, () => `${t('已启用')} ${a.username}`)}>{t('启用')}</button>
                    : <button data-action="disable" onClick={() => void act(`/accounts/${a.username}/disable`, a.version, () => `${t('已停用')} ${a.username}：${t('不能再登录，已发出的令牌至多 5 分钟内失效')}`)}>{t('停用')}</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      {me?.serviceAccounts && (
        <Section title={t('系统账号（部门系统接入）')} loading={!services} empty={services?.length === 0} testId="service-accounts">
          <table>
            <thead><tr><th>{t('客户端标识')}</th><th>{t('名称')}</th><th>{t('部门')}</th><th>{t('范围')}</th><th>{t('每分钟请求上限')}</th><th>{t('状态')}</th><th /></tr></thead>
            <tbody>
              {services?.map((s) => (
                <tr key={s.clientId} data-client={s.clientId}>
                  <td>{s.clientId}</td><td>{s.name}</td><td>{dept(s.department)}</td><td>{scopeText(s.scope)}</td><td>{s.rateLimitPerMinute}</td>
                  <td>{s.disabled ? t('已停用') : t('正常')}</td>
                  <td className="actions">
                    <button onClick={() => void act(`/service-accounts/${s.clientId}/secret`, s.version, (o) => `${s.clientId} ${t('的新密钥（只显示这一次，旧密钥已失效）')}：${o.clientSecret}`)}>{t('更换密钥')}</button>
                    <button onClick={() => void act(`/service-accounts/${s.clientId}/${s.disabled ? 'enable' : 'disable'}`, s.version, () => `${s.disabled ? t('已启用') : t('已停用')} ${s.clientId}`)}>{s.disabled ? t('启用') : t('停用')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      )}
      <Section title={t('账号变更记录（审计）')} loading={!changes} empty={changes?.length === 0} testId="account-changes">
        <table>
          <thead><tr><th>{t('时间')}</th><th>{t('操作人')}</th><th>{t('操作')}</th><th>{t('内容')}</th></tr></thead>
          <tbody>
            {changes?.map((c) => (
              <tr key={c.id}><td>{new Date(c.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</td><td>{c.user}</td><td>{t(OPERATION[c.operation] ?? c.operation)}</td><td data-change={c.change}>{changeText(c.change)}</td></tr>
            ))}
          </tbody>
        </table>
      </Section>
    </div>
  );
}
