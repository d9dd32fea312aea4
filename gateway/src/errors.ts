import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { type Logger } from '@kongchuo/shared/observability';
import { formatErrorFor } from '@kongchuo/shared/server';

/** Codes a subgraph sends on purpose; they pass through with the subgraph's name. */
const SUBGRAPH_CLIENT_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT']);

/**
 * Errors as the gateway's clients see them: a department's own coded errors pass through (with
 * `serviceName`); a department that is down or failed becomes SERVICE_UNAVAILABLE naming it, so
 * the dashboard can grey out that section while the other departments' fields still answer;
 * anything else is an internal error, logged, with no detail leaked.
 */
export function gatewayFormatError(logger: Logger) {
  const base = formatErrorFor(logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const ext = formatted.extensions ?? {};
    const serviceName = ext.serviceName as string | undefined;
    if (ext.code === 'SERVICE_UNAVAILABLE') return { message: formatted.message, path: formatted.path, extensions: { code: ext.code, serviceName } };
    if (serviceName && !SUBGRAPH_CLIENT_CODES.has(ext.code as string)) {
      logger.warn({ serviceName, path: formatted.path, reason: formatted.message }, 'subgraph unavailable or failed');
      return {
        message: `${serviceName}: the department's service is unavailable; its fields are null`,
        path: formatted.path,
        extensions: { code: 'SERVICE_UNAVAILABLE', serviceName },
      };
    }
    return base(formatted, error);
  };
}

/** A subgraph that could not be reached: the gateway answers the rest of the query without it. */
export function serviceUnavailable(serviceName: string, cause: unknown): GraphQLError {
  return new GraphQLError(`${serviceName}: the department's service is unavailable; its fields are null`, {
    extensions: { code: 'SERVICE_UNAVAILABLE', serviceName },
    originalError: cause instanceof Error ? cause : undefined,
  });
}
