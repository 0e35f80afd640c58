// http2Transport(): node:http2 adapted to the HTTP contract.
import type { Handler, ServeOptions, ServerHandle, Transport } from '../http/handler.js';
import { printError, type HandlerErrorReporter } from '../adapter/error-reporter.js';
import { resolveHttp2Options, type Http2TransportOptions, type ResolvedHttp2Options } from './options.js';
import { Http2TransportServer } from './server.js';

/** The HTTP/2 transport: serves a Handler with node:http2. */
export class Http2Transport implements Transport {
  readonly #options: ResolvedHttp2Options;
  readonly #report: HandlerErrorReporter;

  /** Throws a TypeError when `options` has neither `tls` nor `h2c: true`. */
  constructor(options: Http2TransportOptions) {
    this.#options = resolveHttp2Options(options);
    this.#report = options.onHandlerError ?? printError;
  }

  /** {@inheritDoc Transport.serve} */
  serve(handler: Handler, options: ServeOptions = {}): Promise<ServerHandle> {
    return Http2TransportServer.start(handler, options, this.#options, this.#report);
  }
}

/**
 * node:http2 adapted to the Handler contract: HTTP/2 over TLS (ALPN `h2`, and HTTP/1.1 for
 * clients that do not negotiate it, unless `allowHTTP1` is false), or cleartext h2c with prior
 * knowledge when `h2c` is true. The shared limits and timeouts apply, plus HTTP/2's own (see
 * the README's "HTTP/2 transport" section). Throws a TypeError when `options` has neither `tls`
 * nor `h2c: true`.
 */
export function http2Transport(options: Http2TransportOptions): Transport {
  return new Http2Transport(options);
}
