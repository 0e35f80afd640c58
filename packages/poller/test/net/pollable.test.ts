// pollable(conn, ahead?): a Conn that has the Pollable members is used as it is; another is given
// them over its plain ones, with what a read returned kept in order; bytes read ahead come first.
import { expect } from 'chai';
import type { Conn } from '../../src/net/conn.js';
import { DeadlineExceededError } from '../../src/net/errors.js';
import { isPollable, pollable } from '../../src/net/pollable.js';
import type { TCPConn } from '../../src/net/tcp-conn.js';
import { bytes, connPair, sleep, text } from './helpers.js';

const POLLABLE_MEMBERS: ReadonlySet<PropertyKey> = new Set(['onReadable', 'writeText', 'setLinger']);

/** `c` seen through the Conn contract alone: the Pollable members hidden. */
function plain(c: TCPConn): Conn {
  return new Proxy(c, {
    get(target, key) {
      if (POLLABLE_MEMBERS.has(key)) return undefined;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function readable(c: { onReadable(cb: () => void): void }): Promise<void> {
  return new Promise((resolve) => {
    c.onReadable(resolve);
  });
}

describe('pollable', () => {
  it('returns a TCPConn as it is', async () => {
    const { a, b } = await connPair();
    expect(isPollable(a)).to.equal(true);
    expect(pollable(a)).to.equal(a);
    a.close();
    b.close();
  });

  it('gives a plain Conn onReadable, then tryRead and read return what arrived, in order', async () => {
    const { a, b } = await connPair();
    const p = pollable(plain(a));
    expect(isPollable(plain(a))).to.equal(false);
    expect(p.tryRead()).to.equal(undefined);
    const ready = readable(p);
    expect(p.tryRead(), 'a read is in flight').to.equal(undefined);
    await b.write(bytes('hello'));
    await ready;
    expect(p.readBuffered).to.be.at.least(5);
    const buf = new Uint8Array(2);
    expect(text(await p.read(buf))).to.equal('he');
    expect(text(p.tryRead() ?? null)).to.equal('llo');
    await b.closeWrite();
    await readable(p);
    expect(p.tryRead()).to.equal(null);
    a.close();
    b.close();
  });

  it('throws a read deadline once from tryRead; a later deadline lets reading go on', async () => {
    const { a, b } = await connPair();
    const p = pollable(plain(a));
    p.setReadDeadline(Date.now() + 20);
    await readable(p);
    expect(() => p.tryRead()).to.throw(DeadlineExceededError);
    p.setReadDeadline(null);
    const ready = readable(p);
    await b.write(bytes('x'));
    await ready;
    expect(text(p.tryRead() ?? null)).to.equal('x');
    a.close();
    b.close();
  });

  it('writes text and mixed batches as UTF-8, and takes setLinger without effect', async () => {
    const { a, b } = await connPair();
    const p = pollable(plain(a));
    await p.writeText('é');
    await p.writev(['a', bytes('b')]);
    p.setLinger(0);
    expect(() => p.setLinger(-1)).to.throw(RangeError);
    await sleep(20);
    const got: string[] = [];
    for (let c = b.tryRead(); c !== undefined && c !== null; c = b.tryRead()) got.push(Buffer.from(c).toString('utf8'));
    expect(got.join('')).to.equal('éab');
    a.close();
    b.close();
  });

  it('returns bytes read ahead first, whole or split by the buffer, then what the plain Conn reads', async () => {
    const { a, b } = await connPair();
    const p = pollable(plain(a), [bytes('ab'), bytes(''), bytes('cde')]);
    expect(p.readBuffered).to.equal(5);
    await readable(p);
    expect(text(p.tryRead() ?? null)).to.equal('ab');
    const buf = new Uint8Array(2);
    expect(text(await p.read(buf))).to.equal('cd');
    expect(text(await p.read())).to.equal('e');
    expect(p.tryRead()).to.equal(undefined);
    const ready = readable(p);
    await b.write(bytes('f'));
    await ready;
    expect(text(p.tryRead() ?? null)).to.equal('f');
    a.close();
    b.close();
  });

  it('wraps a pollable Conn with bytes read ahead, then waits on its own readiness', async () => {
    const { a, b } = await connPair();
    expect(pollable(a, [])).to.equal(a);
    const p = pollable(a, [bytes('head')]);
    expect(p).to.not.equal(a);
    await readable(p);
    expect(text(p.tryRead() ?? null)).to.equal('head');
    const ready = readable(p);
    expect(p.tryRead(), 'no read of its own is made').to.equal(undefined);
    await b.write(bytes('tail'));
    await ready;
    expect(text(p.tryRead() ?? null)).to.equal('tail');
    p.setLinger(0);
    p.close();
    expect(a.closed).to.equal(true);
    b.close();
  });
});
