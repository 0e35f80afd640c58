// nodeTransport(): node:http adapted to the HTTP contract.
import type { Handler, ServeOptions, ServerHandle, Transport } from '../http/handler.js';
import { resolveTransportOptions, type ResolvedTransportOptions, type TransportOptions } from '../http/options.js';
import { printError, type HandlerErrorReporter } from '../adapter/error-reporter.js';
import { NodeServer } from './server.js';
import type { TLSConfig } from '../tls/config.js';
import { ServerSecureContext } from '../tls/server-context.js';

/** The ALPN protocols of an HTTPS server unless its config names its own. */
const HTTP_PROTOS: readonly string[] = ['http/1.1'];

/** Options of the node transport: the shared limits, timeouts and methods, and error reporting. */
export interface NodeTransportOptions extends TransportOptions {
  /**
   * Called with what a handler throws (or rejects with) before the transport answers it, as an
   * HttpError (`ERR_HTTP_HANDLER_FAILED` around anything else, with the thrown value as `cause`) —
   * except an HttpError with a 4xx status (a client error the handler passed on, answered with
   * that status) and a write failing because the client left or was dropped — and with errors
   * of the listening socket (then without a request). Default: prints it to stderr, as Go's
   * server logs a handler panic or an accept error.
   */
  onHandlerError?: HandlerErrorReporter;
  /**
   * Serve HTTPS with node:https under this config, with the same limits, rules and `hijack()`
   * (which gives the TLS connection). ALPN offers `nextProtos`, by default `['http/1.1']`.
   * Default: cleartext HTTP.
   */
  tls?: TLSConfig;
}

/** The node transport: serves a Handler with node:http. */
export class NodeTransport implements Transport {
  readonly #options: ResolvedTransportOptions;
  readonly #report: HandlerErrorReporter;
  readonly #tls: TLSConfig | undefined;

  /** Throws TLSConfigError for a `tls` config that cannot work. */
  constructor(options: NodeTransportOptions = {}) {
    this.#options = resolveTransportOptions(options);
    this.#report = options.onHandlerError ?? printError;
    this.#tls = options.tls;
    if (options.tls !== undefined) new ServerSecureContext(options.tls, HTTP_PROTOS);
  }

  /** {@inheritDoc Transport.serve} */
  serve(handler: Handler, options: ServeOptions = {}): Promise<ServerHandle> {
    const tls = this.#tls === undefined ? undefined : new ServerSecureContext(this.#tls, HTTP_PROTOS);
    return NodeServer.start(handler, options, this.#options, this.#report, tls);
  }
}

/**
 * node:http adapted to the Handler contract, with the shared limits and timeouts where node:http
 * has them (see the README's "node transport" section for what differs from netpoll).
 */
export function nodeTransport(options?: NodeTransportOptions): Transport {
  return new NodeTransport(options);
}
