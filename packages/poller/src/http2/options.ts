// The options of the HTTP/2 transport: the shared limits and timeouts, how it is reached (TLS
// with ALPN, or cleartext h2c), and HTTP/2's own limits, with their defaults.
import type { TLSConfig } from '../tls/config.js';
import { resolveTransportOptions, type ResolvedTransportOptions, type TransportOptions } from '../http/options.js';
import type { HandlerErrorReporter } from '../adapter/error-reporter.js';

/** HTTP/2's own settings, beyond the limits every transport shares. */
export interface Http2Settings {
  /**
   * The most streams (requests) a client may have open at once on one connection, advertised
   * as SETTINGS_MAX_CONCURRENT_STREAMS; a stream past it is refused (RST_STREAM
   * REFUSED_STREAM) and the client retries it. Default 100, the least RFC 9113 §6.5.2
   * recommends.
   */
  maxConcurrentStreams?: number;
  /**
   * The most bytes of a request's decoded header list (each field's name and value plus 32,
   * RFC 9113 §6.5.2), advertised as SETTINGS_MAX_HEADER_LIST_SIZE; a larger header block gets
   * its stream reset (ENHANCE_YOUR_CALM) by the HTTP/2 layer, before any handler. Below it,
   * `maxHeaderBytes` still answers 431. Default 65536.
   */
  maxHeaderListSize?: number;
  /**
   * Over TLS, also serve clients that do not negotiate `h2` (ALPN `http/1.1`, or no ALPN) with
   * HTTP/1.1, as the node transport serves them, under the same limits. Default true. Cleartext
   * (`h2c`) serves HTTP/2 only.
   */
  allowHTTP1?: boolean;
  /**
   * Serve cleartext HTTP/2 with prior knowledge (h2c, RFC 9113 §3.3) instead of TLS: the client
   * must start with the HTTP/2 connection preface. Meant for a proxy or a service mesh in front;
   * browsers speak HTTP/2 only over TLS. Default false: without `tls` the transport refuses to
   * start.
   */
  h2c?: boolean;
}

/** Options of the HTTP/2 transport. */
export interface Http2TransportOptions extends TransportOptions, Http2Settings {
  /**
   * The TLS configuration (certificates or `getCertificate`, versions, client certificates);
   * required unless `h2c` is true. ALPN offers `h2`, and `http/1.1` with `allowHTTP1`, whatever
   * `nextProtos` says.
   */
  tls?: TLSConfig;
  /** As the node transport's `onHandlerError`. Default: prints to stderr. */
  onHandlerError?: HandlerErrorReporter;
}

/** {@link Http2TransportOptions} with every default filled in. */
export interface ResolvedHttp2Options extends ResolvedTransportOptions {
  readonly maxConcurrentStreams: number;
  readonly maxHeaderListSize: number;
  readonly allowHTTP1: boolean;
  /** The TLS options, or undefined for h2c. */
  readonly tls: TLSConfig | undefined;
}

/** Fills in the defaults; refuses options that do not say how the transport is reached. */
export function resolveHttp2Options(o: Http2TransportOptions = {}): ResolvedHttp2Options {
  if (o.tls === undefined && o.h2c !== true) {
    throw new TypeError('the http2 transport needs `tls` (a certificate and key), or `h2c: true` for cleartext HTTP/2');
  }
  if (o.tls !== undefined && o.h2c === true) throw new TypeError('the http2 transport takes `tls` or `h2c: true`, not both');
  return {
    ...resolveTransportOptions(o),
    maxConcurrentStreams: o.maxConcurrentStreams ?? 100,
    maxHeaderListSize: o.maxHeaderListSize ?? 65536,
    allowHTTP1: o.allowHTTP1 ?? true,
    tls: o.tls,
  };
}
