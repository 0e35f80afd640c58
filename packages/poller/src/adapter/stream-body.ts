// A request body over one of node's readable streams (an IncomingMessage, an HTTP/2 stream),
// read as an async iterable or whole, under the transport's size limit.
import type { Readable } from 'node:stream';
import type { BodyReadOptions, RequestBody } from '../http/handler.js';
import { HttpError } from '../http/errors.js';
import { parseJsonBody } from '../http/json.js';
import { BodyOnce } from './body-once.js';

/** What a body read needs of its transport beyond the stream itself. */
export interface BodySource {
  /** The body's bytes. */
  readonly stream: Readable;
  /** Sends the interim 100 response when the request asked for it and nothing is sent yet. */
  continueIfAsked(): void;
  /** True once the whole body has arrived (the stream may still hold some of it). */
  complete(): boolean;
  /** Why the body cannot be read to its end: the client went away (`cause`), or the transport gave up. */
  gone(cause?: unknown): HttpError;
  /** Told that the body is left unread past the limit (node:http then closes the connection). */
  overLimit(): void;
}

const EMPTY = new Uint8Array(0);

/** A request body over a readable stream, read at most once. */
export class StreamBody implements RequestBody {
  readonly #source: BodySource;
  readonly #limit: number;
  readonly #once = new BodyOnce();

  /** `limit` is the transport's body limit in bytes. */
  constructor(source: BodySource, limit: number) {
    this.#source = source;
    this.#limit = limit;
  }

  /** Yields the body's chunks; fails with `ERR_HTTP_BODY_TOO_LARGE` past the limit, `ERR_HTTP_REQUEST_ABORTED` when the client goes away. */
  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    const refused = this.#start();
    if (refused !== undefined) throw refused;
    // Pulled with read(), not the stream's own iterator: leaving early must not destroy the
    // stream, or the response could not be sent.
    const source = this.#source;
    const stream = source.stream;
    const limit = this.#limit;
    let total = 0;
    for (;;) {
      const chunk = stream.read() as Buffer | null;
      if (chunk !== null) {
        total += chunk.length;
        if (total > limit) throw this.#tooLarge(limit);
        yield chunk;
        continue;
      }
      if (stream.readableEnded) return;
      if (stream.destroyed) {
        if (source.complete()) return;
        throw source.gone();
      }
      await readable(source);
    }
  }

  /** {@inheritDoc RequestBody.bytes} */
  bytes(options?: BodyReadOptions): Promise<Uint8Array> {
    const refused = this.#start();
    if (refused !== undefined) return Promise.reject(refused);
    const limit = Math.min(options?.limit ?? this.#limit, this.#limit);
    const source = this.#source;
    const stream = source.stream;
    if (stream.readableEnded) return Promise.resolve(EMPTY);
    // The client may have gone before the handler asked for the body: 'close' will not come again.
    if (stream.destroyed && !source.complete()) return Promise.reject(source.gone());
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let total = 0;
      const cleanup = (): void => {
        stream.off('data', onData);
        stream.off('end', onEnd);
        stream.off('error', onError);
        stream.off('close', onClose);
      };
      const onData = (chunk: Buffer): void => {
        total += chunk.length;
        if (total > limit) {
          cleanup();
          stream.pause();
          reject(this.#tooLarge(limit));
          return;
        }
        chunks.push(chunk);
      };
      const onEnd = (): void => {
        cleanup();
        resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total));
      };
      const onError = (err: Error): void => {
        cleanup();
        reject(err instanceof HttpError ? err : source.gone(err));
      };
      const onClose = (): void => {
        if (source.complete()) return;
        cleanup();
        reject(source.gone());
      };
      stream.on('data', onData);
      stream.on('end', onEnd);
      stream.on('error', onError);
      stream.on('close', onClose);
    });
  }

  /** {@inheritDoc RequestBody.text} */
  async text(options?: BodyReadOptions): Promise<string> {
    return new TextDecoder().decode(await this.bytes(options));
  }

  /** {@inheritDoc RequestBody.json} */
  async json(options?: BodyReadOptions): Promise<unknown> {
    return parseJsonBody(await this.text(options));
  }

  // Marks the body read, sending 100 Continue when asked for; the error when it already was.
  #start(): HttpError | undefined {
    const refused = this.#once.start();
    if (refused === undefined) this.#source.continueIfAsked();
    return refused;
  }

  #tooLarge(limit: number): HttpError {
    this.#source.overLimit();
    return HttpError.of('ERR_HTTP_BODY_TOO_LARGE', `request body larger than ${limit} bytes`);
  }
}

/** Waits until the stream has data or has ended; rejects when the client goes away first. */
function readable(source: BodySource): Promise<void> {
  const stream = source.stream;
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      stream.off('readable', onReady);
      stream.off('end', onReady);
      stream.off('error', onError);
      stream.off('close', onClose);
    };
    const onReady = (): void => {
      cleanup();
      resolve();
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(source.gone(err));
    };
    const onClose = (): void => {
      cleanup();
      if (source.complete()) resolve();
      else reject(source.gone());
    };
    stream.on('readable', onReady);
    stream.on('end', onReady);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}
