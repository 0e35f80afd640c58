import { expect } from 'chai';
import { EventStreamForTest } from './support.js';

describe('server-sent events', () => {
  it('send() resolves only when the transport accepted the bytes (backpressure)', async () => {
    const { stream, release, written } = EventStreamForTest();
    let sent = false;
    const p = stream.send({ data: 'x' }).then(() => (sent = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(sent).to.equal(false);
    release();
    await p;
    expect(sent).to.equal(true);
    expect(written()).to.deep.equal(['data: x\n\n']);
  });

  it('send() after close() or a client abort writes nothing', async () => {
    const { stream, release, written, abort } = EventStreamForTest();
    release();
    abort();
    await stream.send({ data: 'late' });
    expect(stream.closed).to.equal(true);
    expect(written()).to.deep.equal([]);
  });
});
