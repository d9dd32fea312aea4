/**
 * Security headers on every HTTP answer of the gateway (helmet): a Content-Security-Policy the
 * dashboard works under — its own scripts, styles and data only (and the OpenID provider's token
 * endpoint and account administration), no inline script, no plugins,
 * no framing by any other page —, `X-Content-Type-Options: nosniff`, `Referrer-Policy:
 * no-referrer`, `X-Frame-Options: DENY`, and HSTS in production (where the gateway sits behind
 * TLS). `test/browser/dashboard.test.ts` runs the dashboard under this policy and fails on any
 * violation.
 */
import helmet from 'helmet';
import type { RequestHandler } from 'express';
import type { Config } from '@kongchuo/shared/core';

/** The origins the dashboard talks to besides its own: the OpenID provider (token endpoint) and account administration. */
function signInOrigins(config: Config): string[] {
  const origins = [config.dashboardSignIn.issuer, config.dashboardSignIn.accountAdminUrl].flatMap((u) => {
    try {
      return u ? [new URL(u).origin] : [];
    } catch {
      return [];
    }
  });
  return [...new Set(origins)];
}

export function securityHeaders(config: Config): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        // React sets style attributes through the DOM; Vite's build links its stylesheet
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...signInOrigins(config)],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // on plain http (the demo at localhost) upgrading would send the dashboard to an https port that is not there
        ...(config.production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: config.production ? { maxAge: 15552000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
}
