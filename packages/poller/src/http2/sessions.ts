// The HTTP/2 sessions (connections) of one server and their timers: a new connection must open
// its first stream within headerTimeout, an idle one (no open stream) is closed after
// idleTimeout, and a graceful close sends GOAWAY to each and waits for its streams. A TLS
// session's ConnectionState and every session's peer are read as it begins, for its requests.
import type { Http2Session, ServerHttp2Session } from 'node:http2';
import { servedConnectionState } from '../tls/state.js';
import { connectionPeer } from '../adapter/remote-addr.js';

/** The timeouts the sessions are held to, in milliseconds. */
export interface SessionTimeouts {
  /** A new session with no stream yet is closed after this. */
  readonly headerTimeout: number;
  /** A session with no open stream is closed after this. */
  readonly idleTimeout: number;
}

/** Every live session of a server, with its idle timer. */
export class Sessions {
  readonly #timeouts: SessionTimeouts;
  readonly #live = new Map<Http2Session, SessionTimer>();
  #closing = false;

  constructor(timeouts: SessionTimeouts) {
    this.#timeouts = timeouts;
  }

  /** How many sessions are open. */
  get size(): number {
    return this.#live.size;
  }

  /** node:http2's 'session' listener: tracks the session until it closes. */
  readonly onSession = (session: ServerHttp2Session): void => {
    // Read now, while the socket is open: Request.tls and Request.remoteAddr of its streams.
    if (session.encrypted === true) servedConnectionState(session.socket, session);
    connectionPeer(session, session.socket);
    if (this.#closing) {
      session.close();
      return;
    }
    const timer = new SessionTimer(session, this.#timeouts);
    this.#live.set(session, timer);
    session.once('close', () => {
      timer.stop();
      this.#live.delete(session);
    });
    // A session error (a protocol violation, a reset socket) ends the session; it must not
    // become an uncaught exception.
    session.on('error', () => undefined);
  };

  /**
   * Graceful: GOAWAY to every session, each closed once its open streams end. Not graceful:
   * every session destroyed now (its streams' signals abort).
   */
  close(graceful: boolean): void {
    this.#closing = true;
    for (const [session, timer] of this.#live) {
      timer.stop();
      if (graceful) session.close();
      else session.destroy();
    }
  }
}

/** The header and idle timeouts of one session: armed while it has no open stream. */
class SessionTimer {
  readonly #session: ServerHttp2Session;
  readonly #idleTimeout: number;
  #open = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(session: ServerHttp2Session, timeouts: SessionTimeouts) {
    this.#session = session;
    this.#idleTimeout = timeouts.idleTimeout;
    this.#arm(timeouts.headerTimeout);
    session.on('stream', (stream) => {
      this.#open++;
      this.stop();
      stream.once('close', () => {
        if (--this.#open === 0 && !session.closed) this.#arm(this.#idleTimeout);
      });
    });
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(ms: number): void {
    this.stop();
    if (ms <= 0) return;
    this.#timer = setTimeout(() => {
      // GOAWAY, then the close: the client knows no stream was lost.
      this.#session.close();
    }, ms);
    this.#timer.unref();
  }
}
