// Two connected in-memory sockets, for serving a WebSocket upgrade without a port: node:http
// accepts any Duplex as a connection, and ws's client any Duplex from `createConnection`.
import { Duplex } from 'node:stream';

/**
 * One end of an in-memory connection. What it writes is pushed to its peer's readable side; a
 * write settles only once the peer's buffer has room, so backpressure crosses the pair as it
 * crosses a socket. It has the few Socket members node:http and the transports touch.
 */
export class MemorySocket extends Duplex {
  /** The loopback address both ends report. */
  readonly remoteAddress = '127.0.0.1';
  /** A port for the logs; nothing listens on it. */
  readonly remotePort: number;
  /** The local address both ends report. */
  readonly localAddress = '127.0.0.1';
  /** A port for the logs; nothing listens on it. */
  readonly localPort: number;
  #peer: MemorySocket | undefined;
  #blocked: (() => void) | undefined;

  private constructor(localPort: number, remotePort: number) {
    super({ allowHalfOpen: true });
    this.localPort = localPort;
    this.remotePort = remotePort;
  }

  /** A connected pair: [client end, server end]. */
  static pair(): [MemorySocket, MemorySocket] {
    const client = new MemorySocket(40000, 80);
    const server = new MemorySocket(80, 40000);
    client.#peer = server;
    server.#peer = client;
    return [client, server];
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    const peer = this.#peer;
    if (peer === undefined || peer.destroyed) {
      callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      return;
    }
    if (peer.push(chunk)) callback();
    else
      peer.#blocked = () => {
        callback();
      };
  }

  override _read(): void {
    const blocked = this.#blocked;
    this.#blocked = undefined;
    blocked?.();
  }

  override _final(callback: (err?: Error | null) => void): void {
    this.#peer?.push(null);
    callback();
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    const peer = this.#peer;
    this.#peer = undefined;
    // The peer's write waiting for room here was delivered: it settles.
    const blocked = this.#blocked;
    this.#blocked = undefined;
    blocked?.();
    if (peer !== undefined && !peer.destroyed) {
      peer.push(null);
      peer.destroy();
    }
    callback(err);
  }

  /** As `Socket.destroySoon`: ends, then destroys once the writes are flushed. */
  destroySoon(): void {
    if (this.writable) this.end();
    if (this.writableFinished) this.destroy();
    else this.once('finish', () => this.destroy());
  }

  /** As `Socket.setNoDelay`: nothing to do in memory. */
  setNoDelay(): this {
    return this;
  }

  /** As `Socket.setKeepAlive`: nothing to do in memory. */
  setKeepAlive(): this {
    return this;
  }

  /** As `Socket.setTimeout`: in memory no connection idles out. */
  setTimeout(): this {
    return this;
  }
}
