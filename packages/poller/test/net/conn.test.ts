import { expect } from 'chai';
import type { Socket } from 'node:net';
import { ClosedError, DeadlineExceededError, SocketError } from '../../src/net/errors.js';
import type { TCPConn, TCPConnOptions } from '../../src/net/tcp-conn.js';
import { bytes, connPair, fillUntilParked, sleep, state, text } from './helpers.js';

/** Runs `fn` on a fresh connected pair and closes both ends afterwards. */
async function withPair(options: TCPConnOptions, fn: (a: TCPConn, b: TCPConn, rawA: Socket) => Promise<void>): Promise<void> {
  const { a, b, rawA } = await connPair(options);
  try {
    await fn(a, b, rawA);
  } finally {
    a.close();
    b.close();
  }
}

/** Waits until `cond` holds, polling the event loop (fails after `ms`). */
async function until(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await sleep(2);
  }
}

/** Reads until EOF and returns the byte count. */
async function drain(c: TCPConn): Promise<number> {
  let n = 0;
  for (let chunk = await c.read(); chunk !== null; chunk = await c.read()) n += chunk.length;
  return n;
}

interface Case {
  name: string;
  options?: TCPConnOptions;
  run(a: TCPConn, b: TCPConn, rawA: Socket): Promise<void>;
}

const readCases: Case[] = [
  {
    name: 'settles at once when bytes are queued (no parking)',
    async run(a, b) {
      await a.write(bytes('hello'));
      await until(() => b.readBuffered === 5);
      const p = b.read();
      const first = await Promise.race([p, Promise.resolve('not settled')]);
      expect(text(first as Uint8Array)).to.equal('hello');
    },
  },
  {
    name: 'parks on an empty queue until bytes arrive',
    async run(a, b) {
      const p = b.read();
      expect((await state(p)).kind).to.equal('pending');
      await a.write(bytes('late'));
      expect(text(await p)).to.equal('late');
    },
  },
  {
    name: 'copies into the given buffer and keeps the rest queued',
    async run(a, b) {
      await a.write(bytes('abcdefgh'));
      await until(() => b.readBuffered === 8);
      const buf = new Uint8Array(3);
      const got = await b.read(buf);
      expect(got?.buffer).to.equal(buf.buffer);
      expect(text(got)).to.equal('abc');
      expect(b.readBuffered).to.equal(5);
      expect(text(await b.read(new Uint8Array(16)))).to.equal('defgh');
    },
  },
  {
    name: 'serves parked reads in call order',
    async run(a, b) {
      const first = b.read(new Uint8Array(2));
      const second = b.read(new Uint8Array(2));
      await a.write(bytes('1'));
      expect(text(await first)).to.equal('1');
      expect((await state(second)).kind).to.equal('pending');
      await a.write(bytes('2'));
      expect(text(await second)).to.equal('2');
    },
  },
  {
    name: 'tryRead returns queued bytes, then undefined when a read would park',
    async run(a, b) {
      expect(b.tryRead()).to.equal(undefined);
      await a.write(bytes('x'));
      await until(() => b.readBuffered === 1);
      expect(text(b.tryRead()!)).to.equal('x');
      expect(b.tryRead()).to.equal(undefined);
    },
  },
  {
    name: 'a zero-length buffer reads nothing and does not park',
    async run(_a, b) {
      const got = await b.read(new Uint8Array(0));
      expect(got?.length).to.equal(0);
    },
  },
];

const eofCases: Case[] = [
  {
    name: 'resolves null at end of stream, and again on every later read',
    async run(a, b) {
      await a.write(bytes('last'));
      await a.closeWrite();
      expect(text(await b.read())).to.equal('last');
      expect(await b.read()).to.equal(null);
      expect(await b.read()).to.equal(null);
      expect(b.tryRead()).to.equal(null);
    },
  },
  {
    name: 'a parked read resolves null when the peer half-closes',
    async run(a, b) {
      const p = b.read();
      await a.closeWrite();
      expect(await p).to.equal(null);
    },
  },
  {
    name: 'half-close keeps the other direction open',
    async run(a, b) {
      await a.closeWrite();
      expect(await b.read()).to.equal(null);
      await b.write(bytes('reply after FIN'));
      await b.closeWrite();
      expect(text(await a.read())).to.equal('reply after FIN');
      expect(await a.read()).to.equal(null);
    },
  },
  {
    name: 'a write after closeWrite fails with EPIPE',
    async run(a) {
      await a.closeWrite();
      const err = await a.write(bytes('x')).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(SocketError);
      expect((err as SocketError).errno).to.equal('EPIPE');
    },
  },
  {
    name: 'a peer reset fails the parked read with ECONNRESET',
    async run(a, b, rawA) {
      const p = b.read();
      await a.write(bytes('x'));
      expect(text(await p)).to.equal('x');
      const parked = b.read();
      rawA.resetAndDestroy();
      const err = await parked.catch((e: unknown) => e);
      expect(err).to.be.instanceOf(SocketError);
      expect((err as SocketError).errno).to.equal('ECONNRESET');
    },
  },
];

const closeCases: Case[] = [
  {
    name: 'close rejects a parked read with ClosedError',
    async run(_a, b) {
      const p = b.read();
      b.close();
      const err = await p.catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ClosedError);
      expect((err as ClosedError).code).to.equal('ERR_NET_CLOSED');
    },
  },
  {
    name: 'close rejects a parked write with ClosedError',
    async run(a) {
      const { parked: p } = await fillUntilParked(a);
      a.close();
      expect(await p.catch((e: unknown) => e)).to.be.instanceOf(ClosedError);
    },
  },
  {
    name: 'every operation after close rejects with ClosedError, and close is idempotent',
    async run(a) {
      a.close();
      a.close();
      expect(a.closed).to.equal(true);
      expect(await a.read().catch((e: unknown) => e)).to.be.instanceOf(ClosedError);
      expect(await a.write(bytes('x')).catch((e: unknown) => e)).to.be.instanceOf(ClosedError);
      expect(() => a.tryRead()).to.throw(ClosedError);
    },
  },
  {
    name: 'bytes accepted before close are still delivered, then EOF',
    async run(a, b) {
      const big = new Uint8Array(4 * 1024 * 1024).fill(7);
      void a.write(big).catch(() => undefined);
      a.close();
      expect(await drain(b)).to.equal(big.length);
    },
  },
  {
    name: 'with setLinger(0), close discards unsent bytes and ends the connection at once',
    async run(a, b, rawA) {
      const total = 4 * 1024 * 1024;
      void a.write(new Uint8Array(total).fill(7)).catch(() => undefined);
      expect(a.writeBuffered).to.be.greaterThan(0);
      a.setLinger(0);
      a.close();
      expect(rawA.destroyed, 'destroyed at once').to.equal(true);
      // The peer gets what had reached the kernel, then the end (EOF, or a reset error).
      let received = 0;
      const outcome = await (async () => {
        for (let c = await b.read(); c !== null; c = await b.read()) received += c.length;
        return 'EOF';
      })().catch((e: unknown) => e);
      expect(outcome === 'EOF' || outcome instanceof SocketError, String(outcome)).to.equal(true);
      expect(received).to.be.below(total);
    },
  },
  {
    name: 'setLinger refuses a negative or non-finite time',
    async run(a) {
      expect(() => a.setLinger(-1)).to.throw(RangeError);
      expect(() => a.setLinger(Number.NaN)).to.throw(RangeError);
    },
  },
  {
    name: 'the peer sees EOF after close',
    async run(a, b) {
      a.close();
      expect(await b.read()).to.equal(null);
    },
  },
];

const writeCases: Case[] = [
  {
    name: 'a write below the high-water mark settles at once',
    async run(a, b) {
      const p = a.write(bytes('small'));
      expect(await Promise.race([p, Promise.resolve('not settled')])).to.equal(undefined);
      expect(text(await b.read())).to.equal('small');
    },
  },
  {
    name: 'writev sends the chunks in order',
    async run(a, b) {
      await a.writev([bytes('one '), bytes('two '), bytes('three')]);
      await a.closeWrite();
      const parts: string[] = [];
      for (let c = await b.read(); c !== null; c = await b.read()) parts.push(text(c)!);
      expect(parts.join('')).to.equal('one two three');
    },
  },
  {
    name: 'writeText and writev send text as UTF-8, between bytes in order',
    async run(a, b) {
      await a.writeText('caf\u00e9 ');
      await a.writev([bytes('one '), '\u{1f642} ', bytes('two')]);
      await a.closeWrite();
      const parts: Buffer[] = [];
      for (let c = await b.read(); c !== null; c = await b.read()) parts.push(Buffer.from(c));
      expect(Buffer.concat(parts).equals(Buffer.from('caf\u00e9 one \u{1f642} two', 'utf8'))).to.equal(true);
    },
  },
  {
    name: 'a write parks on backpressure until the peer reads',
    async run(a, b) {
      const { parked: p } = await fillUntilParked(a);
      expect((await state(p)).kind).to.equal('pending');
      const reading = drain(b);
      await p;
      await a.closeWrite();
      expect(await reading).to.be.greaterThan(0);
    },
  },
];

/** A deterministic pseudo-random byte source (xorshift32), so a failure can be replayed. */
function pseudoRandom(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

const integrityCases: Case[] = [
  {
    name: '4 MiB in random-sized writes arrive intact through random-sized reads, tryRead and chunks',
    options: { readHighWaterMark: 32 * 1024 },
    async run(a, b) {
      const rand = pseudoRandom(0x5eed);
      const data = new Uint8Array(4 * 1024 * 1024);
      for (let i = 0; i < data.length; i++) data[i] = rand() & 0xff;
      const writing = (async () => {
        for (let off = 0; off < data.length; ) {
          const n = Math.min(1 + (rand() % 100_000), data.length - off);
          if (rand() % 2 === 0) await a.write(data.subarray(off, off + n));
          else await a.writev([data.subarray(off, off + (n >> 1)), data.subarray(off + (n >> 1), off + n)]);
          off += n;
        }
        await a.closeWrite();
      })();
      const got = new Uint8Array(data.length);
      let filled = 0;
      for (;;) {
        const way = rand() % 3;
        let chunk: Uint8Array | null | undefined;
        if (way === 0) chunk = await b.read(new Uint8Array(1 + (rand() % 70_000)));
        else if (way === 1) chunk = b.tryRead() ?? (await b.read());
        else chunk = await b.read();
        if (chunk === null) break;
        got.set(chunk, filled);
        filled += chunk.length;
      }
      await writing;
      expect(filled).to.equal(data.length);
      expect(Buffer.compare(got, data)).to.equal(0);
    },
  },
];

const backpressureCases: Case[] = [
  {
    name: 'a slow reader stops reading over the high-water mark and the writer parks',
    options: { readHighWaterMark: 16 * 1024 },
    async run(a, b) {
      const total = 8 * 1024 * 1024;
      const writing = a.write(new Uint8Array(total));
      await until(() => b.readPaused);
      await sleep(20);
      // The reader holds about its mark (plus the chunk that crossed it), not the 8 MiB sent.
      expect(b.readBuffered).to.be.within(16 * 1024, 16 * 1024 + 256 * 1024);
      expect((await state(writing)).kind).to.equal('pending');
      expect(a.writeBuffered).to.be.greaterThan(0);
      const received = drain(b);
      await writing;
      await a.closeWrite();
      expect(await received).to.equal(total);
    },
  },
  {
    name: 'reading below the mark resumes the socket',
    options: { readHighWaterMark: 1024 },
    async run(a, b) {
      void a.write(new Uint8Array(64 * 1024)).catch(() => undefined);
      await until(() => b.readPaused);
      while (b.readBuffered >= 1024) await b.read();
      expect(b.readPaused).to.equal(false);
    },
  },
];

const addrCases: Case[] = [
  {
    name: 'local and remote addresses mirror each other',
    async run(a, b) {
      expect(a.localAddr.toString()).to.equal(b.remoteAddr.toString());
      expect(a.remoteAddr.toString()).to.equal(b.localAddr.toString());
      expect(a.remoteAddr.network).to.equal('tcp');
      expect(a.remoteAddr.toString()).to.match(/^127\.0\.0\.1:\d+$/);
    },
  },
];

/** Counts the calls of the callback `onReadable` is given. */
function readableCount(c: TCPConn): { readonly calls: number } {
  const box = { calls: 0 };
  c.onReadable(() => {
    box.calls++;
  });
  return box;
}

const onReadableCases: Case[] = [
  {
    name: 'is called once when bytes arrive, and tryRead then takes them',
    async run(a, b) {
      const n = readableCount(b);
      await sleep(5);
      expect(n.calls).to.equal(0);
      await a.write(bytes('one'));
      await until(() => n.calls === 1);
      expect(text(b.tryRead()!)).to.equal('one');
      await a.write(bytes('two'));
      await until(() => b.readBuffered === 3);
      expect(n.calls).to.equal(1);
    },
  },
  {
    name: 'is called in a microtask when bytes are already queued',
    async run(a, b) {
      await a.write(bytes('q'));
      await until(() => b.readBuffered === 1);
      const n = readableCount(b);
      expect(n.calls).to.equal(0);
      await Promise.resolve();
      expect(n.calls).to.equal(1);
    },
  },
  {
    name: 'is called at end of stream, and tryRead gives null',
    async run(a, b) {
      const n = readableCount(b);
      await a.closeWrite();
      await until(() => n.calls === 1);
      expect(b.tryRead()).to.equal(null);
    },
  },
  {
    name: 'is called on close, and tryRead throws ClosedError',
    async run(_a, b) {
      const n = readableCount(b);
      b.close();
      expect(n.calls).to.equal(1);
      expect(() => b.tryRead()).to.throw(ClosedError);
    },
  },
  {
    name: 'is called when the read deadline passes, and tryRead throws DeadlineExceededError',
    async run(_a, b) {
      const n = readableCount(b);
      b.setReadDeadline(Date.now() + 20);
      await until(() => n.calls === 1);
      expect(() => b.tryRead()).to.throw(DeadlineExceededError);
    },
  },
  {
    name: 'a later callback replaces one not yet called',
    async run(a, b) {
      const first = readableCount(b);
      const second = readableCount(b);
      await a.write(bytes('x'));
      await until(() => second.calls === 1);
      expect(first.calls).to.equal(0);
    },
  },
];

for (const [title, cases] of [
  ['Conn.read', readCases],
  ['TCPConn.onReadable', onReadableCases],
  ['Conn end of stream and half-close', eofCases],
  ['Conn.close', closeCases],
  ['Conn.write', writeCases],
  ['Conn read backpressure', backpressureCases],
  ['Conn data integrity', integrityCases],
  ['Conn addresses', addrCases],
] as const) {
  describe(title, () => {
    for (const c of cases) it(c.name, () => withPair(c.options ?? {}, c.run));
  });
}
