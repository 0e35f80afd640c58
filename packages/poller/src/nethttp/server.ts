// Go's http.Server: an address, a handler and Go's timeouts and limits, served by the netpoll
// transport.
import type { Handler, ServerHandle } from '../http/handler.js';
import { netpollTransport } from '../http/netpoll.js';
import type { TransportOptions } from '../http/options.js';
import { defaultServeMux } from './default-mux.js';

/** The fields of a Server, Go's names; durations in milliseconds, 0 for the default. */
export interface ServerInit {
  /** `host:port` to listen on; `:8080` (or '') for every interface; port 0 picks one. */
  addr?: string;
  /** The handler; null serves {@link defaultServeMux}. */
  handler?: Handler | null;
  /** The most time to read a whole request, header and body (the transport's `requestTimeout`). */
  readTimeout?: number;
  /** The most time to read a request's header section; 0 uses readTimeout (`headerTimeout`). */
  readHeaderTimeout?: number;
  /** The most time a write may wait for a client not reading (the transport's `sendTimeout`). */
  writeTimeout?: number;
  /** The most time a keep-alive connection may sit idle; 0 uses readTimeout (`idleTimeout`). */
  idleTimeout?: number;
  /** The most bytes of request line and header section (`maxHeaderBytes`). */
  maxHeaderBytes?: number;
}

/** Splits Go's `host:port` address; an empty host is every interface. */
function splitAddr(addr: string): { host: string | undefined; port: number } {
  const i = addr.lastIndexOf(':');
  const host = (i < 0 ? '' : addr.slice(0, i)).replace(/^\[(.*)\]$/, '$1');
  const port = i < 0 || addr.slice(i + 1) === '' ? 80 : Number(addr.slice(i + 1));
  return { host: host === '' ? undefined : host, port };
}

/**
 * An HTTP server with Go's field names. Unlike Go's, listenAndServe() does not block: it
 * resolves once the server listens, with its bound address; shutdown() stops it gracefully.
 */
export class Server implements ServerInit {
  addr = '';
  handler: Handler | null = null;
  readTimeout = 0;
  readHeaderTimeout = 0;
  writeTimeout = 0;
  idleTimeout = 0;
  maxHeaderBytes = 0;
  #handle: ServerHandle | null = null;

  constructor(init: ServerInit = {}) {
    Object.assign(this, init);
  }

  /** The transport options the fields stand for. */
  transportOptions(): TransportOptions {
    const o: TransportOptions = {};
    const headerTimeout = this.readHeaderTimeout || this.readTimeout;
    const idle = this.idleTimeout || this.readTimeout;
    if (this.readTimeout > 0) o.requestTimeout = this.readTimeout;
    if (headerTimeout > 0) o.headerTimeout = headerTimeout;
    if (this.writeTimeout > 0) o.sendTimeout = this.writeTimeout;
    if (idle > 0) o.idleTimeout = idle;
    if (this.maxHeaderBytes > 0) o.maxHeaderBytes = this.maxHeaderBytes;
    return o;
  }

  /** Listens on `addr` and serves; resolves with the running server once it listens. */
  async listenAndServe(): Promise<ServerHandle> {
    if (this.#handle !== null) throw new Error('http: Server already listening');
    const { host, port } = splitAddr(this.addr);
    const handler = this.handler ?? defaultServeMux;
    this.#handle = await netpollTransport(this.transportOptions()).serve(handler, { host, port });
    return this.#handle;
  }

  /**
   * Stops accepting, lets requests in flight finish and closes idle connections (Go's
   * `Shutdown`). When `signal` aborts first, the connections left are closed at once and the
   * promise rejects with the signal's reason.
   */
  async shutdown(signal?: AbortSignal): Promise<void> {
    const h = this.#handle;
    if (h === null) return;
    signal?.throwIfAborted();
    const graceful = h.close({ graceful: true, timeout: 2 ** 31 - 1 });
    if (signal === undefined) return graceful;
    let onAbort: () => void = () => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        void h.close({ graceful: false });
        const reason: unknown = signal.reason;
        reject(reason instanceof Error ? reason : new Error(String(reason)));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([graceful, aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Closes the server and every connection at once (Go's `Close`). */
  close(): Promise<void> {
    return this.#handle === null ? Promise.resolve() : this.#handle.close({ graceful: false });
  }
}

/**
 * Listens on `addr` and serves `handler` (the default mux when absent), as Go's
 * `http.ListenAndServe`; resolves with the running server once it listens.
 */
export function listenAndServe(addr: string, handler?: Handler | null): Promise<ServerHandle> {
  return new Server({ addr, handler: handler ?? null }).listenAndServe();
}
