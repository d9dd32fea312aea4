import { GraphQLError } from 'graphql';

/** The error codes of docs/architecture.md#contract-with-the-outside: every error a client sees carries one of these. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const httpStatus: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

/** The HTTP status for an error code when the answer is not GraphQL (downloads, bodies the gateway cannot read). */
export function httpStatusOf(code: string): number {
  if (code in httpStatus) return httpStatus[code as ErrorCode];
  return ({ SERVICE_UNAVAILABLE: 503, RATE_LIMITED: 429, PAYLOAD_TOO_LARGE: 413, BAD_REQUEST: 400 } as Record<string, number>)[code] ?? 500;
}

function coded(code: ErrorCode, message: string, extra: Record<string, unknown> = {}, http = false): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, ...extra, ...(http ? { http: { status: httpStatus[code] } } : {}) },
  });
}

/** Bad input in one named field (the field path as the client wrote it, e.g. `input.idNumber`). */
export const badInput = (field: string, message: string) => coded('BAD_USER_INPUT', message, { field });
export const conflict = (field: string, message: string) => coded('CONFLICT', message, { field });
export const notFound = (what: string, key: string) => coded('NOT_FOUND', `${what} ${key} not found`, { field: what });
export const forbidden = (message: string, field?: string) =>
  coded('FORBIDDEN', message, field ? { field } : {});
/** Another department this service needed could not be asked (it names which); nothing was written. */
export const serviceUnavailable = (serviceName: string, cause?: unknown) =>
  new GraphQLError(`the ${serviceName} service could not be reached; try again shortly`, {
    extensions: { code: 'SERVICE_UNAVAILABLE', serviceName }, originalError: cause instanceof Error ? cause : undefined,
  });
/** Raised before execution (no/invalid identity): also sets the HTTP status to 401. */
export const unauthenticated = (message: string) => coded('UNAUTHENTICATED', message, {}, true);

export function errorCodeOf(e: unknown): string | undefined {
  return e instanceof GraphQLError ? (e.extensions?.code as string | undefined) : undefined;
}

/** One problem in a batch of rows: the field as the client wrote it (`input.absences[3].date`). */
export interface RowProblem {
  field: string;
  message: string;
}

/**
 * Bad input in a batch (a school's absence list, an imported file): every bad row is reported at
 * once in `extensions.problems`, the first one also as `extensions.field`; nothing is written.
 */
export function badRows(problems: RowProblem[], what = 'rows'): GraphQLError {
  const shown = problems.slice(0, 5).map((p) => p.message).join('; ');
  const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
  return coded('BAD_USER_INPUT', `${problems.length} bad ${what}, nothing was written: ${shown}${more}`, {
    field: problems[0]?.field ?? 'input',
    problems: problems.slice(0, 1000),
  });
}

/** PostgreSQL's connection-class and shutdown codes, the socket errors of a lost server, SQLite's busy lock. */
const DATABASE_UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'SQLITE_BUSY']);
const DATABASE_UNAVAILABLE_TEXT = /database system is (shutting down|starting up|in recovery)|terminating connection due to administrator command|Connection terminated|Connection ended unexpectedly|Client has encountered a connection error|Timeout acquiring a connection|connect ECONNREFUSED/i;

/**
 * Whether an error means the department's own database could not be reached (a restart, a
 * failover, a dropped connection, a full pool) rather than a fault in the request: looks through
 * the causes MikroORM and GraphQL wrap it in.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  let current: unknown = e;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth += 1) {
    const err = current as { code?: unknown; errno?: unknown; message?: unknown; originalError?: unknown; cause?: unknown };
    if (typeof err.code === 'string' && DATABASE_UNAVAILABLE_CODES.has(err.code)) return true;
    if (typeof err.message === 'string' && DATABASE_UNAVAILABLE_TEXT.test(err.message)) return true;
    current = err.originalError ?? err.cause;
  }
  return false;
}
