import { Writable } from 'node:stream';
import { composeResidentId } from '@kongchuo/shared/domain';
import { createLogger, scrubText, startTracing } from '@kongchuo/shared/observability';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

describe('logging never prints tokens or full ID numbers', () => {
  const id = composeResidentId('450204', '2005-03-14', 123);
  const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJlZHUtYWRtaW4ifQ.c2lnbmF0dXJl';

  it('scrubs text', () => {
    expect(scrubText(`child ${id} via Bearer ${jwt}`)).toBe(`child 450204********${id.slice(14)} via [token]`);
  });

  it('masks ID numbers and tokens in messages, fields and errors', () => {
    const { lines, stream } = capture();
    const log = createLogger('t', 'info', stream);
    log.info({ idNumber: id, headers: { authorization: `Bearer ${jwt}` }, note: `looked up ${id}` }, `request for ${id}`);
    log.error({ err: new Error(`failed for ${id} with ${jwt}`) }, 'boom');
    const out = lines.join('');
    expect(out).not.toContain(id);
    expect(out).not.toContain(jwt);
    expect(out).toContain('450204********');
  });
});

describe('log lines and traces', () => {
  it('a line written inside a traced request names its trace; one outside does not', async () => {
    // an exporter that is never reached: only the trace context matters here
    const tracing = startTracing('unit', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_BSP_SCHEDULE_DELAY: '60000' } });
    const { lines, stream } = capture();
    const logger = createLogger('unit', 'info', stream);
    let traceId = '';
    tracing.tracer.startActiveSpan('request', (span) => {
      traceId = span.spanContext().traceId;
      logger.info('inside');
      span.end();
    });
    logger.info('outside');
    expect(JSON.parse(lines[0])).toMatchObject({ msg: 'inside', traceId });
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(lines[1]).traceId).toBeUndefined();
    await tracing.shutdown().catch(() => undefined);
  });
});

describe('ID numbers inside any text, and database errors', () => {
  const fc = require('fast-check') as typeof import('fast-check');
  const idNumber = fc.tuple(fc.constantFrom('450204', '450206', '450221', '451302', '110101'), fc.date({ min: new Date('1990-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }), fc.integer({ min: 1, max: 999 }))
    .map(([region, born, seq]) => composeResidentId(region, born.toISOString().slice(0, 10), seq));
  const around = fc.string({ maxLength: 12 });

  it('an ID number is masked whatever is around it: letters (G + the number: 全国学籍号), digits, punctuation, Chinese', () => {
    fc.assert(fc.property(around, idNumber, around, fc.constantFrom('', 'G', 'J', 'L', 'x', '学籍号', '1', '99', '-'), (before, id, after, prefix) => {
      const out = scrubText(`${before}${prefix}${id}${after}`);
      expect(out).not.toContain(id);
      expect(out).not.toContain(id.slice(6, 14));
    }), { numRuns: 500, seed: 20181221 });
  });

  it('a database error is logged without its statement, values or row', () => {
    const { lines, stream } = capture();
    const log = createLogger('t', 'info', stream);
    const id = composeResidentId('450204', '2008-05-02', 77);
    const e = Object.assign(new Error(`insert into "student" ("id", "student_number", "name") values ('k', 'G${id}', '覃小明') - duplicate key value violates unique constraint "student_pkey"`), {
      code: '23505', detail: `Key (student_number)=(G${id}) already exists.`, table: 'student', constraint: 'student_pkey', parameters: [`G${id}`, '覃小明'],
    });
    log.error({ err: e }, 'unexpected error');
    // as Apollo hands it to formatError: a GraphQL error around MikroORM's DriverException, whose message repeats the SQL
    const { DriverException } = require('@mikro-orm/core') as typeof import('@mikro-orm/core');
    const { GraphQLError } = require('graphql') as typeof import('graphql');
    const driver = Object.assign(new DriverException(new Error(`insert into \`student\` values ('G${id}', '覃小明') - SQLITE_CONSTRAINT`)), { code: 'SQLITE_CONSTRAINT' });
    log.error({ err: new GraphQLError(driver.message, { originalError: driver }) }, 'unexpected error');
    const out = lines.join('');
    expect(out).not.toContain(id.slice(6, 14));
    expect(out).not.toContain('覃小明');
    expect(out).not.toContain('insert into');
    const [first, second] = lines.map((l) => JSON.parse(l));
    // what an operator needs: the kind of statement, its table, the database's reason (quoted values replaced)
    expect(first.err).toMatchObject({ code: '23505', table: 'student', constraint: 'student_pkey', statement: 'insert student', reason: 'duplicate key value violates unique constraint "…"' });
    expect(second.err).toMatchObject({ type: 'DriverException', code: 'SQLITE_CONSTRAINT', statement: 'insert student', reason: 'SQLITE_CONSTRAINT' });
  });

  it('a database\'s reason loses any value it quotes, and any ID number in it', () => {
    const { lines, stream } = capture();
    const log = createLogger('t', 'info', stream);
    const id = composeResidentId('450204', '2008-05-02', 78);
    log.error({ err: Object.assign(new Error(`update "student" set "name" = $1 where "id" = $2 - invalid input syntax for type integer: "覃小明 ${id}"`), { code: '22P02' }) }, 'x');
    log.error({ err: Object.assign(new Error(`select * from student where x = 1 - no such column: G${id}`), { code: 'SQLITE_ERROR' }) }, 'x');
    const [first, second] = lines.map((l) => JSON.parse(l).err);
    expect(first).toMatchObject({ statement: 'update student', reason: 'invalid input syntax for type integer: "…"' });
    expect(second.statement).toBe('select');
    expect(lines.join('')).not.toContain(id.slice(6, 14));
    expect(lines.join('')).not.toContain('覃小明');
  });
});
