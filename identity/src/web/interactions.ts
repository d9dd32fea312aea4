/**
 * The sign-in interaction (the provider hands the browser here): the login form, the password
 * check with lock-out, and consent, which first-party clients (the dashboard, the CLI) are given
 * without asking. Department systems never come here (client credentials).
 */
import express from 'express';
import type { MikroORM } from '@mikro-orm/core';
import type { Provider } from 'oidc-provider';
import type { Config } from '@kongchuo/shared/core';
import type { Logger } from '@kongchuo/shared/observability';
import { Account } from '../entities';
import { signIn } from '../accounts';
import { errorPage, loginPage } from './pages';
import { FIRST_PARTY_CLIENTS } from './provider';
import { DEMO_PASSWORD } from '../seed/demo-accounts';

const REFUSED: Record<string, (until?: Date) => string> = {
  unknown: () => '用户名或密码错误',
  wrong: () => '用户名或密码错误',
  locked: (until) => `密码错误次数过多，账号已暂时锁定${until ? `，请于 ${until.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}（北京时间）后再试` : ''}，或请管理员重置密码`,
  disabled: () => '账号已停用，请联系本部门的账号管理员',
};

export function interactionRoutes(app: express.Express, provider: Provider, orm: MikroORM, config: Config, logger: Logger, opts: { demoHint: boolean }) {
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  const demo = async () => {
    if (!opts.demoHint) return undefined;
    const accounts = await orm.em.fork().find(Account, { createdBy: 'demo-seed', disabled: false }, { orderBy: { username: 'asc' }, fields: ['username', 'name'] });
    return { accounts: accounts.map((a) => ({ username: a.username, name: a.name })), password: DEMO_PASSWORD };
  };
  const fail = (res: express.Response, e: unknown) => {
    const message = (e as { error_description?: string; message?: string }).error_description ?? '登录会话已过期，请回到工作台重新登录';
    res.status((e as { statusCode?: number }).statusCode ?? 400).type('html').send(errorPage('登录未完成', message));
  };

  app.get('/interaction/:uid', async (req, res) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const client = await provider.Client.find(String(details.params.client_id));
      if (details.prompt.name === 'login') {
        res.type('html').send(loginPage({ uid: details.uid, clientName: client?.clientName ?? String(details.params.client_id), demo: await demo() }));
        return;
      }
      // consent: the system's own clients are given what they asked for
      if (!client || !FIRST_PARTY_CLIENTS(config).includes(client.clientId)) {
        res.status(403).type('html').send(errorPage('这个应用不能用于人员登录'));
        return;
      }
      const { prompt: { details: missing }, params, session, grantId: existing } = details;
      const grant = existing ? await provider.Grant.find(existing) : new provider.Grant({ accountId: session!.accountId, clientId: String(params.client_id) });
      if (!grant) throw new Error('grant not found');
      if (missing.missingOIDCScope) grant.addOIDCScope((missing.missingOIDCScope as string[]).join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims as string[]);
      for (const [indicator, scopes] of Object.entries((missing.missingResourceScopes ?? {}) as Record<string, string[]>)) grant.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: existing ? {} : { grantId } }, { mergeWithLastSubmission: true });
    } catch (e) {
      fail(res, e);
    }
  });

  app.post('/interaction/:uid/login', form, async (req, res) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const username = typeof req.body?.username === 'string' ? req.body.username.trim().toLowerCase().slice(0, 64) : '';
      const password = typeof req.body?.password === 'string' ? req.body.password.slice(0, 200) : '';
      const result = await signIn(orm.em.fork(), username, password);
      if ('refused' in result) {
        // the name someone tried and the outcome, never the password
        logger.info({ user: username, outcome: result.refused }, 'sign-in refused');
        const client = await provider.Client.find(String(details.params.client_id));
        res.status(result.refused === 'locked' || result.refused === 'disabled' ? 403 : 401).type('html').send(loginPage({
          uid: details.uid, clientName: client?.clientName ?? String(details.params.client_id), username, error: REFUSED[result.refused](result.lockedUntil), demo: await demo(),
        }));
        return;
      }
      logger.info({ user: result.account.username, client: details.params.client_id }, 'signed in');
      await provider.interactionFinished(req, res, { login: { accountId: result.account.username } }, { mergeWithLastSubmission: false });
    } catch (e) {
      fail(res, e);
    }
  });
}
