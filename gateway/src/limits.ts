/**
 * What one request may be before the gateway plans it: operation limits (graphql-armor: depth,
 * aliases, tokens, directives), tokens counted before parsing, and clear JSON errors for bodies it
 * cannot take. Demand control (the estimated cost) is in demand-control.ts.
 */
import type express from 'express';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { Lexer, Source, TokenKind } from 'graphql';
import type { Config } from '@kongchuo/shared/core';

/** graphql-armor: depth, aliases, tokens and directives per operation; no field suggestions in production. */
export function operationLimits(config: Config) {
  const l = config.limits;
  return new ApolloArmor({
    maxDepth: { n: l.maxDepth, ignoreIntrospection: true, exposeLimits: true },
    maxAliases: { n: l.maxAliases, exposeLimits: true },
    // tokens are counted before Apollo parses (tokenLimit below): armor's own check parses inside a
    // plugin hook, where any syntax error became a 500
    maxTokens: { enabled: false },
    // cost is estimated with list sizes by demandControl (demand-control.ts): armor's counts each field once
    costLimit: { enabled: false },
    maxDirectives: { n: l.maxDirectives, exposeLimits: true },
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
}

/**
 * At most `limits.maxTokens` lexical tokens in a document, counted before it is parsed: over the
 * limit, HTTP 400 GRAPHQL_VALIDATION_FAILED. A document that does not even lex is left to the
 * parser, which answers 400 GRAPHQL_PARSE_FAILED.
 */
export function tokenLimit(config: Config): express.RequestHandler {
  const max = config.limits.maxTokens;
  return (req, res, next) => {
    const query = (req.body as { query?: unknown } | undefined)?.query;
    if (typeof query !== 'string') return next();
    let n = 0;
    try {
      const lexer = new Lexer(new Source(query));
      for (let t = lexer.advance(); t.kind !== TokenKind.EOF && n <= max; t = lexer.advance()) n += 1;
    } catch {
      return next();
    }
    if (n <= max) return next();
    res.status(400).json({ errors: [{ message: `Token limit of ${max} exceeded`, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'LIMIT_MAX_TOKENS' } }] });
  };
}

/** Bodies the gateway cannot read get a GraphQL-shaped JSON error with a code, never an HTML page or a 500. */
export function bodyErrors(): express.ErrorRequestHandler {
  return (err: { type?: string; status?: number; message?: string }, _req, res, next) => {
    if (err?.type === 'entity.too.large') {
      res.status(413).json({ errors: [{ message: 'the request body is too large (LIMIT_MAX_BODY_BYTES)', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    } else if (err?.type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: 'the request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    } else if (err?.status && err.status < 500) {
      res.status(err.status).json({ errors: [{ message: err.message ?? 'bad request', extensions: { code: 'BAD_REQUEST' } }] });
    } else next(err);
  };
}
