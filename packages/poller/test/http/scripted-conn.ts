// A Conn driven by the test instead of a socket: the test feeds its input and decides whether
// the "client" takes what is written, so a server's reaction to a client that does not read
// can be checked exactly, without the kernel's socket buffers in between.
import type { Addr, Conn, DeadlineTime } from '../../src/net/conn.js';
import { ClosedError } from '../../src/net/errors.js';

const addr: Addr = { network: 'tcp', toString: () => '127.0.0.1:1' };

/** A scripted connection: input is fed with `feed`, writes park while `reading` is false. */
export class ScriptedConn implements Conn {
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
  #writers: (() => void)[] = [];

  readonly localAddr = addr;
  readonly remoteAddr = addr;

  /** Queues input for the server, waking a parked read. */
  feed(text: string): void {
    const chunk = Buffer.from(text, 'latin1');
    const reader = this.#reader;
    this.#reader = null;
    if (reader !== null) reader(chunk);
    else this.#input.push(chunk);
  }

  /** The client takes everything written so far: parked writes settle. */
  take(): void {
    this.#buffered = 0;
    const writers = this.#writers;
    this.#writers = [];
    for (const w of writers) w();
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

  write(bytes: Uint8Array): Promise<void> {
    return this.writev([bytes]);
  }

  writev(chunks: readonly Uint8Array[]): Promise<void> {
    if (this.#closed) return Promise.reject(new ClosedError('write'));
    this.writes++;
    for (const c of chunks) {
      this.written.push(c);
      if (!this.reading) this.#buffered += c.length;
    }
    if (this.reading) return Promise.resolve();
    return new Promise((resolve) => {
      this.#writers.push(resolve);
    });
  }

  closeWrite(): Promise<void> {
    return Promise.resolve();
  }

  close(): void {
    this.#closed = true;
    this.#reader?.(null);
    this.#reader = null;
  }

  setDeadline(t: DeadlineTime): void {
    this.setReadDeadline(t);
    this.setWriteDeadline(t);
  }

  setReadDeadline(_t: DeadlineTime): void {
    // Deadlines are not scripted: the cases here never reach one.
  }

  setWriteDeadline(_t: DeadlineTime): void {
    // As for reads.
  }

  setNoDelay(): void {
    // Nothing to tune.
  }
}
