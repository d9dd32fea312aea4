/**
 * Signing in from the command line, through the OpenID provider like a browser: the
 * authorization-code flow with PKCE as the `kongchuo-cli` client, the provider's own login form,
 * and the code exchanged for an access token. Whatever the provider refuses (a wrong password, a
 * locked or disabled account) is refused here with its message.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '@kongchuo/shared/core';
import { CLI_CLIENT_ID, CLI_REDIRECT_URI, DEMO_PASSWORD } from '@kongchuo/identity';

const b64url = (b: Buffer) => b.toString('base64url');

export interface SignedIn {
  accessToken: string;
  expiresIn: number;
  idToken?: string;
  /** only for a client that may refresh (the dashboard's) */
  refreshToken?: string;
}

/** Which client signs in: the CLI by default; tests also sign in as the dashboard (it gets refresh tokens). */
export interface SignInClient {
  id: string;
  redirectUri: string;
}

export async function passwordSignIn(config: Config, username: string, password: string, client: SignInClient = { id: CLI_CLIENT_ID, redirectUri: CLI_REDIRECT_URI }): Promise<SignedIn> {
  const base = config.identity.url;
  const issuer = config.token.issuer;
  const local = (location: string) => {
    const absolute = new URL(location, `${base}/`).toString();
    return absolute.startsWith(`${issuer}/`) ? `${base}/${absolute.slice(issuer.length + 1)}` : absolute;
  };
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    let res: Response;
    try {
      res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    } catch (e) {
      throw new Error(`the identity provider at ${base} does not answer (${(e as Error).message}); is the system running (npm start)?`);
    }
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  };
  const verifier = b64url(randomBytes(32));
  const state = b64url(randomBytes(16));
  const params = new URLSearchParams({
    client_id: client.id, response_type: 'code', redirect_uri: client.redirectUri, scope: 'openid profile kongchuo', state,
    code_challenge: b64url(createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256',
  });
  let res = await send(`${base}/auth?${params}`);
  let posted = false;
  for (let hops = 0; hops < 12; hops += 1) {
    const location = res.headers.get('location');
    if (location?.startsWith(client.redirectUri)) {
      const back = new URL(location).searchParams;
      if (back.get('error')) throw new Error(`the identity provider refused: ${back.get('error_description') ?? back.get('error')}`);
      if (back.get('state') !== state) throw new Error('the identity provider answered another sign-in (state does not match)');
      const tokenRes = await send(`${base}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: back.get('code') ?? '', redirect_uri: client.redirectUri, client_id: client.id, code_verifier: verifier }),
      });
      const body = (await tokenRes.json()) as { access_token?: string; expires_in?: number; id_token?: string; refresh_token?: string; error_description?: string };
      if (!body.access_token) throw new Error(`the identity provider gave no token: ${body.error_description ?? tokenRes.status}`);
      return { accessToken: body.access_token, expiresIn: body.expires_in ?? 0, idToken: body.id_token, refreshToken: body.refresh_token };
    }
    if (location) {
      res = await send(local(location));
      continue;
    }
    const html = await res.text();
    const form = /action="(\/interaction\/[^"]+\/login)"/.exec(html);
    if (posted || !form) {
      const message = /data-testid="(?:login-error|provider-error)"[^>]*>([^<]+)</.exec(html)?.[1];
      throw new Error(`sign-in refused: ${message ?? `HTTP ${res.status}`}`);
    }
    posted = true;
    res = await send(`${base}${form[1]}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username, password }) });
  }
  throw new Error('the identity provider sent the sign-in round in circles');
}

/** The password to sign in with: KC_PASSWORD, or (outside production) the demo accounts'. */
export function cliPassword(config: Config): string {
  if (process.env.KC_PASSWORD) return process.env.KC_PASSWORD;
  if (config.production) throw new Error('set KC_PASSWORD to the account\'s password');
  return DEMO_PASSWORD;
}
