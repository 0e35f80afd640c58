// TcpListener: a Listener over node:net's Server. The server is created with
// `pauseOnConnect`, so a connection is not read from until accept() hands it out: until then
// its bytes wait in the kernel, as they do for a Go listener nobody accepts from.
import type { Server, Socket } from 'node:net';
import type { Addr, Conn, Listener } from './conn.js';
import { ClosedError, SocketError } from './errors.js';
import { TCPConn, type TCPConnOptions } from './tcp-conn.js';

interface AcceptWaiter {
  resolve(conn: Conn): void;
  reject(err: unknown): void;
}

/** A listener over a listening node:net `Server` (TCP or unix domain). */
export class TcpListener implements Listener {
  /** {@inheritDoc Listener.addr} */
  readonly addr: Addr;
  readonly #server: Server;
  readonly #connOptions: TCPConnOptions;
  #pending: Socket[] = [];
  #waiters: AcceptWaiter[] = [];
  #closed = false;

  /**
   * Wraps a server that is already listening, with `allowHalfOpen` and `pauseOnConnect` set.
   * `connOptions` apply to every accepted connection. `taken` are connections the server emitted
   * before this listener existed, to be accepted first: in a node:cluster worker the primary can
   * hand over a connection before the server's `'listening'` event, so whoever binds the server
   * must hold its `'connection'` events from the start.
   */
  constructor(server: Server, addr: Addr, connOptions: TCPConnOptions = {}, taken: Iterable<Socket> = []) {
    this.#server = server;
    this.addr = addr;
    this.#connOptions = connOptions;
    this.#pending.push(...taken);
    server.on('connection', this.#onConnection);
    server.on('error', this.#onError);
  }

  /** {@inheritDoc Listener.accept} */
  accept(): Promise<Conn> {
    if (this.#closed) return Promise.reject(new ClosedError('accept'));
    const socket = this.#pending.shift();
    if (socket !== undefined) return Promise.resolve(this.#wrap(socket));
    return new Promise((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
    });
  }

  /** {@inheritDoc Listener.close} */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w.reject(new ClosedError('accept'));
    for (const socket of this.#pending) socket.destroy();
    this.#pending = [];
    // server.close() releases the listening handle now; its callback would also wait for
    // accepted connections, which a Go listener's Close does not.
    return new Promise((resolve) => {
      this.#server.close();
      setImmediate(resolve);
    });
  }

  /** Yields accepted connections until the listener is closed. */
  async *[Symbol.asyncIterator](): AsyncIterator<Conn> {
    for (;;) {
      let conn: Conn;
      try {
        conn = await this.accept();
      } catch (err) {
        if (err instanceof ClosedError) return;
        throw err;
      }
      yield conn;
    }
  }

  /**
   * The Conn of an accepted socket: a TCPConn. A listener layered on this one (TLSListener)
   * makes its own here.
   */
  protected newConn(socket: Socket, options: TCPConnOptions): Conn {
    return new TCPConn(socket, options);
  }

  #wrap(socket: Socket): Conn {
    if (this.addr.network !== 'unix') return this.newConn(socket, this.#connOptions);
    return this.newConn(socket, { ...this.#connOptions, unixLocal: this.addr.toString(), unixRemote: '' });
  }

  readonly #onConnection = (socket: Socket): void => {
    if (this.#closed) {
      socket.destroy();
      return;
    }
    const waiter = this.#waiters.shift();
    if (waiter !== undefined) waiter.resolve(this.#wrap(socket));
    else this.#pending.push(socket);
  };

  readonly #onError = (err: Error): void => {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w.reject(new SocketError('accept', err));
  };
}
