// The net layer's contracts: Addr, Conn and Listener, with what each method guarantees. The
// implementations (TCPConn, TcpListener) live beside this file; nothing here has behaviour.
//
// The model is Go's: a Conn sits on a per-socket descriptor (Go's pollDesc) that parks an
// awaited read until libuv's epoll delivers bytes, and parks a write until the socket drains.
// Deadlines unpark either side with DeadlineExceededError.

/** A network endpoint address (Go's `net.Addr`). */
export interface Addr {
  /** The network name: `tcp` or `unix` (as Go reports it, `tcp4`/`tcp6` dials report `tcp`). */
  readonly network: string;
  /** The address in Go's form: `127.0.0.1:8080`, `[::1]:8080`, or a unix socket path. */
  toString(): string;
}

/**
 * An absolute deadline: a `Date` or milliseconds since the epoch. `null`, `undefined`, `0` and
 * a `Date` at the epoch clear it (Go's zero `time.Time`).
 */
export type DeadlineTime = Date | number | null | undefined;

/**
 * A full-duplex byte stream (Go's `net.Conn`).
 *
 * Invariants:
 * - Reads are ordered and never lose bytes: what `read` does not return stays queued.
 * - A read settles at once (an already-resolved promise) while bytes are queued; it parks only
 *   on an empty queue. Several pending reads are served in call order.
 * - A deadline is absolute and applies to pending and future operations of its direction; it
 *   can be set again at any time to extend, shorten or clear it. While it is in the past every
 *   operation of that direction fails at once with `DeadlineExceededError`, queued data or
 *   not, exactly as Go's poller does. A timeout never closes the connection.
 * - While no deadline is set no timer exists; while one is set, at most one timer exists per
 *   direction.
 * - After `close()` every parked operation rejects with `ClosedError`, and so does every later
 *   one. `close` is idempotent.
 * - Receiving is flow-controlled: while more than the read high-water mark is queued the socket
 *   stops reading, so the kernel window fills and the peer's writes stall (TCP backpressure).
 */
export interface Conn {
  /**
   * Reads the next bytes. Without `buf`, resolves with the next queued chunk as the socket
   * delivered it (no copy). With `buf`, copies up to `buf.length` bytes into it and resolves
   * with the filled `buf.subarray(0, n)`; the rest stays queued. Resolves with `null` at end of
   * stream (the peer half-closed), and again on every later read.
   * Rejects with `DeadlineExceededError`, `ClosedError` or `SocketError`.
   */
  read(buf?: Uint8Array): Promise<Uint8Array | null>;

  /**
   * The synchronous fast path of `read()` without a buffer: the next queued chunk (no copy),
   * `null` at end of stream, or `undefined` when a read would park. Throws what `read` would
   * reject with. Lets a parser drain everything queued without one promise per chunk.
   */
  tryRead(): Uint8Array | null | undefined;

  /**
   * Writes `bytes`. Resolves at once while the socket's unsent bytes stay below its write
   * high-water mark, otherwise when the socket drains (backpressure). Rejects with
   * `DeadlineExceededError` when the write deadline passes while parked (the bytes stay queued
   * and are still sent, as a Go write that timed out may have written part of its buffer),
   * `ClosedError`, or `SocketError`. Never copies `bytes`: do not mutate them until it settles.
   */
  write(bytes: Uint8Array): Promise<void>;

  /**
   * Writes several chunks as one batch: the socket is corked around them, so they leave in one
   * `writev` system call. Settles like `write`.
   */
  writev(chunks: readonly Uint8Array[]): Promise<void>;

  /**
   * Half-closes: sends FIN once queued bytes are written; reading continues. Resolves when the
   * write side is shut. Later writes reject with `SocketError` (`EPIPE`).
   */
  closeWrite(): Promise<void>;

  /**
   * Closes the connection. Parked and later operations reject with `ClosedError`. Bytes already
   * accepted by `write` are still sent (as the kernel does for a closed Go socket) before the
   * socket is destroyed, within a bounded linger time.
   */
  close(): void;

  /** True once `close()` was called or the socket was destroyed. */
  readonly closed: boolean;

  /** The local address. */
  readonly localAddr: Addr;
  /** The peer's address. */
  readonly remoteAddr: Addr;

  /** Bytes received and queued, not yet read. */
  readonly readBuffered: number;
  /** Bytes accepted by `write` and not yet handed to the kernel. */
  readonly writeBuffered: number;

  /**
   * Sets the read and the write deadline (Go's `SetDeadline`). On a closed connection the
   * deadline setters do nothing (and arm no timer). A `t` that is not a valid time throws a
   * `RangeError`.
   */
  setDeadline(t: DeadlineTime): void;
  /** Sets the deadline of pending and future reads. */
  setReadDeadline(t: DeadlineTime): void;
  /** Sets the deadline of pending and future writes. */
  setWriteDeadline(t: DeadlineTime): void;

  /**
   * Disables (true, the default, as in Go) or enables Nagle's algorithm. A no-op on unix
   * sockets.
   */
  setNoDelay(noDelay?: boolean): void;
}

/**
 * What a Conn may offer beyond the contract, so that a server loop serving many connections
 * waits for input without a promise per read and writes text without a Buffer per write (Go's
 * netpoll `Connection` in spirit). Optional: `pollable(conn)` gives any Conn these members,
 * taking a Conn's own when it has them. `TCPConn` and `TLSConn` implement them; the HTTP server
 * uses nothing else, so every Conn it serves takes the same read and write path.
 */
export interface Pollable {
  /**
   * Calls `cb` once, the next time a read would not park: bytes arrive, the stream ends or
   * fails, the connection closes or the read deadline passes (in a microtask when that is
   * already so). The caller then takes what is ready with `tryRead()`, which throws what a read
   * would reject with. A later call replaces a callback not yet called; `read()` is unaffected.
   */
  onReadable(cb: () => void): void;

  /**
   * Writes `text` encoded as UTF-8, settling like `write`. The encoding may happen as the bytes
   * go to the socket, with no Buffer made for them first.
   */
  writeText(text: string): Promise<void>;

  /** `Conn.writev` that also takes strings, written encoded as UTF-8. */
  writev(chunks: readonly (Uint8Array | string)[]): Promise<void>;

  /**
   * How `close()` treats bytes `write` accepted that have not left yet, as Go's
   * `TCPConn.SetLinger`: with `ms` > 0 they get that many milliseconds to drain; with 0 they are
   * discarded and the connection closed at once (with a reset where TCP has one). A Conn that
   * cannot discard them ignores it. Throws a `RangeError` for a negative or non-finite `ms`.
   */
  setLinger(ms: number): void;
}

/** A Conn with the {@link Pollable} members. */
export type PollableConn = Conn & Pollable;

/**
 * A stream listener (Go's `net.Listener`), also an async iterable of accepted connections.
 *
 * Invariants:
 * - Connections are handed out in arrival order, each exactly once; a connection is not read
 *   from until it is accepted, so its bytes wait in the kernel.
 * - After `close()` the listening socket is released, pending `accept()` calls reject with
 *   `ClosedError`, connections accepted by no one are closed, and iteration ends. Connections
 *   already accepted are not affected. `close` is idempotent.
 */
export interface Listener extends AsyncIterable<Conn> {
  /** Waits for and returns the next connection; rejects with `ClosedError` once closed. */
  accept(): Promise<Conn>;
  /** Stops listening; resolves when the listening socket is released. */
  close(): Promise<void>;
  /** The bound address (with the port the system chose for `:0`). */
  readonly addr: Addr;
}
