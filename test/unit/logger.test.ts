import { Writable } from 'node:stream';
import { composeResidentId, createLogger, scrubText } from '@kongchuo/shared';

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
