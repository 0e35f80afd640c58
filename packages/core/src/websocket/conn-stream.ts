// ConnStream: a node Duplex over a poller Conn, so that the ws library, which speaks to streams,
// can run the WebSocket protocol on a connection any transport hijacked.
import { Duplex } from 'node:stream';
import { ClosedError, type Conn } from '@sloe/poller';

/**
 * A Duplex whose reads pull from `conn` and whose writes settle when `conn.write` does: a write
 * callback waits while the connection is over its write high-water mark (backpressure), and
 * reading stops while the stream's buffer is full, so the peer's window fills in turn.
 */
export class ConnStream extends Duplex {
  readonly #conn: Conn;
  #pumping = false;

  /** Takes over `conn`: destroying the stream closes it. */
  constructor(conn: Conn) {
    super({ allowHalfOpen: true });
    this.#conn = conn;
  }

  /** The peer's address, as node's sockets name it. */
  get remoteAddress(): string {
    return this.#conn.remoteAddr.toString();
  }

  /** Disables Nagle's algorithm (true) on the connection, as `Socket.setNoDelay`. */
  setNoDelay(noDelay = true): this {
    this.#conn.setNoDelay(noDelay);
    return this;
  }

  override _read(): void {
    if (this.#pumping) return;
    this.#pumping = true;
    void this.#pump();
  }

  // Reads until the stream's buffer is full (push returns false) or the connection ends.
  async #pump(): Promise<void> {
    try {
      for (;;) {
        const chunk = await this.#conn.read();
        if (chunk === null) {
          this.push(null);
          return;
        }
        if (!this.push(chunk)) return;
      }
    } catch (err) {
      // A read cut short by our own close is no failure.
      if (!(err instanceof ClosedError)) this.destroy(err as Error);
    } finally {
      this.#pumping = false;
    }
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    this.#conn.write(chunk).then(() => {
      callback();
    }, callback);
  }

  override _writev(chunks: { chunk: Buffer }[], callback: (err?: Error | null) => void): void {
    this.#conn.writev(chunks.map((c) => c.chunk)).then(() => {
      callback();
    }, callback);
  }

  override _final(callback: (err?: Error | null) => void): void {
    this.#conn.closeWrite().then(() => {
      callback();
    }, callback);
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    this.#conn.close();
    callback(err);
  }
}
