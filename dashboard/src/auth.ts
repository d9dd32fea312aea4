/**
 * Signing in (登录) at the OpenID provider: the authorization-code flow with PKCE
 * (oidc-client-ts), with the settings the gateway gives at `/auth/config` — so pointing the
 * dashboard at another provider (Keycloak, …) is configuration only. Tokens live in this tab's
 * sessionStorage; the access token is renewed with the refresh token before it expires; when the
 * provider refuses a renewal (the session ended, the account was disabled) the person is signed
 * out here too. Signing out ends the session at the provider.
 */
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { Identity } from './api';

export interface SignInConfig {
  issuer: string;
  clientId: string;
  scope: string;
  claims: { user: string; name: string; department: string; role: string; scopeKind: string; scopeCode: string };
  /** the embedded provider's account administration, or null (another provider administers accounts itself) */
  accountAdminUrl: string | null;
}

let manager: UserManager | undefined;
let settings: SignInConfig | undefined;
let current: User | null = null;
const listeners = new Set<(why?: string) => void>();

export const signInConfig = () => settings;
export const accessToken = () => (current && !current.expired ? current.access_token : null);

function identityOf(user: User, c: SignInConfig['claims']): Identity {
  const p = user.profile as Record<string, unknown>;
  return {
    user: String(p[c.user] ?? p.sub),
    name: String(p[c.name] ?? p.sub),
    department: p[c.department] as Identity['department'],
    role: String(p[c.role] ?? ''),
    scope: { kind: String(p[c.scopeKind] ?? ''), code: String(p[c.scopeCode] ?? '') },
  };
}

export const identity = (): Identity | null => (current && settings ? identityOf(current, settings.claims) : null);

/** Called with a reason when this tab is signed out by the provider or by an expired session. */
export function onSignedOut(listener: (why?: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function signedOut(why: string) {
  clearTimeout(renewal);
  current = null;
  await manager?.removeUser();
  listeners.forEach((l) => l(why));
}

/** Reads the settings, finishes a sign-in coming back from the provider, and returns who is signed in (or null). */
export async function startSignIn(): Promise<Identity | null> {
  const res = await fetch('/auth/config');
  if (!res.ok) throw new Error(`the sign-in settings are unavailable (HTTP ${res.status})`);
  settings = (await res.json()) as SignInConfig;
  manager = new UserManager({
    authority: settings.issuer,
    client_id: settings.clientId,
    redirect_uri: `${location.origin}/auth/callback`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: settings.scope,
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
    loadUserInfo: false,
    // renewed here, two thirds into each token's lifetime, whatever lifetime the provider gives
    automaticSilentRenew: false,
    monitorSession: false,
  });
  manager.events.addUserLoaded((u) => {
    current = u;
    scheduleRenewal(u);
  });
  if (location.pathname === '/auth/callback') {
    const user = await manager.signinRedirectCallback();
    current = user;
    scheduleRenewal(user);
    // back to the page the person signed in from (none: their first page); the router hears of it
    const back = (user.state as { hash?: string } | undefined)?.hash ?? '';
    history.replaceState(null, '', `/${back}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    const stored = await manager.getUser();
    current = stored && !stored.expired ? stored : null;
    if (current) scheduleRenewal(current);
    else if (stored?.refresh_token) current = await manager.signinSilent().catch(() => null);
  }
  return identity();
}

let renewal: ReturnType<typeof setTimeout> | undefined;

/** Renews the access token with the refresh token two thirds into its life; a refusal (the session ended, the account was disabled) signs out. */
function scheduleRenewal(user: User) {
  clearTimeout(renewal);
  const left = Math.max(1, user.expires_in ?? 60);
  renewal = setTimeout(() => {
    if (!current) return;
    manager!.signinSilent().then((u) => (u ? undefined : signedOut('会话已结束，请重新登录')), () => signedOut('会话已结束，请重新登录'));
  }, (left * 1000 * 2) / 3);
}

/** To the provider's sign-in page; back to the same page of the dashboard afterwards. */
export async function signIn(): Promise<void> {
  await manager!.signinRedirect({ state: { hash: location.hash } });
}

/** Ends the session at the provider (its confirmation page), then back to the dashboard's start. */
export async function signOut(): Promise<void> {
  const user = current;
  clearTimeout(renewal);
  current = null;
  await manager!.removeUser();
  await manager!.signoutRedirect(user?.id_token ? { id_token_hint: user.id_token } : {});
}

/** The API said the token is no good (401): signed out here. */
export const tokenRefused = () => void signedOut('登录已失效，请重新登录');
