// TCPConn: a Conn over node:net's Socket, the socket's "descriptor" in Go's sense (netFD and
// pollDesc in one). libuv's epoll delivers bytes as 'data' events into a queue; an awaited read
// parks on an empty queue until the next delivery, end of stream, an error, close() or its
// deadline unparks it. Unix domain sockets use the same libuv stream, hence the same class.
import type { Socket } from 'node:net';
import type { Addr, Conn, DeadlineTime, Pollable } from './conn.js';
import { TCPAddr, UnixAddr, unmapIPv4 } from './addr.js';
import { Deadline, deadlineMillis, systemClock, type Clock } from './deadline.js';
import { ClosedError, DeadlineExceededError, SocketError, type NetError } from './errors.js';
import { RESOLVED } from '../resolved.js';

/** Options of a `TCPConn`. */
export interface TCPConnOptions {
  /**
   * Received bytes queued before the socket stops reading (TCP backpressure to the peer).
   * Default 64 KiB.
   */
  readHighWaterMark?: number;
  /**
   * How long `close()` lets bytes already accepted by `write` drain before destroying the
   * socket, in milliseconds; 0 discards them (see `setLinger`). Default 5000.
   */
  lingerMs?: number;
  /** Bytes already read from the socket by its previous owner (node:http's upgrade head). */
  head?: Uint8Array;
  /** The unix socket path of the local end, for a unix domain socket. */
  unixLocal?: string;
  /** The unix socket path of the peer, for a unix domain socket. */
  unixRemote?: string;
  /** The time source of the deadlines. Default: the system clock. */
  clock?: Clock;
}

interface ReadWaiter {
  resolve(chunk: Uint8Array | null): void;
  reject(err: unknown): void;
  buf: Uint8Array | undefined;
}

interface WriteWaiter {
  resolve(): void;
  reject(err: unknown): void;
}

const DEFAULT_READ_HWM = 64 * 1024;
const DEFAULT_LINGER_MS = 5000;

/** A stream connection over a node:net `Socket` (TCP or unix domain), with the {@link Pollable} members. */
export class TCPConn implements Conn, Pollable {
  readonly #socket: Socket;
  readonly #readHwm: number;
  #lingerMs: number;
  readonly #unix: boolean;
  readonly #unixLocal: string;
  readonly #unixRemote: string;
  readonly #rd: Deadline;
  readonly #wd: Deadline;
  /** Received chunks from `#head` on; the array is compacted when it empties. */
  #queue: Uint8Array[] = [];
  #head = 0;
  #queued = 0;
  #paused = false;
  #eof = false;
  #closed = false;
  #writeShut = false;
  #readError: NetError | undefined;
  #writeError: NetError | undefined;
  #readers: ReadWaiter[] = [];
  #notify: (() => void) | null = null;
  #writers: WriteWaiter[] = [];
  #localAddr: Addr | undefined;
  #remoteAddr: Addr | undefined;

  /**
   * Takes ownership of `socket`: listens to its events and starts reading. The socket must be
   * connected (or connecting) and created with `allowHalfOpen: true` for `closeWrite` and EOF
   * to keep Go's half-close semantics.
   */
  constructor(socket: Socket, options: TCPConnOptions = {}) {
    this.#socket = socket;
    this.#readHwm = options.readHighWaterMark ?? DEFAULT_READ_HWM;
    this.#lingerMs = options.lingerMs ?? DEFAULT_LINGER_MS;
    this.#unix = options.unixLocal !== undefined || options.unixRemote !== undefined;
    this.#unixLocal = options.unixLocal ?? '';
    this.#unixRemote = options.unixRemote ?? '';
    const clock = options.clock ?? systemClock;
    this.#rd = new Deadline(clock, this.#expireRead);
    this.#wd = new Deadline(clock, this.#expireWrite);
    if (options.head !== undefined && options.head.length > 0) this.#push(options.head);
    socket.on('data', this.#onData);
    socket.on('end', this.#onEnd);
    socket.on('error', this.#onError);
    socket.on('close', this.#onClose);
    socket.on('drain', this.#onDrain);
    if (!this.#paused) socket.resume();
  }

  /** {@inheritDoc Conn.closed} */
  get closed(): boolean {
    return this.#closed || this.#socket.destroyed;
  }

  /** {@inheritDoc Conn.localAddr} */
  get localAddr(): Addr {
    this.#localAddr ??= this.#unix
      ? new UnixAddr(this.#unixLocal)
      : new TCPAddr(unmapIPv4(this.#socket.localAddress ?? ''), this.#socket.localPort ?? 0);
    return this.#localAddr;
  }

  /** {@inheritDoc Conn.remoteAddr} */
  get remoteAddr(): Addr {
    this.#remoteAddr ??= this.#unix
      ? new UnixAddr(this.#unixRemote)
      : new TCPAddr(unmapIPv4(this.#socket.remoteAddress ?? ''), this.#socket.remotePort ?? 0);
    return this.#remoteAddr;
  }

  /** {@inheritDoc Conn.readBuffered} */
  get readBuffered(): number {
    return this.#queued;
  }

  /** {@inheritDoc Conn.writeBuffered} */
  get writeBuffered(): number {
    return this.#socket.writableLength;
  }

  /** True while the socket is not reading because the read queue is over its high-water mark. */
  get readPaused(): boolean {
    return this.#paused;
  }

  /** True while a read deadline timer is armed (for tests and diagnostics). */
  get readTimerArmed(): boolean {
    return this.#rd.armed;
  }

  /** True while a write deadline timer is armed (for tests and diagnostics). */
  get writeTimerArmed(): boolean {
    return this.#wd.armed;
  }

  /** {@inheritDoc Conn.read} */
  read(buf?: Uint8Array): Promise<Uint8Array | null> {
    if (this.#closed) return Promise.reject(new ClosedError('read'));
    if (this.#rd.expired) return Promise.reject(new DeadlineExceededError('read'));
    if (buf?.length === 0) return Promise.resolve(buf);
    // Hot path: bytes are queued, settle without parking.
    if (this.#queued > 0) return Promise.resolve(this.#take(buf));
    if (this.#readError !== undefined) return Promise.reject(this.#readError);
    if (this.#eof) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      this.#readers.push({ resolve, reject, buf });
    });
  }

  /** {@inheritDoc Conn.tryRead} */
  tryRead(): Uint8Array | null | undefined {
    if (this.#closed) throw new ClosedError('read');
    if (this.#rd.expired) throw new DeadlineExceededError('read');
    if (this.#queued > 0) return this.#take(undefined);
    if (this.#readError !== undefined) throw this.#readError;
    if (this.#eof) return null;
    return undefined;
  }

  /** {@inheritDoc Pollable.onReadable} */
  onReadable(cb: () => void): void {
    if (this.#closed || this.#rd.expired || this.#queued > 0 || this.#eof || this.#readError !== undefined) {
      this.#notify = null;
      queueMicrotask(cb);
      return;
    }
    this.#notify = cb;
  }

  /** {@inheritDoc Conn.write} */
  write(bytes: Uint8Array): Promise<void> {
    const err = this.#writeCheck();
    if (err !== undefined) return Promise.reject(err);
    // Hot path: below the high-water mark the write settles at once.
    if (this.#socket.write(bytes)) return RESOLVED;
    return this.#parkWrite();
  }

  /** {@inheritDoc Pollable.writeText} Here the text is encoded on its way to the socket. */
  writeText(text: string): Promise<void> {
    const err = this.#writeCheck();
    if (err !== undefined) return Promise.reject(err);
    if (this.#socket.write(text, 'utf8')) return RESOLVED;
    return this.#parkWrite();
  }

  /** {@inheritDoc Pollable.writev} */
  writev(chunks: readonly (Uint8Array | string)[]): Promise<void> {
    const err = this.#writeCheck();
    if (err !== undefined) return Promise.reject(err);
    const socket = this.#socket;
    socket.cork();
    for (const chunk of chunks) {
      if (typeof chunk === 'string') socket.write(chunk, 'utf8');
      else socket.write(chunk);
    }
    socket.uncork();
    if (!socket.writableNeedDrain) return RESOLVED;
    return this.#parkWrite();
  }

  /** {@inheritDoc Conn.closeWrite} */
  closeWrite(): Promise<void> {
    if (this.#closed) return Promise.reject(new ClosedError('closeWrite'));
    if (this.#writeShut) return RESOLVED;
    this.#writeShut = true;
    return new Promise((resolve, reject) => {
      this.#socket.end((err?: Error | null) => {
        if (err === undefined || err === null) resolve();
        else reject(new SocketError('closeWrite', err));
      });
    });
  }

  /** {@inheritDoc Conn.close} */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#rd.dispose();
    this.#wd.dispose();
    this.#queue = [];
    this.#head = 0;
    this.#queued = 0;
    this.#failReaders(new ClosedError('read'));
    this.#failWriters(new ClosedError('write'));
    this.#wake();
    const socket = this.#socket;
    if (socket.destroyed) return;
    if (this.#lingerMs === 0) {
      try {
        socket.resetAndDestroy();
      } catch {
        // A pipe has no reset to send (node throws ERR_INVALID_HANDLE_TYPE): it is just closed.
        socket.destroy();
      }
      return;
    }
    if (socket.writableLength === 0) {
      socket.destroy();
      return;
    }
    // Let accepted bytes drain (reading and dropping what arrives meanwhile), then destroy.
    socket.resume();
    const linger = setTimeout(() => socket.destroy(), this.#lingerMs).unref();
    socket.once('close', () => {
      clearTimeout(linger);
    });
    if (this.#writeShut) socket.once('finish', () => socket.destroy());
    else socket.end(() => socket.destroy());
  }

  /** {@inheritDoc Conn.setDeadline} */
  setDeadline(t: DeadlineTime): void {
    const at = deadlineMillis(t);
    if (this.closed) return;
    this.#rd.set(at);
    this.#wd.set(at);
  }

  /** {@inheritDoc Conn.setReadDeadline} */
  setReadDeadline(t: DeadlineTime): void {
    const at = deadlineMillis(t);
    if (!this.closed) this.#rd.set(at);
  }

  /** {@inheritDoc Conn.setWriteDeadline} */
  setWriteDeadline(t: DeadlineTime): void {
    const at = deadlineMillis(t);
    if (!this.closed) this.#wd.set(at);
  }

  /** {@inheritDoc Pollable.setLinger} The default is the `lingerMs` option (5000). */
  setLinger(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`invalid linger: ${String(ms)}`);
    this.#lingerMs = ms;
  }

  /** {@inheritDoc Conn.setNoDelay} */
  setNoDelay(noDelay = true): void {
    this.#socket.setNoDelay(noDelay);
  }

  #writeCheck(): NetError | undefined {
    if (this.#closed) return new ClosedError('write');
    if (this.#wd.expired) return new DeadlineExceededError('write');
    if (this.#writeError !== undefined) return this.#writeError;
    if (this.#writeShut) return new SocketError('write', brokenPipe());
    return undefined;
  }

  #parkWrite(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#writers.push({ resolve, reject });
    });
  }

  /** Takes the next bytes off the queue: the whole front chunk, or what fits in `buf`. */
  #take(buf: Uint8Array | undefined): Uint8Array {
    const front = this.#queue[this.#head]!;
    let out: Uint8Array;
    if (buf === undefined || buf.length >= front.length) {
      this.#queue[this.#head++] = EMPTY;
      if (this.#head === this.#queue.length) {
        this.#queue.length = 0;
        this.#head = 0;
      }
      if (buf === undefined) {
        out = front;
      } else {
        buf.set(front);
        out = buf.subarray(0, front.length);
      }
    } else {
      buf.set(front.subarray(0, buf.length));
      this.#queue[this.#head] = front.subarray(buf.length);
      out = buf;
    }
    this.#queued -= out.length;
    if (this.#paused && this.#queued < this.#readHwm) {
      this.#paused = false;
      this.#socket.resume();
    }
    return out;
  }

  #push(chunk: Uint8Array): void {
    this.#queue.push(chunk);
    this.#queued += chunk.length;
    if (this.#queued > this.#readHwm && !this.#paused) {
      this.#paused = true;
      this.#socket.pause();
    }
  }

  #wake(): void {
    const cb = this.#notify;
    if (cb === null) return;
    this.#notify = null;
    cb();
  }

  #failReaders(err: unknown): void {
    const readers = this.#readers;
    if (readers.length === 0) return;
    this.#readers = [];
    for (const r of readers) r.reject(err);
  }

  #failWriters(err: unknown): void {
    const writers = this.#writers;
    if (writers.length === 0) return;
    this.#writers = [];
    for (const w of writers) w.reject(err);
  }

  readonly #onData = (chunk: Buffer): void => {
    if (this.#closed) return;
    this.#push(chunk);
    // Parked readers exist only while the queue was empty: serve them in call order.
    while (this.#readers.length > 0 && this.#queued > 0) {
      const r = this.#readers.shift()!;
      r.resolve(this.#take(r.buf));
    }
    if (this.#queued > 0) this.#wake();
  };

  readonly #onEnd = (): void => {
    this.#eof = true;
    const readers = this.#readers;
    this.#readers = [];
    for (const r of readers) r.resolve(null);
    this.#wake();
  };

  /**
   * The error a read or write fails with after the socket reported `err`: a SocketError. A
   * connection layered on the socket (TLSConn) names its own failures here.
   */
  protected socketError(op: 'read' | 'write', err: Error): NetError {
    return new SocketError(op, err);
  }

  readonly #onError = (err: Error): void => {
    if (this.#closed) return;
    this.#readError ??= this.socketError('read', err);
    this.#writeError ??= this.socketError('write', err);
    this.#failReaders(this.#readError);
    this.#failWriters(this.#writeError);
    this.#wake();
  };

  readonly #onClose = (): void => {
    this.#rd.dispose();
    this.#wd.dispose();
    if (this.#closed) return;
    // Destroyed under us without an error: the stream is over in both directions.
    this.#writeError ??= new SocketError('write', brokenPipe());
    this.#failWriters(this.#writeError);
    this.#onEnd();
  };

  readonly #onDrain = (): void => {
    const writers = this.#writers;
    if (writers.length === 0) return;
    this.#writers = [];
    for (const w of writers) w.resolve();
  };

  readonly #expireRead = (): void => {
    this.#failReaders(new DeadlineExceededError('read'));
    this.#wake();
  };

  readonly #expireWrite = (): void => {
    this.#failWriters(new DeadlineExceededError('write'));
  };
}

const EMPTY = new Uint8Array(0);

function brokenPipe(): Error & { code: string } {
  return Object.assign(new Error('broken pipe'), { code: 'EPIPE' });
}
