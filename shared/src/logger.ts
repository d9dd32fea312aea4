import pino, { type Logger } from 'pino';
import { maskIdNumber } from './resident-id';
import { activeTraceId } from './tracing';

export type { Logger };

/** 18-character resident ID numbers anywhere in a string (not inside longer digit runs). */
const ID_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])/g;
/** Bearer tokens and compact JWS/JWT strings. */
const TOKEN_IN_TEXT = /(Bearer\s+)?eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

export function scrubText(s: string): string {
  return s.replace(TOKEN_IN_TEXT, '[token]').replace(ID_NUMBER_IN_TEXT, (id) => maskIdNumber(id.toUpperCase()));
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: scrubText(value.message), stack: value.stack && scrubText(value.stack) };
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth + 1);
  return out;
}

/**
 * pino, with two guards so that neither tokens nor full ID numbers reach a log line:
 * the usual secret-bearing paths are censored, and every string is scrubbed of
 * JWT-shaped tokens and 18-character ID numbers (masked as `450204********1234`).
 */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      name: service,
      level,
      redact: {
        paths: ['authorization', 'token', 'headers.authorization', 'req.headers.authorization', 'req.headers["x-kongchuo-identity"]', 'headers["x-kongchuo-identity"]', '*.idNumber', 'idNumber'],
        censor: '[redacted]',
      },
      formatters: { log: (obj) => scrub(obj) as Record<string, unknown> },
      // a line written inside a traced request names its trace, so an operator can go from one to the other
      mixin: () => {
        const traceId = activeTraceId();
        return traceId ? { traceId } : {};
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination(1),
  );
}
