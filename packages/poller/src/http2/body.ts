// The request body of the HTTP/2 transport: the DATA frames of one stream, read as an async
// iterable or whole, under the transport's size limit. HTTP/2 flow control is the backpressure:
// bytes not read leave the stream's window closed, and the client stops sending.
import type { ServerHttp2Stream } from 'node:http2';
import type { BodyReadOptions, RequestBody } from '../http/handler.js';
import { HttpError } from '../http/errors.js';
import { parseJsonBody } from '../http/json.js';

/** What a body read needs to know about its stream beyond the stream itself. */
export interface BodyContext {
  /** Sends the interim 100 response when the request asked for it and nothing is sent yet. */
  continueIfAsked(): void;
  /** The error the stream was ended with by the transport (a request timeout), if any. */
  readonly failure: HttpError | undefined;
}

/** A request body over a server stream, read at most once. */
export class Http2RequestBody implements RequestBody {
  readonly #stream: ServerHttp2Stream;
  readonly #limit: number;
  readonly #context: BodyContext;
  #consumed = false;

  constructor(stream: ServerHttp2Stream, limit: number, context: BodyContext) {
    this.#stream = stream;
    this.#limit = limit;
    this.#context = context;
  }

  /** Yields the body's chunks; fails with `ERR_HTTP_BODY_TOO_LARGE` past the limit, `ERR_HTTP_REQUEST_ABORTED` when the stream is reset. */
  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    const refused = this.#start();
    if (refused !== undefined) throw refused;
    const stream = this.#stream;
    let total = 0;
    for (;;) {
      const chunk = stream.read() as Buffer | null;
      if (chunk !== null) {
        total += chunk.length;
        if (total > this.#limit) throw tooLarge(this.#limit);
        yield chunk;
        continue;
      }
      if (stream.readableEnded) return;
      if (stream.destroyed) throw this.#gone();
      await readable(stream, () => this.#gone());
    }
  }

  /** {@inheritDoc RequestBody.bytes} */
  bytes(options?: BodyReadOptions): Promise<Uint8Array> {
    const refused = this.#start();
    if (refused !== undefined) return Promise.reject(refused);
    const limit = Math.min(options?.limit ?? this.#limit, this.#limit);
    const stream = this.#stream;
    if (stream.readableEnded) return Promise.resolve(new Uint8Array(0));
    if (stream.destroyed) return Promise.reject(this.#gone());
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let total = 0;
      const cleanup = (): void => {
        stream.off('data', onData);
        stream.off('end', onEnd);
        stream.off('close', onClose);
      };
      const onData = (chunk: Buffer): void => {
        total += chunk.length;
        if (total > limit) {
          cleanup();
          stream.pause();
          reject(tooLarge(limit));
          return;
        }
        chunks.push(chunk);
      };
      const onEnd = (): void => {
        cleanup();
        resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total));
      };
      const onClose = (): void => {
        cleanup();
        reject(this.#gone());
      };
      stream.on('data', onData);
      stream.on('end', onEnd);
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

  /** Marks the body read (sending 100 Continue when asked for); an error when it already was. */
  #start(): HttpError | undefined {
    if (this.#consumed) return HttpError.of('ERR_HTTP_BODY_CONSUMED', 'the request body was already read');
    this.#consumed = true;
    this.#context.continueIfAsked();
    return undefined;
  }

  /** Why the body cannot be read to its end: the transport's timeout, or the client's reset. */
  #gone(): HttpError {
    return this.#context.failure ?? HttpError.of('ERR_HTTP_REQUEST_ABORTED', 'the client reset the stream before the request body was read');
  }
}

function tooLarge(limit: number): HttpError {
  return HttpError.of('ERR_HTTP_BODY_TOO_LARGE', `request body larger than ${limit} bytes`);
}

/** Waits until `stream` has data or has ended; rejects with `gone()` when it closes first. */
function readable(stream: ServerHttp2Stream, gone: () => HttpError): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      stream.off('readable', onReady);
      stream.off('end', onReady);
      stream.off('close', onClose);
    };
    const onReady = (): void => {
      cleanup();
      resolve();
    };
    const onClose = (): void => {
      cleanup();
      if (stream.readableEnded) resolve();
      else reject(gone());
    };
    stream.on('readable', onReady);
    stream.on('end', onReady);
    stream.on('close', onClose);
  });
}
