// TLSConn: a Conn over node:tls's TLSSocket (Go's tls.Conn). A TLSSocket is a node:net Socket
// whose reads and writes are the decrypted stream, so the connection is a TCPConn over it, with
// the same queue, backpressure and deadlines; this class adds what TLS has beyond a stream: the
// handshake, its failures named as TLS errors, and the state the handshake agreed on.
import type { TLSSocket } from 'node:tls';
import type { DeadlineTime } from '../net/conn.js';
import { Deadline, deadlineMillis, systemClock } from '../net/deadline.js';
import { ClosedError, DeadlineExceededError, type NetError } from '../net/errors.js';
import { TCPConn, type TCPConnOptions } from '../net/tcp-conn.js';
import { clientAuthFailure, clientCertificateOf } from './client-auth.js';
import type { ClientAuthType, ConnectionState } from './config.js';
import { HandshakeError } from './errors.js';
import { handshakeFailure } from './failure.js';
import { connectionStateOf, receivedServerName } from './state.js';

/** Options of a `TLSConn`: the TCPConn's, and which side of the handshake it is. */
export interface TLSConnOptions extends TCPConnOptions {
  /** True for the accepting side (Go's `tls.Server`), false for the dialing one (`tls.Client`). */
  isServer: boolean;
  /** Server: the client-certificate policy, checked again once the handshake completes. Default `none`. */
  clientAuth?: ClientAuthType;
  /** Client: the host name it sent as SNI ('' for none), reported by `connectionState()`. */
  serverName?: string;
}

interface HandshakeWaiter {
  resolve(): void;
  reject(err: unknown): void;
}

type Phase = 'handshaking' | 'done' | 'failed';

/**
 * A TLS connection (Go's `tls.Conn`): a {@link TCPConn} over a TLSSocket, hence a `Conn` with
 * the `Pollable` members and deadlines, plus `handshake()` and `connectionState()`.
 *
 * The handshake runs on its own from the moment the connection exists; reads wait for it and
 * writes are sent once it completes, so `handshake()` is needed only to learn its outcome (or
 * the state) first. A failed handshake fails `handshake()`, and every read and write after it,
 * with `HandshakeError` or `CertificateVerificationError`.
 */
export class TLSConn extends TCPConn {
  readonly #tls: TLSSocket;
  readonly #isServer: boolean;
  readonly #clientAuth: ClientAuthType;
  readonly #serverName: string;
  /** The handshake's own deadline: the read deadline, since a handshake waits on the peer. */
  readonly #hd: Deadline;
  #phase: Phase = 'handshaking';
  /** The state read when the handshake completed: a destroyed socket no longer knows it. */
  #state: ConnectionState | undefined;
  #failure: NetError | undefined;
  #waiters: HandshakeWaiter[] = [];

  /**
   * Takes ownership of `socket`, a TLSSocket whose handshake has not completed: a server's made
   * with `new TLSSocket(raw, { isServer: true, ... })`, a client's with `tls.connect`.
   */
  constructor(socket: TLSSocket, options: TLSConnOptions) {
    super(socket, options);
    this.#tls = socket;
    this.#isServer = options.isServer;
    this.#clientAuth = options.clientAuth ?? 'none';
    this.#serverName = options.serverName ?? '';
    this.#hd = new Deadline(options.clock ?? systemClock, this.#expireHandshake);
    // A client's 'secureConnect' comes after node verified the server; a server's 'secure' ends its handshake.
    socket.once(this.#isServer ? 'secure' : 'secureConnect', this.#onSecure);
    socket.once('close', this.#onSocketClose);
  }

  /**
   * Waits for the handshake (Go's `Handshake`): resolves once it completed (at once if it
   * has), rejects with `HandshakeError` or `CertificateVerificationError` when it failed,
   * `DeadlineExceededError` when the read deadline passes first (the handshake goes on: extend
   * the deadline and wait again, or close), and `ClosedError` after `close()`.
   */
  handshake(): Promise<void> {
    if (this.#phase === 'done') return Promise.resolve();
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    if (this.closed) return Promise.reject(new ClosedError('handshake'));
    if (this.#hd.expired) return Promise.reject(new DeadlineExceededError('handshake'));
    return new Promise((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
    });
  }

  /**
   * The negotiated state (Go's `ConnectionState`); see {@link ConnectionState}. Read once, when
   * the handshake completes, and kept: the same frozen object on every call, after close() too.
   */
  connectionState(): ConnectionState {
    if (this.#state !== undefined) return this.#state;
    const serverName = this.#isServer ? receivedServerName(this.#tls) : this.#serverName;
    return { handshakeComplete: false, version: '', cipherSuite: '', negotiatedProtocol: '', serverName, didResume: false, peerCertificates: [], verified: false };
  }

  /** {@inheritDoc Conn.close} A handshake still awaited fails with `ClosedError`. */
  override close(): void {
    super.close();
    this.#hd.dispose();
    this.#settle(new ClosedError('handshake'));
  }

  /** {@inheritDoc Conn.setDeadline} The read deadline also bounds `handshake()`. */
  override setDeadline(t: DeadlineTime): void {
    super.setDeadline(t);
    this.#setHandshakeDeadline(t);
  }

  /** {@inheritDoc Conn.setReadDeadline} It also bounds `handshake()`. */
  override setReadDeadline(t: DeadlineTime): void {
    super.setReadDeadline(t);
    this.#setHandshakeDeadline(t);
  }

  /** Before the handshake completes, a socket error is the handshake's failure. */
  protected override socketError(op: 'read' | 'write', err: Error): NetError {
    if (this.#phase === 'done') return super.socketError(op, err);
    if (this.#failure === undefined) this.#settle(handshakeFailure(this.#tls, err));
    return this.#failure ?? super.socketError(op, err);
  }

  #setHandshakeDeadline(t: DeadlineTime): void {
    if (this.#phase === 'handshaking' && !this.closed) this.#hd.set(deadlineMillis(t));
  }

  /** Settles the handshake: done without `failure`, failed with it. Later calls do nothing. */
  #settle(failure: NetError | undefined): void {
    if (this.#phase !== 'handshaking') return;
    this.#hd.dispose();
    this.#phase = failure === undefined ? 'done' : 'failed';
    this.#failure = failure;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) {
      if (failure === undefined) w.resolve();
      else w.reject(failure);
    }
  }

  readonly #onSecure = (): void => {
    // A connection closed meanwhile has failed its handshake already.
    if (this.#phase !== 'handshaking') return;
    let refused: NetError | undefined;
    let clientVerified = false;
    if (this.#isServer) {
      const client = clientCertificateOf(this.#tls);
      clientVerified = client.verified;
      refused = clientAuthFailure(this.#clientAuth, client);
    }
    if (refused === undefined) {
      this.#state = connectionStateOf(this.#tls, { isServer: this.#isServer, serverName: this.#serverName, clientVerified });
      this.#settle(undefined);
      return;
    }
    this.#settle(refused);
    this.#tls.destroy(refused);
  };

  readonly #onSocketClose = (): void => {
    this.#settle(new HandshakeError('connection closed before the handshake completed'));
  };

  readonly #expireHandshake = (): void => {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w.reject(new DeadlineExceededError('handshake'));
  };
}
