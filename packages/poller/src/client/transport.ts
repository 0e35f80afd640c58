// ClientTransport: Go's http.Transport on the poller's own stack. Connections come from the net
// layer's dial, requests and responses go through the strict HTTP/1.1 parser in response mode,
// and keep-alive connections are pooled per host.
import { dial as netDial, type DialOptions } from '../net/dial.js';
import type { Conn } from '../net/conn.js';
import type { TLSConfig } from '../tls/config.js';
import { dial as tlsDial } from '../tls/dial.js';
import { ClientError, opName } from './errors.js';
import { Exchange, toClientError, type ExchangeConfig } from './exchange.js';
import { IdlePool } from './idle-pool.js';
import { PersistConn } from './persist-conn.js';
import type { ClientRequest } from './request.js';
import type { ClientResponse } from './response.js';

/** Sends one request and returns its response (Go's `http.RoundTripper`); redirects and cookies are the Client's. */
export interface RoundTripper {
  roundTrip(req: ClientRequest): Promise<ClientResponse>;
}

/** Makes a connection (Go's `Transport.DialContext`): `network` is `tcp`, `address` is `host:port`. */
export type DialFunc = (network: string, address: string, options: DialOptions) => Promise<Conn>;

/**
 * Makes a TLS connection whose handshake completed (Go's `Transport.DialTLSContext`), with the
 * transport's TLS config; `address` is `host:port`, whose host is the server name to verify
 * unless the config names one.
 */
export type DialTLSFunc = (network: string, address: string, config: TLSConfig, options: DialOptions) => Promise<Conn>;

/** The ALPN protocol an https connection of the transport offers: it speaks HTTP/1.1 only. */
const HTTP1_PROTOS: readonly string[] = ['http/1.1'];

/** Options of {@link ClientTransport}; durations in milliseconds. */
export interface ClientTransportOptions {
  /** Idle keep-alive connections kept per host (Go's `MaxIdleConnsPerHost`). Default 2. */
  maxIdleConnsPerHost?: number;
  /** How long an idle connection is kept before it is closed (Go's `IdleConnTimeout`); 0 keeps it. Default 90000. */
  idleConnTimeout?: number;
  /** One connection per request, closed after it (Go's `DisableKeepAlives`). Default false. */
  disableKeepAlives?: boolean;
  /**
   * How long a request with `Expect: 100-continue` waits for the server's go-ahead before it
   * sends its body anyway (Go's `ExpectContinueTimeout`); 0 sends the body at once. Default 1000.
   */
  expectContinueTimeout?: number;
  /** How long to wait for the response head once the request is written (Go's `ResponseHeaderTimeout`); 0: no limit. Default 0. */
  responseHeaderTimeout?: number;
  /** The most bytes in a response's status line and header section (Go's `MaxResponseHeaderBytes`). Default 1 MiB (1048576). */
  maxResponseHeaderBytes?: number;
  /** How long a dial may take (Go's `Dialer.Timeout`). Default 30000. */
  dialTimeout?: number;
  /** Makes connections. Default: the net layer's `dial`. */
  dial?: DialFunc;
  /**
   * The TLS config of `https://` connections (Go's `TLSClientConfig`): `rootCAs` to trust,
   * `insecureSkipVerify`, `serverName` (default: the URL's host), client `certificates`,
   * versions. ALPN offers `http/1.1` unless `nextProtos` names it among others. Default: node's
   * roots, the URL's host.
   */
  tlsClientConfig?: TLSConfig;
  /** Makes `https://` connections, handshake included (Go's `DialTLSContext`). Default: `tls.dial`. */
  dialTLS?: DialTLSFunc;
}

/** Go's `http.Transport`: sends requests over pooled HTTP/1.1 connections. */
export class ClientTransport implements RoundTripper {
  readonly #pool: IdlePool;
  readonly #dial: DialFunc;
  readonly #dialTLS: DialTLSFunc;
  readonly #tls: TLSConfig;
  readonly #dialTimeout: number;
  readonly #maxHeaderBytes: number;
  readonly #cfg: ExchangeConfig;

  constructor(options: ClientTransportOptions = {}) {
    this.#pool = new IdlePool(options.maxIdleConnsPerHost ?? 2, options.idleConnTimeout ?? 90_000);
    this.#dial = options.dial ?? netDial;
    this.#dialTLS = options.dialTLS ?? tlsDial;
    const tls = options.tlsClientConfig ?? {};
    this.#tls = tls.nextProtos?.includes('http/1.1') === true ? tls : { ...tls, nextProtos: HTTP1_PROTOS };
    this.#dialTimeout = options.dialTimeout ?? 30_000;
    this.#maxHeaderBytes = options.maxResponseHeaderBytes ?? 1_048_576;
    const pool = this.#pool;
    const disableKeepAlives = options.disableKeepAlives ?? false;
    this.#cfg = {
      disableKeepAlives,
      expectContinueTimeout: options.expectContinueTimeout ?? 1000,
      responseHeaderTimeout: options.responseHeaderTimeout ?? 0,
      release(pc, reusable) {
        if (reusable && !disableKeepAlives) pool.put(pc, Date.now());
        else pc.close();
      },
    };
  }

  /** {@inheritDoc RoundTripper.roundTrip} */
  roundTrip(req: ClientRequest): Promise<ClientResponse> {
    return this.roundTripBefore(req, 0);
  }

  /**
   * roundTrip with an absolute deadline (epoch ms, 0 for none) on the connection for the whole
   * exchange, body included: how a Client's `timeout` reaches the transport.
   */
  async roundTripBefore(req: ClientRequest, deadline: number): Promise<ClientResponse> {
    const key = originKey(req);
    for (;;) {
      const pc = this.#pool.take(key, Date.now()) ?? (await this.#connect(req, key, deadline));
      const reused = pc.served > 0;
      try {
        return await new Exchange(pc, req, this.#cfg, deadline).run();
      } catch (err) {
        // A kept-alive connection the server closed as it was reused: try again on another, as Go does.
        if (reused && !pc.gotBytes && retryable(req, err)) continue;
        throw err;
      }
    }
  }

  /** Closes the idle connections (Go's `CloseIdleConnections`); connections in use are not affected. */
  closeIdleConnections(): void {
    this.#pool.closeAll();
  }

  /** The idle connections kept for `origin` (`http://host:port`), for tests and diagnostics. */
  idleConnections(origin: string): number {
    return this.#pool.count(origin);
  }

  async #connect(req: ClientRequest, key: string, deadline: number): Promise<PersistConn> {
    const options: DialOptions = {};
    let timeout = this.#dialTimeout;
    if (deadline > 0) timeout = Math.max(1, Math.min(timeout > 0 ? timeout : Infinity, deadline - Date.now()));
    if (timeout > 0) options.timeout = timeout;
    if (req.signal !== null) options.signal = req.signal;
    try {
      const address = dialAddress(req.url);
      const conn = req.url.protocol === 'https:' ? await this.#dialTLS('tcp', address, this.#tls, options) : await this.#dial('tcp', address, options);
      return new PersistConn(conn, key, this.#maxHeaderBytes);
    } catch (err) {
      const e = toClientError(err, req, req.signal?.aborted === true);
      if (deadline > 0 && Date.now() >= deadline && e.code === 'ERR_CLIENT_CONNECTION' && e.timeout()) {
        throw new ClientError('ERR_CLIENT_TIMEOUT', e.op, e.url, 'timeout exceeded while dialing', err);
      }
      throw e;
    }
  }
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

// Go's Request.isReplayable plus the error kinds it retries: nothing of a response arrived.
function retryable(req: ClientRequest, err: unknown): boolean {
  if (!(err instanceof ClientError)) return false;
  if (err.code !== 'ERR_CLIENT_CONNECTION_CLOSED' && err.code !== 'ERR_CLIENT_CONNECTION') return false;
  if (!req.replayable) return false;
  return IDEMPOTENT.has(req.method) || req.header.has('idempotency-key') || req.header.has('x-idempotency-key');
}

// The pool key and the dial address: scheme, host and port.
function originKey(req: ClientRequest): string {
  const u = req.url;
  if (u.protocol === 'http:' || u.protocol === 'https:') {
    if (u.hostname === '') throw new ClientError('ERR_CLIENT_INVALID_REQUEST', opName(req.method), u.href, 'no host in request URL');
    return `${u.protocol}//${dialAddress(u)}`;
  }
  throw new ClientError('ERR_CLIENT_UNSUPPORTED_PROTOCOL', opName(req.method), u.href, `unsupported protocol scheme ${JSON.stringify(u.protocol.slice(0, -1))}`);
}

function dialAddress(u: URL): string {
  const port = u.port !== '' ? u.port : u.protocol === 'https:' ? '443' : '80';
  return `${u.hostname}:${port}`;
}

/** The transport the package-level functions and a Client without one use (Go's `DefaultTransport`). */
export const defaultTransport = new ClientTransport();
