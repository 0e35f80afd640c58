// The ways an Engine is served: in memory (`inject`), as a Web-standard fetch handler, and over
// sockets on a transport, with the bookkeeping a graceful close needs.
import type { TLSConfig } from '@sloe/poller';
import type { Handler, ServerHandle, Transport } from './http/contract.js';
import { MemoryRequest, MemoryResponseWriter, type MemoryRequestInit } from './http/memory.js';
import { hostOf } from './request/client-ip.js';
import type { NamedTransportOptions, TransportName } from './transport.js';

/** Options of `inject()`: a request without a socket. */
export interface InjectOptions extends MemoryRequestInit {
  /** A JSON body: serialized, with `Content-Type: application/json`. */
  json?: unknown;
}

/** The response `inject()` resolves with. */
export interface InjectResponse {
  /** The status code. */
  status: number;
  /** The response headers, names in lower case; repeated ones joined with `, ` (Set-Cookie: see `cookies`). */
  headers: Record<string, string>;
  /** Every Set-Cookie value. */
  cookies: string[];
  /** The body as UTF-8 text. */
  body: string;
  /** The body bytes. */
  rawBody: Uint8Array;
  /** The body parsed as JSON. */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the type it expects
  json<T = unknown>(): T;
}

/** Options of `listen()`. */
export interface ListenOptions {
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to bind. Default: all interfaces. */
  host?: string;
  /** Listen backlog. Default the platform's. */
  backlog?: number;
  /**
   * `node` (node:http), `netpoll` (the poller's HTTP/1.1 server), `http2` (node:http2: TLS with
   * ALPN, or cleartext with `transportOptions.h2c`) or any Transport. Default `node`.
   */
  transport?: TransportName | Transport;
  /**
   * Limits, timeouts and methods for a named transport, and HTTP/2's settings for `http2`.
   * Default the poller's, except `maxBodyBytes`, which defaults to the largest body any route or
   * form type accepts.
   */
  transportOptions?: NamedTransportOptions;
  /**
   * Serve HTTPS (over HTTP/2 too with `http2`) with this TLS config, the poller's `TLSConfig`
   * (Go's `tls.Config`): `key` and `cert` (or `certificates`), `getCertificate` to pick one per
   * handshake by SNI, versions, client certificates. A named transport only. Default: cleartext
   * (`http2` then needs `transportOptions.h2c`).
   */
  tls?: TLSConfig;
  /**
   * Serve from this many worker processes (node:cluster) sharing the port, or `'auto'` (one per
   * CPU). The entry script runs again in each worker; in the primary `listen` resolves once every
   * worker listens. See the README's "Every core". Default: this process alone.
   */
  workers?: number | 'auto';
}

/** A listening server. */
export interface Listening {
  /** The bound port. */
  readonly port: number;
  /** The bound host (`127.0.0.1`, `::`). */
  readonly host: string;
  /** The bound address as `host:port`. */
  readonly address: string;
  /** Stops this server, draining in-flight requests first. */
  close(): Promise<void>;
  /**
   * Serves the connections accepted from now on with a new TLS config, without a restart (a
   * renewed certificate): node:tls's `server.setSecureContext`. Throws the poller's
   * TLSConfigError (`ERR_TLS_CONFIG`) for a config that cannot work (the old one stays) or on a
   * server without TLS. Absent in a cluster's primary process, whose workers each hold their
   * own server: call it in every worker.
   */
  setSecureContext?(config: TLSConfig): void;
}

/** Serves a request in memory, without a socket; resolves when the response has ended. */
export async function inject(handler: Handler, options: InjectOptions | string): Promise<InjectResponse> {
  const o = typeof options === 'string' ? { url: options } : options;
  let init: MemoryRequestInit = o;
  if (o.json !== undefined) {
    init = { ...o, body: JSON.stringify(o.json), headers: { 'content-type': 'application/json', ...(o.headers as Record<string, string> | undefined) } };
  }
  const w = new MemoryResponseWriter();
  await handler.serveHTTP(w, new MemoryRequest(init));
  await w.done;
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [k, v] of w.header()) {
    const name = k.toLowerCase();
    if (name === 'set-cookie') cookies.push(v);
    headers[name] = name in headers ? `${headers[name]}, ${v}` : v;
  }
  const rawBody = w.body();
  const body = Buffer.from(rawBody).toString('utf8');
  return { status: w.status, headers, cookies, body, rawBody, json: () => JSON.parse(body) as never };
}

/** Serves a Web-standard Request, resolving with a Response whose body streams (so SSE works). */
export async function fetchFrom(handler: Handler, request: globalThis.Request): Promise<globalThis.Response> {
  const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
  const headers: [string, string][] = [];
  request.headers.forEach((v, k) => headers.push([k, v]));
  const r = new MemoryRequest({ method: request.method, url: request.url, headers, body, signal: request.signal });
  const w = new MemoryResponseWriter();
  const head = new Promise<void>((resolve) => {
    w.onHead = resolve;
  });
  await Promise.race([head, w.done, handler.serveHTTP(w, r)]);
  const status = w.status;
  const out = new Headers();
  for (const [k, v] of w.header()) out.append(k, v);
  const nullBody = status === 204 || status === 304 || request.method === 'HEAD' || (status >= 100 && status < 200);
  const stream = nullBody
    ? null
    : new ReadableStream<Uint8Array>({
        start(controller) {
          const early = w.body();
          if (early.length > 0) controller.enqueue(early);
          w.onChunk = (chunk) => {
            controller.enqueue(chunk);
          };
          void w.done.then(() => {
            controller.close();
          });
        },
      });
  return new Response(stream, { status, headers: out });
}

/** What an Engine's servers have counted: see `app.stats()`. */
export interface EngineStats {
  /** Requests being served now, on every transport and through `inject`/`fetch`. */
  readonly inflight: number;
  /** Connections open now on the servers started with `listen` (hijacked ones excluded). */
  readonly connections: number;
  /** Connections those servers have accepted. */
  readonly accepted: number;
  /** Requests those servers refused as malformed, too large or against a rule, before any handler. */
  readonly parseErrors: number;
}

/**
 * The servers an Engine listens with and the requests it has in flight, so that `close()` can
 * stop accepting and then wait for the requests still running.
 */
export class Servers {
  #handles = new Set<ServerHandle>();
  // What closed servers counted, so totals do not go back when a server stops.
  #closedAccepted = 0;
  #closedParseErrors = 0;
  #inflight = 0;
  #idle: (() => void) | undefined;
  readonly #closeTimeout: number;

  /** Tracks servers closed within `closeTimeout` ms. */
  constructor(closeTimeout: number) {
    this.#closeTimeout = closeTimeout;
  }

  /** A request started. */
  begin(): void {
    this.#inflight++;
  }

  /** A request ended. */
  end(): void {
    if (--this.#inflight === 0) this.#idle?.();
  }

  /** The counts of every server and the requests in flight. */
  stats(): EngineStats {
    let connections = 0;
    let accepted = this.#closedAccepted;
    let parseErrors = this.#closedParseErrors;
    for (const h of this.#handles) {
      const s = h.stats?.();
      if (s === undefined) continue;
      connections += s.connections;
      accepted += s.accepted;
      parseErrors += s.parseErrors;
    }
    return { inflight: this.#inflight, connections, accepted, parseErrors };
  }

  #forget(handle: ServerHandle): void {
    if (!this.#handles.delete(handle)) return;
    const s = handle.stats?.();
    if (s === undefined) return;
    this.#closedAccepted += s.accepted;
    this.#closedParseErrors += s.parseErrors;
  }

  /** Serves `handler` on `transport` until the returned server, or all of them, are closed. */
  async listen(handler: Handler, transport: Transport, options: ListenOptions): Promise<Listening> {
    const handle = await transport.serve(handler, { port: options.port ?? 0, host: options.host, backlog: options.backlog });
    this.#handles.add(handle);
    const timeout = this.#closeTimeout;
    return {
      port: handle.port,
      host: hostOf(handle.address),
      address: handle.address,
      close: async () => {
        this.#forget(handle);
        await handle.close({ graceful: true, timeout });
      },
      setSecureContext: (config) => {
        if (handle.setSecureContext === undefined) throw new TypeError('listen: this transport cannot reload its TLS config');
        handle.setSecureContext(config);
      },
    };
  }

  /** Closes every server gracefully, then waits for the requests in flight, at most `closeTimeout`. */
  async close(): Promise<void> {
    const handles = [...this.#handles];
    for (const h of handles) this.#forget(h);
    await Promise.all(handles.map((h) => h.close({ graceful: true, timeout: this.#closeTimeout })));
    if (this.#inflight === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.#closeTimeout);
      this.#idle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.#idle = undefined;
  }
}
