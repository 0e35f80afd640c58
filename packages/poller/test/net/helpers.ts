// Shared fixtures of the net tests: connected socket pairs and a fake clock.
import { createServer, connect, type Socket } from 'node:net';
import type { Clock } from '../../src/net/deadline.js';
import { TCPConn, type TCPConnOptions } from '../../src/net/tcp-conn.js';

/** Two connected raw node:net sockets over loopback, both half-open capable. */
export async function socketPair(): Promise<{ client: Socket; server: Socket }> {
  const srv = createServer({ allowHalfOpen: true, pauseOnConnect: true });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const address = srv.address();
  if (address === null || typeof address === 'string') throw new Error('no tcp address');
  const accepted = new Promise<Socket>((resolve) => srv.once('connection', resolve));
  const client = connect({ port: address.port, host: '127.0.0.1', allowHalfOpen: true });
  await new Promise<void>((resolve) => client.once('connect', resolve));
  const server = await accepted;
  srv.close();
  return { client, server };
}

/** Two connected TCPConns with the given options on both ends. */
export async function connPair(options: TCPConnOptions = {}): Promise<{ a: TCPConn; b: TCPConn; rawA: Socket; rawB: Socket }> {
  const { client, server } = await socketPair();
  return { a: new TCPConn(client, options), b: new TCPConn(server, options), rawA: client, rawB: server };
}

/** A clock whose time moves only when the test advances it; counts live timers. */
export class FakeClock implements Clock {
  time = 1_000_000;
  readonly timers = new Map<number, { at: number; fn: () => void }>();
  created = 0;
  #next = 1;

  now(): number {
    return this.time;
  }

  setTimer(fn: () => void, ms: number): unknown {
    const id = this.#next++;
    this.created++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward by `ms`, firing due timers in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let due: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= end && (due === undefined || entry[1].at < due[1].at)) due = entry;
      if (due === undefined) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = end;
  }
}

/** Resolves after `ms` real milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Settles with the promise's outcome, or 'pending' if it has not settled after a few turns of the event loop. */
export async function state<T>(p: Promise<T>): Promise<{ kind: 'fulfilled'; value: T } | { kind: 'rejected'; error: unknown } | { kind: 'pending' }> {
  let out: { kind: 'fulfilled'; value: T } | { kind: 'rejected'; error: unknown } | { kind: 'pending' } = { kind: 'pending' };
  p.then(
    (value) => {
      out = { kind: 'fulfilled', value };
    },
    (error: unknown) => {
      out = { kind: 'rejected', error };
    },
  );
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  return out;
}

/** Encodes a string as UTF-8 bytes. */
export const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
/** Decodes UTF-8 bytes. */
export const text = (b: Uint8Array | null): string | null => (b === null ? null : new TextDecoder().decode(b));

/** Writes until a write parks on backpressure; returns that pending write (boxed, so it is not awaited). */
export async function fillUntilParked(c: TCPConn): Promise<{ parked: Promise<void> }> {
  const chunk = new Uint8Array(256 * 1024);
  for (let i = 0; i < 400; i++) {
    const parked = c.write(chunk);
    if ((await state(parked)).kind === 'pending') return { parked };
  }
  throw new Error('writes never parked');
}
