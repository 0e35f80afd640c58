// The options of a WebSocket route, each with its default, and their resolution.
import { CoreError } from '../errors.js';

/** permessage-deflate (RFC 7692) parameters the server accepts or asks for. */
export interface PerMessageDeflateOptions {
  /** Messages smaller than this many bytes are sent uncompressed. Default 1024. */
  threshold?: number;
  /** zlib compression level, 0-9. Default zlib's (6). */
  level?: number;
  /** Ask the server to reset its compression context after each message (less memory). Default false. */
  serverNoContextTakeover?: boolean;
  /** Ask the client to reset its compression context after each message. Default false. */
  clientNoContextTakeover?: boolean;
}

/** Options of `app.ws(path, options, ...)`; every one has a default. */
export interface WebSocketOptions {
  /**
   * The largest message accepted, in bytes (after decompression). A larger one closes the
   * socket with 1009 (message too big). Default 1 MiB.
   */
  maxMessageSize?: number;
  /**
   * Negotiate permessage-deflate when the client offers it: `true`, or its parameters. Compression
   * costs CPU and memory per socket. Default false.
   */
  perMessageDeflate?: boolean | PerMessageDeflateOptions;
  /** Milliseconds between keep-alive pings; 0 sends none. Default 30000. */
  pingInterval?: number;
  /**
   * Milliseconds the peer has to answer a ping before it is taken for dead and the connection
   * dropped (close code 1006). Any frame from the peer counts as an answer. Default 10000.
   */
  pongTimeout?: number;
  /**
   * Subprotocols the route speaks, by preference: the first the client offers in its
   * `Sec-WebSocket-Protocol` is chosen (`ws.protocol`). Default none: no subprotocol.
   */
  protocols?: readonly string[];
  /**
   * Messages received and not yet taken by the iteration before the socket stops reading from
   * the peer (backpressure to the peer). Default 16.
   */
  maxQueuedMessages?: number;
  /**
   * Milliseconds `close()` waits for the peer's closing frame before dropping the connection.
   * Default 5000.
   */
  closeTimeout?: number;
}

/** The options with their defaults filled in. */
export interface ResolvedWebSocketOptions {
  readonly maxMessageSize: number;
  readonly perMessageDeflate: false | PerMessageDeflateOptions;
  readonly pingInterval: number;
  readonly pongTimeout: number;
  readonly protocols: readonly string[];
  readonly maxQueuedMessages: number;
  readonly closeTimeout: number;
}

const KNOWN = new Set(['maxMessageSize', 'perMessageDeflate', 'pingInterval', 'pongTimeout', 'protocols', 'maxQueuedMessages', 'closeTimeout']);

function count(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) throw new CoreError('ERR_CORE_OPTIONS', `ws: ${name} must be a whole number of at least ${min}`);
  return value;
}

/** Fills in the defaults; an unknown option or a bad number throws `ERR_CORE_OPTIONS`. */
export function resolveWebSocketOptions(o: WebSocketOptions): ResolvedWebSocketOptions {
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) throw new CoreError('ERR_CORE_OPTIONS', `ws: unknown option ${key}`);
  }
  const deflate = o.perMessageDeflate ?? false;
  return {
    maxMessageSize: count('maxMessageSize', o.maxMessageSize, 1024 * 1024, 1),
    perMessageDeflate: deflate === true ? {} : deflate,
    pingInterval: count('pingInterval', o.pingInterval, 30_000, 0),
    pongTimeout: count('pongTimeout', o.pongTimeout, 10_000, 1),
    protocols: o.protocols ?? [],
    maxQueuedMessages: count('maxQueuedMessages', o.maxQueuedMessages, 16, 1),
    closeTimeout: count('closeTimeout', o.closeTimeout, 5000, 1),
  };
}
