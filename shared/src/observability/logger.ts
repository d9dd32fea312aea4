import pino, { type Logger } from 'pino';
import { DriverException } from '@mikro-orm/core';
import { checkCharacter, maskIdNumber } from '../domain';
import { activeTraceId } from './tracing';

export type { Logger };

/** An 18-character ID number standing alone (not inside a longer run of digits): masked whatever its check digit. */
const ID_NUMBER_ALONE = /^\d{17}[\dXx]$/;
/** Runs of digits (an ID number may end in X) long enough to hold one, whatever letters are around them: `G450204…` (全国学籍号). */
const DIGIT_RUN = /\d{17,}[\dXx]?/g;
/** Bearer tokens and compact JWS/JWT strings. */
const TOKEN_IN_TEXT = /(Bearer\s+)?eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/**
 * Masks every ID number in a run of digits: the run itself if it is exactly one, and inside a
 * longer run every 18-character window whose check digit (GB 11643) is right.
 */
function maskRun(run: string): string {
  if (ID_NUMBER_ALONE.test(run)) return maskIdNumber(run.toUpperCase());
  let out = '';
  let i = 0;
  while (i < run.length) {
    const w = run.slice(i, i + 18);
    if (w.length === 18 && ID_NUMBER_ALONE.test(w) && checkCharacter(w.slice(0, 17)) === w[17].toUpperCase()) {
      out += maskIdNumber(w.toUpperCase());
      i += 18;
    } else {
      out += run[i];
      i += 1;
    }
  }
  return out;
}

export function scrubText(s: string): string {
  return s.replace(TOKEN_IN_TEXT, '[token]').replace(DIGIT_RUN, maskRun);
}

/**
 * What a log line keeps of a database error: its kind, the database's code and the table or
 * constraint it names — never the statement, its parameters or the row (a driver's message
 * repeats the SQL with every value, and PostgreSQL's detail repeats the key: `Key (id)=(…)`).
 */
const SQL_MESSAGE = /^\s*(insert|update|delete|select|with|create|alter|drop|begin|commit|call)\b/i;

export function databaseErrorSummary(e: Error): Record<string, unknown> | undefined {
  // a GraphQL error (or any error) wrapping a driver's: the wrapper repeats the driver's message
  const inner = (e as { originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
  if (inner instanceof Error && inner !== e) {
    const summary = databaseErrorSummary(inner);
    if (summary) return summary;
  }
  const x = e as Error & { code?: unknown; sqlState?: unknown; errno?: unknown; table?: unknown; constraint?: unknown; sql?: unknown; parameters?: unknown; detail?: unknown };
  const fromDriver = e instanceof DriverException || x.sql !== undefined || x.sqlState !== undefined
    || (typeof x.code === 'string' && /^(SQLITE_|[0-9A-Z]{5}$)/.test(x.code)) || SQL_MESSAGE.test(e.message ?? '');
  if (!fromDriver) return undefined;
  const sql = typeof x.sql === 'string' ? x.sql : e.message ?? '';
  return {
    type: e.name,
    statement: statementOf(sql),
    reason: reasonOf(e.message ?? ''),
    code: typeof x.code === 'string' || typeof x.code === 'number' ? x.code : undefined,
    sqlState: typeof x.sqlState === 'string' ? x.sqlState : undefined,
    table: typeof x.table === 'string' ? x.table : undefined,
    constraint: typeof x.constraint === 'string' ? x.constraint : undefined,
    message: 'database error (statement and values not logged)',
  };
}

/** `insert student`, `update dropout_case`, `select` …: the kind of statement and its table, nothing of its values. */
function statementOf(sql: string): string | undefined {
  const m = /^\s*(insert\s+(?:or\s+\w+\s+)?into|update|delete\s+from)\s+[`"]?([A-Za-z_][\w]*)/i.exec(sql);
  if (m) return `${m[1].split(/\s+/)[0].toLowerCase()} ${m[2]}`;
  const verb = SQL_MESSAGE.exec(sql)?.[1];
  return verb?.toLowerCase();
}

/**
 * The database's own reason, as the driver puts it after the statement (`… - UNIQUE constraint
 * failed: student.resident_id`, `… - refused by a trigger`), with every quoted literal replaced
 * (PostgreSQL quotes the value it could not take: `invalid input syntax for type integer: "…"`),
 * ID numbers masked, and cut at 200 characters. Without a statement before it, the whole message.
 */
function reasonOf(message: string): string | undefined {
  const at = message.lastIndexOf(' - ');
  const reason = at >= 0 && SQL_MESSAGE.test(message) ? message.slice(at + 3) : SQL_MESSAGE.test(message) ? '' : message;
  const cleaned = scrubText(reason.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`/g, '"…"')).trim().slice(0, 200);
  return cleaned || undefined;
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return databaseErrorSummary(value) ?? { type: value.name, message: scrubText(value.message), stack: value.stack && scrubText(value.stack) };
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth + 1);
  return out;
}

/**
 * pino, with two guards so that neither tokens nor full ID numbers reach a log line:
 * the usual secret-bearing paths are censored, and every string is scrubbed of
 * JWT-shaped tokens and 18-character ID numbers wherever they are (masked as
 * `450204********1234`); a database error is logged without its statement, values or row.
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
      // errors are made plain by scrub above; pino's own serializer would turn that into {type: 'Object'} and drop its fields
      serializers: { err: (v: unknown) => v },
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
