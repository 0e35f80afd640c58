// HijackedConn: the Conn a handler gets from hijack(). It is the connection itself, except
// that its first reads return the bytes the transport had already read past the request.
import type { Addr, Conn, DeadlineTime } from '../net/conn.js';

/** A connection taken over from the HTTP server, with the bytes read ahead put back in front. */
export class HijackedConn implements Conn {
  readonly #conn: Conn;
  readonly #ahead: Uint8Array[];

  /** `ahead` holds bytes already read from `conn`, returned before anything read after them. */
  constructor(conn: Conn, ahead: Uint8Array[]) {
    this.#conn = conn;
    this.#ahead = ahead;
  }

  /** {@inheritDoc Conn.read} */
  read(buf?: Uint8Array): Promise<Uint8Array | null> {
    const first = this.#ahead[0];
    if (first === undefined) return this.#conn.read(buf);
    return Promise.resolve(this.#takeAhead(first, buf));
  }

  /** {@inheritDoc Conn.tryRead} */
  tryRead(): Uint8Array | null | undefined {
    const first = this.#ahead.shift();
    return first ?? this.#conn.tryRead();
  }

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

  /** {@inheritDoc Conn.write} */
  write(bytes: Uint8Array): Promise<void> {
    return this.#conn.write(bytes);
  }

  /** {@inheritDoc Conn.writev} */
  writev(chunks: readonly Uint8Array[]): Promise<void> {
    return this.#conn.writev(chunks);
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
}
