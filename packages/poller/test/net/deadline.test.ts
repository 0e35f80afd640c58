import { expect } from 'chai';
import { ClosedError, DeadlineExceededError } from '../../src/net/errors.js';
import type { TCPConn } from '../../src/net/tcp-conn.js';
import { bytes, connPair, FakeClock, fillUntilParked, sleep, state, text } from './helpers.js';

function isTimeout(err: unknown, op: string): boolean {
  return err instanceof DeadlineExceededError && err.timeout() && err.code === 'ERR_NET_DEADLINE_EXCEEDED' && err.op === op;
}

interface Case {
  name: string;
  run(clock: FakeClock, a: TCPConn, b: TCPConn): Promise<void>;
}

const cases: Case[] = [
  {
    name: 'a deadline in the past fails a parked read at once',
    async run(clock, _a, b) {
      const p = b.read();
      b.setReadDeadline(clock.now() - 1);
      expect(isTimeout(await p.catch((e: unknown) => e), 'read')).to.equal(true);
    },
  },
  {
    name: 'a future deadline fails a parked read when it passes, not before',
    async run(clock, _a, b) {
      b.setReadDeadline(clock.now() + 100);
      const p = b.read();
      clock.advance(99);
      expect((await state(p)).kind).to.equal('pending');
      clock.advance(1);
      expect(isTimeout(await p.catch((e: unknown) => e), 'read')).to.equal(true);
    },
  },
  {
    name: 'a deadline applies to future reads too, queued bytes or not',
    async run(clock, a, b) {
      await a.write(bytes('queued'));
      while (b.readBuffered === 0) await sleep(1);
      b.setReadDeadline(new Date(clock.now() - 1));
      expect(isTimeout(await b.read().catch((e: unknown) => e), 'read')).to.equal(true);
      expect(() => b.tryRead()).to.throw(DeadlineExceededError);
    },
  },
  {
    name: 'an extended deadline does not fire at the old time',
    async run(clock, _a, b) {
      b.setReadDeadline(clock.now() + 100);
      const p = b.read();
      clock.advance(50);
      b.setReadDeadline(clock.now() + 100);
      clock.advance(60);
      expect((await state(p)).kind).to.equal('pending');
      clock.advance(40);
      expect(isTimeout(await p.catch((e: unknown) => e), 'read')).to.equal(true);
    },
  },
  {
    name: 'a shortened deadline fires at the new time',
    async run(clock, _a, b) {
      b.setReadDeadline(clock.now() + 1000);
      const p = b.read();
      b.setReadDeadline(clock.now() + 10);
      clock.advance(10);
      expect(isTimeout(await p.catch((e: unknown) => e), 'read')).to.equal(true);
    },
  },
  {
    name: 'a cleared deadline never fires',
    async run(clock, a, b) {
      b.setReadDeadline(clock.now() + 10);
      const p = b.read();
      b.setReadDeadline(null);
      clock.advance(1000);
      expect((await state(p)).kind).to.equal('pending');
      await a.write(bytes('ok'));
      expect(text(await p)).to.equal('ok');
    },
  },
  {
    name: 'zero and the epoch clear a deadline, as Go\'s zero time',
    async run(clock, _a, b) {
      for (const zero of [0, new Date(0), undefined]) {
        b.setReadDeadline(clock.now() - 1);
        b.setReadDeadline(zero);
        expect((await state(b.read())).kind, String(zero)).to.equal('pending');
      }
    },
  },
  {
    name: 'the connection stays usable after a read timeout',
    async run(clock, a, b) {
      b.setReadDeadline(clock.now() + 5);
      const p = b.read();
      clock.advance(5);
      expect(isTimeout(await p.catch((e: unknown) => e), 'read')).to.equal(true);
      b.setReadDeadline(clock.now() + 1000);
      await a.write(bytes('after'));
      expect(text(await b.read())).to.equal('after');
      await b.write(bytes('back'));
      expect(text(await a.read())).to.equal('back');
    },
  },
  {
    name: 'a read deadline does not touch writes',
    async run(clock, a, b) {
      a.setReadDeadline(clock.now() - 1);
      await a.write(bytes('still writes'));
      expect(text(await b.read())).to.equal('still writes');
    },
  },
  {
    name: 'a write deadline does not touch reads',
    async run(clock, a, b) {
      b.setWriteDeadline(clock.now() - 1);
      expect(isTimeout(await b.write(bytes('x')).catch((e: unknown) => e), 'write')).to.equal(true);
      await a.write(bytes('still reads'));
      expect(text(await b.read())).to.equal('still reads');
    },
  },
  {
    name: 'a write deadline fails a write parked on backpressure when it passes',
    async run(clock, a) {
      a.setWriteDeadline(clock.now() + 100);
      const { parked } = await fillUntilParked(a);
      clock.advance(100);
      expect(isTimeout(await parked.catch((e: unknown) => e), 'write')).to.equal(true);
    },
  },
  {
    name: 'the connection stays usable after a write timeout: queued bytes still arrive',
    async run(clock, a, b) {
      a.setWriteDeadline(clock.now() + 100);
      const { parked } = await fillUntilParked(a);
      clock.advance(100);
      await parked.catch(() => undefined);
      a.setWriteDeadline(null);
      const reading = (async () => {
        let n = 0;
        for (let c = await b.read(); c !== null; c = await b.read()) n += c.length;
        return n;
      })();
      await a.write(bytes('tail'));
      await a.closeWrite();
      expect(await reading).to.be.greaterThan(256 * 1024);
    },
  },
  {
    name: 'setDeadline sets both directions',
    async run(clock, _a, b) {
      b.setDeadline(clock.now() - 1);
      expect(isTimeout(await b.read().catch((e: unknown) => e), 'read')).to.equal(true);
      expect(isTimeout(await b.write(bytes('x')).catch((e: unknown) => e), 'write')).to.equal(true);
    },
  },
  {
    name: 'close wins over an expired deadline',
    async run(clock, _a, b) {
      b.setReadDeadline(clock.now() - 1);
      b.close();
      expect(await b.read().catch((e: unknown) => e)).to.be.instanceOf(ClosedError);
    },
  },
];

interface TimerCase {
  name: string;
  steps(clock: FakeClock, c: TCPConn): void;
  /** Timers alive afterwards, and timers created in all. */
  live: number;
  created: number;
  read: boolean;
  write: boolean;
}

const timerCases: TimerCase[] = [
  { name: 'no deadline, no timer', steps: () => undefined, live: 0, created: 0, read: false, write: false },
  { name: 'a read deadline arms one timer', steps: (k, c) => c.setReadDeadline(k.now() + 100), live: 1, created: 1, read: true, write: false },
  { name: 'a write deadline arms one timer', steps: (k, c) => c.setWriteDeadline(k.now() + 100), live: 1, created: 1, read: false, write: true },
  { name: 'setDeadline arms one timer per direction', steps: (k, c) => c.setDeadline(k.now() + 100), live: 2, created: 2, read: true, write: true },
  {
    name: 'extending a deadline many times creates no new timer',
    steps: (k, c) => {
      for (let i = 1; i <= 100; i++) c.setReadDeadline(k.now() + 100 + i);
    },
    live: 1,
    created: 1,
    read: true,
    write: false,
  },
  {
    name: 'an extended deadline re-arms once when the old time comes',
    steps: (k, c) => {
      c.setReadDeadline(k.now() + 100);
      c.setReadDeadline(k.now() + 300);
      k.advance(150);
    },
    live: 1,
    created: 2,
    read: true,
    write: false,
  },
  {
    name: 'shortening replaces the timer, never adds one',
    steps: (k, c) => {
      c.setReadDeadline(k.now() + 300);
      c.setReadDeadline(k.now() + 100);
    },
    live: 1,
    created: 2,
    read: true,
    write: false,
  },
  {
    name: 'clearing removes the timer',
    steps: (k, c) => {
      c.setDeadline(k.now() + 100);
      c.setDeadline(null);
    },
    live: 0,
    created: 2,
    read: false,
    write: false,
  },
  { name: 'a past deadline needs no timer', steps: (k, c) => c.setDeadline(k.now() - 1), live: 0, created: 0, read: false, write: false },
  {
    name: 'a fired deadline leaves no timer',
    steps: (k, c) => {
      c.setReadDeadline(k.now() + 10);
      k.advance(10);
    },
    live: 0,
    created: 1,
    read: false,
    write: false,
  },
  {
    name: 'a deadline set after close arms no timer',
    steps: (k, c) => {
      c.close();
      c.setDeadline(k.now() + 100);
    },
    live: 0,
    created: 0,
    read: false,
    write: false,
  },
  {
    name: 'close removes every timer',
    steps: (k, c) => {
      c.setDeadline(k.now() + 100);
      c.close();
    },
    live: 0,
    created: 2,
    read: false,
    write: false,
  },
];

describe('Conn deadlines (Go semantics, fake clock)', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const clock = new FakeClock();
      const { a, b } = await connPair({ clock });
      try {
        await c.run(clock, a, b);
      } finally {
        a.close();
        b.close();
      }
    });
  }
});

describe('Conn deadline timers', () => {
  for (const c of timerCases) {
    it(c.name, async () => {
      const clock = new FakeClock();
      const { a, b } = await connPair({ clock });
      try {
        c.steps(clock, a);
        expect(clock.timers.size, 'live timers').to.equal(c.live);
        expect(clock.created, 'timers created').to.equal(c.created);
        expect(a.readTimerArmed, 'read timer').to.equal(c.read);
        expect(a.writeTimerArmed, 'write timer').to.equal(c.write);
      } finally {
        a.close();
        b.close();
      }
    });
  }
});

describe('Conn deadlines on the system clock', () => {
  it('a read deadline 40 ms ahead fails a parked read after about 40 ms', async () => {
    const { a, b } = await connPair();
    try {
      const start = Date.now();
      b.setReadDeadline(Date.now() + 40);
      const err = await b.read().catch((e: unknown) => e);
      const took = Date.now() - start;
      expect(isTimeout(err, 'read')).to.equal(true);
      expect(took).to.be.within(30, 2000);
    } finally {
      a.close();
      b.close();
    }
  });

  it('rejects an invalid deadline', async () => {
    const { a, b } = await connPair();
    try {
      expect(() => a.setDeadline(new Date('not a date'))).to.throw(RangeError);
      expect(() => a.setDeadline(Number.NaN)).to.throw(RangeError);
    } finally {
      a.close();
      b.close();
    }
  });
});
