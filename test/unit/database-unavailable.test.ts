import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable } from '@kongchuo/shared/core';

const wrapped = (inner: Error) => new GraphQLError('wrapped', { originalError: Object.assign(new Error('DriverException'), { cause: inner }) });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a server shutting down (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a server starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a connection cut under a query', new Error('Connection terminated unexpectedly')],
    ['a pool with no connection to give', new Error('Knex: Timeout acquiring a connection. The pool is probably full.')],
    ['SQLite busy', Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })],
  ])('knows %s, however deeply wrapped', (_label, e) => {
    expect(isDatabaseUnavailable(e)).toBe(true);
    expect(isDatabaseUnavailable(wrapped(e))).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })],
    ['a syntax error', Object.assign(new Error('syntax error at or near "selec"'), { code: '42601' })],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('does not take %s for an outage', (_label, e) => {
    expect(isDatabaseUnavailable(e)).toBe(false);
    if (e) expect(isDatabaseUnavailable(wrapped(e))).toBe(false);
  });
});
