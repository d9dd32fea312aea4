/**
 * Account administration over HTTP (the dashboard's 账号管理 page and `npm run accounts` use it):
 * `Authorization: Bearer <access token>` of an administrator, checked with the provider's own keys
 * and against the account as it is now (a disabled or demoted administrator can do nothing, even
 * with a token still in its lifetime). Answers are JSON; a refusal is
 * `{ errors: [{ message, extensions: { code, field } }] }` and changes nothing.
 */
import express from 'express';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { createLocalJWKSet, type JWK } from 'jose';
import type { Config } from '@kongchuo/shared/core';
import type { Logger } from '@kongchuo/shared/observability';
import { bearerTokenVerifier, USER_TOKEN_ALG, type Identity } from '@kongchuo/shared/identity';
import { AuditEntry } from '@kongchuo/shared/audit';
import {
  AccountError, accountView, activeAccount, changeServiceAccount, createAccount, createServiceAccount, identityOf, listAccounts,
  listServiceAccounts, resetPassword, serviceAccountView, setDisabled, updateAccount,
} from '../accounts';
import { clientSecret } from '../domain/client-secrets';
import { isAdministrator, ROLES } from '../domain/authority';
import type { ProviderKeys } from '../keys';
import { placeLookup, type PlaceLookup } from '../places';
import { revokeAccount } from './adapter';

const ACCOUNT_OPERATIONS = ['createAccount', 'updateAccount', 'disableAccount', 'enableAccount', 'resetPassword', 'lockAccount', 'createServiceAccount', 'renewSecretServiceAccount', 'disableServiceAccount', 'enableServiceAccount'];

export function adminRoutes(app: express.Express, orm: MikroORM, config: Config, keys: ProviderKeys, logger: Logger) {
  // its own tokens, with its own published keys (ES256 whatever TOKEN_ALGORITHMS says for another provider)
  const verifyBearer = bearerTokenVerifier(config, createLocalJWKSet({ keys: keys.signing.map(({ d: _d, ...pub }) => pub as JWK) }), [USER_TOKEN_ALG]);
  const router = express.Router();

  router.use((req, res, next) => {
    const origin = req.headers.origin;
    if (origin && config.identity.dashboardOrigins.includes(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'origin');
      res.setHeader('access-control-allow-headers', 'authorization, content-type');
      res.setHeader('access-control-allow-methods', 'GET, POST, PATCH');
      res.setHeader('access-control-max-age', '600');
    }
    if (req.method === 'OPTIONS') return void res.status(204).end();
    res.setHeader('cache-control', 'no-store');
    next();
  });
  router.use(express.json({ limit: '8kb' }));

  type Handler = (actor: Identity, req: express.Request, lookup: PlaceLookup, requestId: string) => Promise<unknown>;
  const handle = (fn: Handler): express.RequestHandler => async (req, res) => {
    const requestId = randomUUID();
    try {
      const authorization = req.headers.authorization;
      if (!authorization) throw new AccountError('UNAUTHENTICATED', '请先登录（Authorization: Bearer <访问令牌>）');
      const claimed = await verifyBearer(authorization).catch(() => {
        throw new AccountError('UNAUTHENTICATED', '访问令牌无效或已过期，请重新登录');
      });
      // the account as it is now, not as the token says it was
      const account = await activeAccount(orm.em.fork(), claimed.user);
      if (!account) throw new AccountError('UNAUTHENTICATED', '账号已停用或不存在');
      const actor = identityOf(account);
      const result = await fn(actor, req, placeLookup(config.gatewayUrl(), config.districtCode, authorization.trim()), requestId);
      res.json(result);
    } catch (e) {
      if (e instanceof AccountError) {
        res.status(e.status).json({ errors: [{ message: e.message, extensions: { code: e.code, ...(e.field ? { field: e.field } : {}) } }] });
        return;
      }
      logger.error({ requestId, err: (e as Error).message }, 'account administration failed');
      res.status(503).json({ errors: [{ message: (e as Error).message, extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
    }
  };
  const em = () => orm.em.fork();
  const param = (req: express.Request, name: string) => String(req.params[name]).toLowerCase();

  /** Who is asking, and what they may give: departments → roles → the scope kinds each role may have. */
  router.get('/me', handle(async (actor) => {
    const districtAdmin = actor.department === 'joint_meeting' && actor.scope.kind === 'district' && isAdministrator(actor);
    const grantable = !isAdministrator(actor) ? {} : districtAdmin ? ROLES : { [actor.department]: ROLES[actor.department] };
    return { identity: actor, grantable, serviceAccounts: districtAdmin };
  }));
  router.get('/accounts', handle(async (actor, _req, lookup) => ({ accounts: (await listAccounts(em(), actor, lookup)).map(accountView) })));
  router.post('/accounts', handle(async (actor, req, lookup, rid) => {
    const { account, password } = await createAccount(em(), actor, req.body ?? {}, lookup, rid);
    return { account: accountView(account), ...(password ? { password } : {}) };
  }));
  router.patch('/accounts/:username', handle(async (actor, req, lookup, rid) => ({ account: accountView(await updateAccount(em(), actor, param(req, 'username'), req.body ?? {}, lookup, rid)) })));
  router.post('/accounts/:username/password', handle(async (actor, req, lookup, rid) => {
    const { account, password } = await resetPassword(em(), actor, param(req, 'username'), req.body ?? {}, lookup, rid);
    return { account: accountView(account), ...(password ? { password } : {}) };
  }));
  router.post('/accounts/:username/disable', handle(async (actor, req, lookup, rid) => {
    const account = await setDisabled(em(), actor, param(req, 'username'), true, req.body ?? {}, lookup, rid);
    await revokeAccount(orm, account.username);
    return { account: accountView(account) };
  }));
  router.post('/accounts/:username/enable', handle(async (actor, req, lookup, rid) => ({ account: accountView(await setDisabled(em(), actor, param(req, 'username'), false, req.body ?? {}, lookup, rid)) })));

  router.get('/service-accounts', handle(async (actor) => ({ serviceAccounts: (await listServiceAccounts(em(), actor)).map(serviceAccountView) })));
  router.post('/service-accounts', handle(async (actor, req, lookup, rid) => {
    const s = await createServiceAccount(em(), actor, req.body ?? {}, lookup, rid);
    return { serviceAccount: serviceAccountView(s), clientSecret: clientSecret(keys.clientSecretKey, s.clientId, s.secretVersion) };
  }));
  router.post('/service-accounts/:clientId/secret', handle(async (actor, req, _lookup, rid) => {
    const s = await changeServiceAccount(em(), actor, param(req, 'clientId'), 'renewSecret', req.body ?? {}, rid);
    return { serviceAccount: serviceAccountView(s), clientSecret: clientSecret(keys.clientSecretKey, s.clientId, s.secretVersion) };
  }));
  for (const change of ['disable', 'enable'] as const) {
    router.post(`/service-accounts/:clientId/${change}`, handle(async (actor, req, _lookup, rid) => ({ serviceAccount: serviceAccountView(await changeServiceAccount(em(), actor, param(req, 'clientId'), change, req.body ?? {}, rid)) })));
  }

  /** The audit log of account changes the administrator may see: the district's all, a department's its own staff's. */
  router.get('/changes', handle(async (actor, _req, lookup) => {
    const visible = new Set((await listAccounts(em(), actor, lookup)).map((a) => a.username));
    const entries = await em().find(AuditEntry, { operation: { $in: ACCOUNT_OPERATIONS } }, { orderBy: { id: 'desc' }, limit: 1000 });
    const districtAdmin = actor.department === 'joint_meeting' && actor.scope.kind === 'district';
    const shown = entries.filter((e) => districtAdmin || visible.has(e.fields.split(':')[1]) || e.user === actor.user).slice(0, 200);
    return { changes: shown.map((e) => ({ id: e.id, at: e.at.toISOString(), user: e.user, department: e.department, operation: e.operation, change: e.fields, hash: e.hash })) };
  }));

  app.use('/admin', router);
}
