// A Conn driven by the test instead of a socket: the test feeds its input and decides whether
// the "client" takes what is written, so a server's reaction to a client that does not read
// can be checked exactly, without the kernel's socket buffers in between. It implements the
// Pollable members as TCPConn does, so the server takes the very path it takes in production.
import type { Addr, DeadlineTime, PollableConn } from '../../src/net/conn.js';
import { ClosedError, DeadlineExceededError } from '../../src/net/errors.js';

const addr: Addr = { network: 'tcp', toString: () => '127.0.0.1:1' };

/** A scripted connection: input is fed with `feed`, writes park while `reading` is false. */
export class ScriptedConn implements PollableConn {
  /** Whether the client takes written bytes at once; while false, writes park until `take()`. */
  reading = true;
  /** Every byte written, in order. */
  readonly written: Uint8Array[] = [];
  /** How many write or writev calls were made. */
  writes = 0;
  #input: Uint8Array[] = [];
  #eof = false;
  #closed = false;
  #buffered = 0;
  #reader: ((chunk: Uint8Array | null) => void) | null = null;
  #notify: (() => void) | null = null;
  /** The linger `setLinger` last set, or null when never called. */
  linger: number | null = null;
  #writers: { resolve(): void; reject(err: unknown): void }[] = [];
  #writeTimer: NodeJS.Timeout | undefined;

  readonly localAddr = addr;
  readonly remoteAddr = addr;

  /** Queues input for the server, waking a parked read. */
  feed(text: string): void {
    const chunk = Buffer.from(text, 'latin1');
    const reader = this.#reader;
    this.#reader = null;
    if (reader !== null) reader(chunk);
    else this.#input.push(chunk);
    this.#wake();
  }

  /** The client takes everything written so far: parked writes settle. */
  take(): void {
    this.#buffered = 0;
    const writers = this.#writers;
    this.#writers = [];
    for (const w of writers) w.resolve();
  }

  get closed(): boolean {
    return this.#closed;
  }

  get readBuffered(): number {
    return this.#input.reduce((n, c) => n + c.length, 0);
  }

  get writeBuffered(): number {
    return this.#buffered;
  }

  read(): Promise<Uint8Array | null> {
    if (this.#closed) return Promise.reject(new ClosedError('read'));
    const chunk = this.#input.shift();
    if (chunk !== undefined) return Promise.resolve(chunk);
    if (this.#eof) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.#reader = resolve;
    });
  }

  tryRead(): Uint8Array | null | undefined {
    if (this.#closed) throw new ClosedError('read');
    const chunk = this.#input.shift();
    if (chunk !== undefined) return chunk;
    return this.#eof ? null : undefined;
  }

  onReadable(cb: () => void): void {
    if (this.#closed || this.#eof || this.#input.length > 0) {
      this.#notify = null;
      queueMicrotask(cb);
      return;
    }
    this.#notify = cb;
  }

  write(bytes: Uint8Array): Promise<void> {
    return this.writev([bytes]);
  }

  writeText(text: string): Promise<void> {
    return this.writev([text]);
  }

  writev(chunks: readonly (Uint8Array | string)[]): Promise<void> {
    if (this.#closed) return Promise.reject(new ClosedError('write'));
    this.writes++;
    for (const piece of chunks) {
      const c = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      this.written.push(c);
      if (!this.reading) this.#buffered += c.length;
    }
    if (this.reading) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.#writers.push({ resolve, reject });
    });
  }

  closeWrite(): Promise<void> {
    return Promise.resolve();
  }

  setLinger(ms: number): void {
    this.linger = ms;
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#writeTimer);
    this.#reader?.(null);
    this.#reader = null;
    this.#wake();
  }

  #wake(): void {
    const cb = this.#notify;
    this.#notify = null;
    cb?.();
  }

  setDeadline(t: DeadlineTime): void {
    this.setReadDeadline(t);
    this.setWriteDeadline(t);
  }

  setReadDeadline(_t: DeadlineTime): void {
    // Read deadlines are not scripted: the cases here never reach one.
  }

  /** Parked writes fail with DeadlineExceededError once `t` passes, as a socket's would. */
  setWriteDeadline(t: DeadlineTime): void {
    if (this.#closed) return;
    clearTimeout(this.#writeTimer);
    this.#writeTimer = undefined;
    if (t === null || t === undefined || t === 0) return;
    const at = t instanceof Date ? t.getTime() : t;
    this.#writeTimer = setTimeout(() => {
      const writers = this.#writers;
      this.#writers = [];
      for (const w of writers) w.reject(new DeadlineExceededError('write'));
    }, Math.max(0, at - Date.now()));
  }

  setNoDelay(): void {
    // Nothing to tune.
  }
}
