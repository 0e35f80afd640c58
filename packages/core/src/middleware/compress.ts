import { Context, type HandlerFunc } from '../context.js';
import type { ResponseWriter } from '../http/contract.js';
import { CompressingWriter, type CompressionPolicy } from '../http/compressing-writer.js';
import { CONTENT_CODINGS, type ContentCoding } from '../request/accept-encoding.js';
import { checkOptions, optionCheck } from './options-check.js';

/** Options of {@link compress}. */
export interface CompressOptions {
  /** Bodies smaller than this many bytes are sent uncompressed. Default 1024. */
  threshold?: number;
  /** The codings offered, in order of preference when the client weighs them equally. Default `['br', 'gzip', 'deflate']`. */
  encodings?: readonly ContentCoding[];
  /** Compress server-sent event streams too, flushing the compressor after each event. Default false. */
  sse?: boolean;
}

/**
 * Compresses response bodies with br, gzip or deflate, whichever the client's
 * `Accept-Encoding` weighs highest (q-values; ties go to the order of `encodings`), and adds
 * `Vary: Accept-Encoding` to every answer that depends on it. A body is sent as it is when it
 * is smaller than `threshold`, of a type not worth compressing (images, archives), already
 * encoded (`Content-Encoding`), marked `Cache-Control: no-transform`, a 1xx, 204, 206 or 304,
 * the answer to a HEAD or to a `Range` request, or an event stream (unless `sse`). Bodies
 * given whole are compressed in one piece with their length; streamed ones chunk by chunk,
 * waiting for the client as the stream does.
 */
export function compress(options: CompressOptions = {}): HandlerFunc {
  checkOptions('compress', options, ['threshold', 'encodings', 'sse']);
  const { threshold = 1024, encodings = CONTENT_CODINGS, sse = false } = options;
  optionCheck('compress', Number.isSafeInteger(threshold) && threshold >= 0, 'option "threshold" must be a whole number of bytes');
  optionCheck(
    'compress',
    Array.isArray(encodings) && encodings.length > 0 && (encodings as readonly unknown[]).every((e) => (CONTENT_CODINGS as readonly unknown[]).includes(e)) && new Set(encodings).size === encodings.length,
    `option "encodings" must list some of ${CONTENT_CODINGS.join(', ')}, each once`,
  );
  optionCheck('compress', typeof sse === 'boolean', 'option "sse" must be a boolean');
  const policy: CompressionPolicy = { offered: [...encodings], threshold, sse };
  // Accept-Encoding is negotiated by the writer once the body is known to be worth compressing.
  const wrap = (inner: ResponseWriter, c: Context): CompressingWriter => new CompressingWriter(inner, policy, c.req);
  // Hot path: a chain that answers without awaiting, with a body sent as it is or compressed
  // synchronously, is not made to wait for a promise here.
  return function compress(c: Context): Promise<void> | undefined {
    if (c.req.method === 'HEAD') return undefined;
    const writer = Context.interceptWriter(c, wrap);
    const rest = Context.nextSync(c);
    if (rest !== undefined) return rest.then(() => writer.close());
    return writer.settled ? undefined : writer.close();
  };
}
