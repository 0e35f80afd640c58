// pollable(conn): any Conn with the Pollable members. A Conn that has them is returned as it is;
// another is wrapped in a PolledConn, which learns readiness by making one read and keeping what
// it gave until taken, so a server loop takes the same path over every Conn.
import type { Addr, Conn, DeadlineTime, Pollable, PollableConn } from './conn.js';

/** `conn` itself when it implements {@link Pollable}, else `conn` wrapped to implement it. */
export function pollable(conn: Conn): PollableConn {
  return isPollable(conn) ? conn : new PolledConn(conn);
}

/** True when `conn` has the {@link Pollable} members. */
export function isPollable(conn: Conn): conn is PollableConn {
  const c = conn as Conn & Partial<Pollable>;
  return typeof c.onReadable === 'function' && typeof c.writeText === 'function' && typeof c.setLinger === 'function';
}

/** What the read made to learn readiness gave, until it is taken. */
type Ready = { chunk: Uint8Array | null } | { err: unknown };

/**
 * A Conn given the Pollable members over its plain ones: `onReadable` makes one `read()` and
 * keeps its outcome for the next `tryRead` or `read`; text is encoded before it is written;
 * `setLinger` is ignored (the Conn's `close()` is what it is).
 */
class PolledConn implements PollableConn {
  readonly #conn: Conn;
  #ready: Ready | null = null;
  #reading: Promise<void> | null = null;
  #notify: (() => void) | null = null;

  constructor(conn: Conn) {
    this.#conn = conn;
  }

  onReadable(cb: () => void): void {
    if (this.#ready !== null) {
      this.#notify = null;
      queueMicrotask(cb);
      return;
    }
    this.#notify = cb;
    this.#reading ??= this.#conn.read().then(
      (chunk) => {
        this.#settle({ chunk });
      },
      (err: unknown) => {
        this.#settle({ err });
      },
    );
  }

  tryRead(): Uint8Array | null | undefined {
    const ready = this.#ready;
    if (ready !== null) {
      this.#ready = null;
      if ('err' in ready) throw ready.err;
      return ready.chunk;
    }
    // A read is in flight: whatever comes is its.
    if (this.#reading !== null) return undefined;
    return this.#conn.tryRead();
  }

  async read(buf?: Uint8Array): Promise<Uint8Array | null> {
    if (this.#reading !== null) await this.#reading;
    const ready = this.#ready;
    if (ready === null) return this.#conn.read(buf);
    this.#ready = null;
    if ('err' in ready) throw ready.err;
    const chunk = ready.chunk;
    if (chunk === null || buf === undefined) return chunk;
    if (buf.length >= chunk.length) {
      buf.set(chunk);
      return buf.subarray(0, chunk.length);
    }
    buf.set(chunk.subarray(0, buf.length));
    this.#ready = { chunk: chunk.subarray(buf.length) };
    return buf;
  }

  write(bytes: Uint8Array): Promise<void> {
    return this.#conn.write(bytes);
  }

  writeText(text: string): Promise<void> {
    return this.#conn.write(Buffer.from(text, 'utf8'));
  }

  writev(chunks: readonly (Uint8Array | string)[]): Promise<void> {
    return this.#conn.writev(chunks.map(toBytes));
  }

  setLinger(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`invalid linger: ${String(ms)}`);
  }

  closeWrite(): Promise<void> {
    return this.#conn.closeWrite();
  }

  close(): void {
    this.#conn.close();
  }

  get closed(): boolean {
    return this.#conn.closed;
  }

  get localAddr(): Addr {
    return this.#conn.localAddr;
  }

  get remoteAddr(): Addr {
    return this.#conn.remoteAddr;
  }

  get readBuffered(): number {
    const ready = this.#ready;
    const held = ready !== null && 'chunk' in ready && ready.chunk !== null ? ready.chunk.length : 0;
    return this.#conn.readBuffered + held;
  }

  get writeBuffered(): number {
    return this.#conn.writeBuffered;
  }

  setDeadline(t: DeadlineTime): void {
    this.#conn.setDeadline(t);
  }

  setReadDeadline(t: DeadlineTime): void {
    this.#conn.setReadDeadline(t);
  }

  setWriteDeadline(t: DeadlineTime): void {
    this.#conn.setWriteDeadline(t);
  }

  setNoDelay(noDelay?: boolean): void {
    this.#conn.setNoDelay(noDelay);
  }

  #settle(ready: Ready): void {
    this.#reading = null;
    this.#ready = ready;
    const cb = this.#notify;
    this.#notify = null;
    cb?.();
  }
}

function toBytes(chunk: Uint8Array | string): Uint8Array {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}
