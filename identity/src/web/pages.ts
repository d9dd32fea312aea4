/**
 * The provider's own pages (登录, 退出): plain HTML, no script, under a strict
 * Content-Security-Policy. Everything a user typed is escaped; nothing else of theirs is shown.
 */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#f3f5f8;margin:0;color:#1d2733}
main{max-width:420px;margin:8vh auto;background:#fff;border-radius:10px;padding:28px 32px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 4px}p.sub{color:#5b6b7c;margin:0 0 20px;font-size:14px}
label{display:block;font-size:14px;margin:14px 0 4px}input{width:100%;box-sizing:border-box;padding:9px 10px;font-size:15px;border:1px solid #c5cfdb;border-radius:6px}
button{margin-top:20px;width:100%;padding:10px;font-size:15px;background:#1f5fae;color:#fff;border:0;border-radius:6px;cursor:pointer}
.error{background:#fdecec;color:#a61b1b;padding:9px 12px;border-radius:6px;font-size:14px;margin-top:12px}
.demo{margin-top:22px;font-size:13px;line-height:1.9;color:#5b6b7c;border-top:1px solid #e3e8ef;padding-top:12px}.demo code{background:#eef2f7;padding:1px 4px;border-radius:3px;white-space:nowrap}`;

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export interface LoginPage {
  uid: string;
  clientName: string;
  username?: string;
  error?: string;
  /** outside production: the demo accounts and their password, for a newcomer */
  demo?: { accounts: { username: string; name: string }[]; password: string };
}

export function loginPage(p: LoginPage): string {
  const demo = p.demo
    ? `<div class="demo" data-testid="demo-accounts">演示账号（密码均为 <code>${esc(p.demo.password)}</code>）：${p.demo.accounts.map((a) => `<code>${esc(a.username)}</code>`).join(' ')}</div>`
    : '';
  return page('登录 · 控辍保学', `<h1>控辍保学 统一身份认证</h1><p class="sub">登录到 ${esc(p.clientName)}</p>
<form method="post" action="/interaction/${esc(p.uid)}/login" autocomplete="on">
<label for="username">用户名</label><input id="username" name="username" autocomplete="username" required maxlength="64" value="${esc(p.username ?? '')}" autofocus>
<label for="password">密码</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
${p.error ? `<div class="error" role="alert" data-testid="login-error">${esc(p.error)}</div>` : ''}
<button type="submit" data-testid="sign-in">登录</button></form>${demo}`);
}

/** oidc-provider's logout confirmation: `form` is its own hidden form (with its xsrf token). */
export function logoutPage(form: string): string {
  return page('退出登录 · 控辍保学', `<h1>退出登录</h1><p class="sub">退出后需要重新输入密码才能再次进入。</p>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" data-testid="confirm-logout">确认退出</button>`);
}

export const signedOutPage = () => page('已退出 · 控辍保学', '<h1>已退出登录</h1><p class="sub">您已安全退出。</p>');

export const errorPage = (error: string, description?: string) =>
  page('出错了 · 控辍保学', `<h1>无法继续登录</h1><div class="error" role="alert" data-testid="provider-error">${esc(error)}${description ? `：${esc(description)}` : ''}</div>`);
