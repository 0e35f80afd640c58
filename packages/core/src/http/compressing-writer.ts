import zlib from 'node:zlib';
import type { Request, ResponseWriter } from './contract.js';
import { RESOLVED } from '../resolved.js';
import { byteLength, InterceptingWriter } from './intercepting-writer.js';
import { isCompressible, isEventStream } from '../render/compressible.js';
import { negotiateEncoding, type ContentCoding } from '../request/accept-encoding.js';

/** What `compress()` was configured with, shared by the writers of every request. */
export interface CompressionPolicy {
  /** The codings offered, in order of preference when the client weighs them equally. */
  offered: readonly ContentCoding[];
  /** Bodies smaller than this many bytes are sent as they are. */
  threshold: number;
  /** Whether event streams are compressed (each event flushed). */
  sse: boolean;
}

// Bodies given whole up to this size are compressed synchronously: cheaper than a round trip
// through the thread pool, and too short to hold the event loop. Larger ones go to the pool.
const SYNC_LIMIT = 16 * 1024;
// Brotli at quality 4 compresses about as well as gzip at 6 and about as fast; the default,
// 11, is for files compressed once ahead of time (@fastify/compress makes the same choice).
const BROTLI: zlib.BrotliOptions = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } };

function compressSync(coding: ContentCoding, body: Buffer): Buffer {
  switch (coding) {
    case 'br':
      return zlib.brotliCompressSync(body, BROTLI);
    case 'gzip':
      return zlib.gzipSync(body);
    case 'deflate':
      return zlib.deflateSync(body);
  }
}

function compressAsync(coding: ContentCoding, body: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, out: Buffer): void => {
      if (err === null) resolve(out);
      else reject(err);
    };
    if (coding === 'br') zlib.brotliCompress(body, BROTLI, done);
    else if (coding === 'gzip') zlib.gzip(body, done);
    else zlib.deflate(body, done);
  });
}

function compressor(coding: ContentCoding, flushEach: boolean): zlib.BrotliCompress | zlib.Gzip | zlib.Deflate {
  switch (coding) {
    case 'br':
      return zlib.createBrotliCompress(flushEach ? { ...BROTLI, flush: zlib.constants.BROTLI_OPERATION_FLUSH } : BROTLI);
    case 'gzip':
      return zlib.createGzip(flushEach ? { flush: zlib.constants.Z_SYNC_FLUSH } : {});
    case 'deflate':
      return zlib.createDeflate(flushEach ? { flush: zlib.constants.Z_SYNC_FLUSH } : {});
  }
}

function hasToken(value: string | null, token: string): boolean {
  return value !== null && value.split(',').some((t) => t.trim().toLowerCase() === token);
}

/**
 * The writer behind `compress()`. When the header is committed it decides, from the status,
 * the headers the handler set and the body's size, whether the body is compressed; a body
 * given whole is compressed in one piece (with its Content-Length), a streamed one through a
 * zlib stream whose output goes out as the transport takes it, so a slow client holds the
 * handler back rather than filling memory.
 */
export class CompressingWriter extends InterceptingWriter {
  readonly #policy: CompressionPolicy;
  readonly #request: Request;
  #stream: zlib.BrotliCompress | zlib.Gzip | zlib.Deflate | undefined;
  #decided = false;
  #ended = false;
  #failure: Error | undefined;
  #drained: Promise<void> = RESOLVED;
  #pending: Promise<void> | undefined;
  #compressing = false;

  /**
   * Compresses what is written for `request`, as `policy` allows, in the coding the request's
   * `Accept-Encoding` weighs highest; a request with a `Range` header is answered
   * as it is. The request's header is read only for a body that could be compressed.
   */
  constructor(inner: ResponseWriter, policy: CompressionPolicy, request: Request) {
    super(inner, request.method);
    this.#policy = policy;
    this.#request = request;
  }

  /**
   * Whether nothing is left for {@link close} to wait for: nothing was written (the Context
   * ends an unanswered response with an empty body, handed down at once), or a body given
   * whole was handed down as it is or compressed synchronously.
   */
  get settled(): boolean {
    return !this.#decided || (this.#ended && this.#stream === undefined && !this.#compressing);
  }

  /**
   * Ends what was started when the middleware returns, as gin-contrib/gzip closes its writer: a
   * stream left open (an event stream) gets the compressor's last bytes, and a body given whole
   * finishes compressing, so the request ends after them. Never rejects: a failure (a client
   * gone) is the response's, which the Context reports once.
   */
  async close(): Promise<void> {
    if (!this.#decided) return;
    await this.end().catch(() => undefined);
  }

  write(chunk: Uint8Array | string): Promise<void> {
    if (!this.#decided) this.#decide();
    const stream = this.#stream;
    if (stream === undefined) return this.inner.write(chunk);
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      // The callback waits while the compressed output is not taken: that is the backpressure.
      stream.write(chunk, (err) => {
        if (err === null || err === undefined) resolve();
        else reject(err);
      });
    });
  }

  flush(): void {
    if (!this.#decided) this.#decide();
    const stream = this.#stream;
    if (stream === undefined) {
      this.inner.flush();
      return;
    }
    stream.flush(() => {
      void this.#drained.then(() => {
        this.inner.flush();
      });
    });
  }

  end(chunk?: Uint8Array | string): Promise<void> {
    if (this.#ended) return this.#pending ?? Promise.resolve();
    this.#ended = true;
    this.#pending = this.#decided ? this.#endStream(chunk) : this.#endBody(chunk);
    return this.#pending;
  }

  // A body given whole: compressed in one piece, synchronously when it is small. A string is
  // turned into bytes only once it is known to be compressed.
  #endBody(chunk: Uint8Array | string | undefined): Promise<void> {
    this.#decided = true;
    const coding = this.#underThreshold(chunk) ? undefined : this.#choose(chunk === undefined ? 0 : byteLength(chunk));
    if (coding === undefined || chunk === undefined) return this.endWhole(chunk);
    const body = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    this.#describe(coding);
    if (body.length <= SYNC_LIMIT) return this.endWhole(compressSync(coding, body));
    this.#compressing = true;
    return compressAsync(coding, body).then((out) => this.endWhole(out));
  }

  // The end of a stream: the compressor's output handed down, then the end.
  async #endStream(chunk: Uint8Array | string | undefined): Promise<void> {
    const stream = this.#stream;
    if (stream === undefined) return chunk === undefined ? this.inner.end() : this.inner.end(chunk);
    await new Promise<void>((resolve, reject) => {
      stream.once('end', resolve);
      stream.once('error', reject);
      if (chunk === undefined) stream.end();
      else stream.end(chunk);
    });
    await this.#drained;
    return this.inner.end();
  }

  // Decides at the first write or flush, for a stream: the headers, and the compressor.
  #decide(): void {
    this.#decided = true;
    const coding = this.#choose(undefined);
    if (coding !== undefined) this.#describe(coding);
    this.commit();
    if (coding === undefined) return;
    const stream = compressor(coding, this.#policy.sse);
    this.#stream = stream;
    stream.on('data', (out: Buffer) => {
      const written = this.inner.write(out);
      stream.pause();
      this.#drained = written.then(
        () => {
          stream.resume();
        },
        (err: unknown) => {
          this.#failure = err instanceof Error ? err : new Error(String(err));
          stream.destroy(this.#failure);
        },
      );
    });
    stream.on('error', (err) => {
      this.#failure ??= err;
    });
  }

  // The headers of a compressed body: its coding, no length, and a weakened strong tag (the
  // compressed bytes are not the ones it promised).
  #describe(coding: ContentCoding): void {
    const h = this.header();
    h.set('Content-Encoding', coding);
    h.delete('Content-Length');
    const etag = h.get('etag');
    if (etag !== null && !etag.startsWith('W/')) h.set('ETag', `W/${etag}`);
  }

  // The coding to use, or undefined when this response is sent as it is. Adds
  // `Vary: Accept-Encoding` whenever the answer depends on that header. The client's
  // Accept-Encoding is parsed last, only for a body that will be compressed if it allows.
  // Whether a whole body is smaller than the threshold (then it goes out as it is, the headers
  // untouched). A short string is not measured: its UTF-8 form has at most 3 bytes per unit.
  #underThreshold(chunk: Uint8Array | string | undefined): boolean {
    const threshold = this.#policy.threshold;
    if (chunk === undefined) return threshold > 0;
    if (typeof chunk !== 'string') return chunk.length < threshold;
    return chunk.length * 3 < threshold || Buffer.byteLength(chunk) < threshold;
  }

  #choose(length: number | undefined): ContentCoding | undefined {
    const status = this.status;
    if (status < 200 || status === 204 || status === 206 || status === 304 || this.head) return undefined;
    if (this.#request.headers.has('range')) return undefined;
    const h = this.header();
    const encoding = h.get('content-encoding');
    if (encoding !== null && encoding.toLowerCase() !== 'identity') return undefined;
    if (hasToken(h.get('cache-control'), 'no-transform') || h.has('content-range')) return undefined;
    const type = h.get('content-type');
    if (type === null) return undefined;
    const sse = isEventStream(type);
    if (sse ? !this.#policy.sse : !isCompressible(type)) return undefined;
    const declared = h.get('content-length');
    const size = length ?? (declared === null ? undefined : Number(declared));
    if (size !== undefined && size < this.#policy.threshold) return undefined;
    const vary = h.get('vary');
    if (vary === null) h.set('Vary', 'Accept-Encoding');
    else if (vary.trim() !== '*' && !hasToken(vary, 'accept-encoding')) h.set('Vary', `${vary}, Accept-Encoding`);
    return negotiateEncoding(this.#request.headers.get('accept-encoding'), this.#policy.offered);
  }
}
