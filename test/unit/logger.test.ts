import { Writable } from 'node:stream';
import { composeResidentId, createLogger, scrubText, startTracing } from '@kongchuo/shared';

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
