// pollable(conn, ahead?): any Conn with the Pollable members, and with bytes a previous owner
// already read put back in front. A Conn that has the members and nothing ahead is returned as
// it is; another is wrapped in a PolledConn, the one wrapper of the package: the Conn netpoll
// serves when it is not pollable, and the Conn hijack() hands over.
import type { Addr, Conn, DeadlineTime, Pollable, PollableConn } from './conn.js';

/**
 * `conn` with the {@link Pollable} members: itself when it has them and `ahead` is empty, else
 * wrapped. `ahead` holds bytes already read from `conn` (by a server before a hijack): reads
 * return them first, in order, then what `conn` reads.
 */
export function pollable(conn: Conn, ahead: readonly Uint8Array[] = []): PollableConn {
  return isPollable(conn) && ahead.length === 0 ? conn : new PolledConn(conn, ahead);
}

/** True when `conn` has the {@link Pollable} members. */
export function isPollable(conn: Conn): conn is PollableConn {
  const c = conn as Conn & Partial<Pollable>;
  return typeof c.onReadable === 'function' && typeof c.writeText === 'function' && typeof c.setLinger === 'function';
}

/** How the read made to learn readiness ended, when it gave no bytes: end of stream, or an error. */
type Outcome = { eof: true } | { err: unknown };

/**
 * A Conn with bytes held in front of its own, and the Pollable members. Reads take the held
 * bytes first. A pollable inner Conn is asked for readiness and text writes directly; over a
 * plain one, `onReadable` makes one `read()` and holds what it gave for the next `tryRead` or
 * `read`, text is encoded before it is written, and `setLinger` is ignored (the Conn's
 * `close()` is what it is).
 */
class PolledConn implements PollableConn {
  readonly #conn: Conn;
  readonly #inner: PollableConn | undefined;
  readonly #ahead: Uint8Array[];
  #outcome: Outcome | null = null;
  #reading: Promise<void> | null = null;
  #notify: (() => void) | null = null;

  constructor(conn: Conn, ahead: readonly Uint8Array[]) {
    this.#conn = conn;
    this.#inner = isPollable(conn) ? conn : undefined;
    this.#ahead = ahead.filter((b) => b.length > 0);
  }

  /** {@inheritDoc Pollable.onReadable} */
  onReadable(cb: () => void): void {
    if (this.#ahead.length > 0 || this.#outcome !== null) {
      this.#notify = null;
      queueMicrotask(cb);
      return;
    }
    if (this.#inner !== undefined) {
      this.#inner.onReadable(cb);
      return;
    }
    this.#notify = cb;
    this.#reading ??= this.#conn.read().then(
      (chunk) => {
        if (chunk === null) this.#settle({ eof: true });
        else {
          this.#ahead.push(chunk);
          this.#settle(null);
        }
      },
      (err: unknown) => {
        this.#settle({ err });
      },
    );
  }

  /** {@inheritDoc Conn.tryRead} */
  tryRead(): Uint8Array | null | undefined {
    const held = this.#ahead.shift();
    if (held !== undefined) return held;
    if (this.#outcome !== null) return this.#takeOutcome();
    // A read is in flight: whatever comes is its.
    if (this.#reading !== null) return undefined;
    return this.#conn.tryRead();
  }

  /** {@inheritDoc Conn.read} */
  async read(buf?: Uint8Array): Promise<Uint8Array | null> {
    if (this.#reading !== null) await this.#reading;
    const held = this.#ahead[0];
    if (held !== undefined) return this.#takeAhead(held, buf);
    if (this.#outcome !== null) return this.#takeOutcome();
    return this.#conn.read(buf);
  }

  /** {@inheritDoc Conn.write} */
  write(bytes: Uint8Array): Promise<void> {
    return this.#conn.write(bytes);
  }

  /** {@inheritDoc Pollable.writeText} */
  writeText(text: string): Promise<void> {
    if (this.#inner !== undefined) return this.#inner.writeText(text);
    return this.#conn.write(Buffer.from(text, 'utf8'));
  }

  /** {@inheritDoc Pollable.writev} */
  writev(chunks: readonly (Uint8Array | string)[]): Promise<void> {
    if (this.#inner !== undefined) return this.#inner.writev(chunks);
    return this.#conn.writev(chunks.map(toBytes));
  }

  /** {@inheritDoc Pollable.setLinger} */
  setLinger(ms: number): void {
    if (this.#inner !== undefined) {
      this.#inner.setLinger(ms);
      return;
    }
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`invalid linger: ${String(ms)}`);
  }

  /** {@inheritDoc Conn.closeWrite} */
  closeWrite(): Promise<void> {
    return this.#conn.closeWrite();
  }

  /** {@inheritDoc Conn.close} */
  close(): void {
    this.#conn.close();
  }

  /** {@inheritDoc Conn.closed} */
  get closed(): boolean {
    return this.#conn.closed;
  }

  /** {@inheritDoc Conn.localAddr} */
  get localAddr(): Addr {
    return this.#conn.localAddr;
  }

  /** {@inheritDoc Conn.remoteAddr} */
  get remoteAddr(): Addr {
    return this.#conn.remoteAddr;
  }

  /** {@inheritDoc Conn.readBuffered} */
  get readBuffered(): number {
    let n = this.#conn.readBuffered;
    for (const b of this.#ahead) n += b.length;
    return n;
  }

  /** {@inheritDoc Conn.writeBuffered} */
  get writeBuffered(): number {
    return this.#conn.writeBuffered;
  }

  /** {@inheritDoc Conn.setDeadline} */
  setDeadline(t: DeadlineTime): void {
    this.#conn.setDeadline(t);
  }

  /** {@inheritDoc Conn.setReadDeadline} */
  setReadDeadline(t: DeadlineTime): void {
    this.#conn.setReadDeadline(t);
  }

  /** {@inheritDoc Conn.setWriteDeadline} */
  setWriteDeadline(t: DeadlineTime): void {
    this.#conn.setWriteDeadline(t);
  }

  /** {@inheritDoc Conn.setNoDelay} */
  setNoDelay(noDelay?: boolean): void {
    this.#conn.setNoDelay(noDelay);
  }

  // The first held chunk, or as much of it as `buf` takes (the rest stays in front).
  #takeAhead(first: Uint8Array, buf: Uint8Array | undefined): Uint8Array {
    if (buf === undefined || buf.length >= first.length) {
      this.#ahead.shift();
      if (buf === undefined) return first;
      buf.set(first);
      return buf.subarray(0, first.length);
    }
    buf.set(first.subarray(0, buf.length));
    this.#ahead[0] = first.subarray(buf.length);
    return buf;
  }

  // End of stream or the read's error, given once: a later read asks the Conn again.
  #takeOutcome(): null {
    const outcome = this.#outcome!;
    this.#outcome = null;
    if ('err' in outcome) throw outcome.err;
    return null;
  }

  #settle(outcome: Outcome | null): void {
    this.#reading = null;
    this.#outcome = outcome;
    const cb = this.#notify;
    this.#notify = null;
    cb?.();
  }
}

function toBytes(chunk: Uint8Array | string): Uint8Array {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}
