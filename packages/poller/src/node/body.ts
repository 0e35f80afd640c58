// The request body of the node transport: node:http's IncomingMessage read as an async iterable
// or whole, under the transport's size limit.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyReadOptions, RequestBody } from '../http/handler.js';
import { HttpError } from '../http/errors.js';
import { parseJsonBody } from '../http/json.js';

/** A request body over an IncomingMessage, read at most once. */
export class NodeRequestBody implements RequestBody {
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;
  readonly #limit: number;
  readonly #expectContinue: boolean;
  #consumed = false;

  constructor(req: IncomingMessage, res: ServerResponse, limit: number, expectContinue: boolean) {
    this.#req = req;
    this.#res = res;
    this.#limit = limit;
    this.#expectContinue = expectContinue;
  }

  /** Yields the body's chunks; fails with `ERR_HTTP_BODY_TOO_LARGE` past the limit, `ERR_HTTP_REQUEST_ABORTED` when the client goes away. */
  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    const refused = this.#start();
    if (refused !== undefined) throw refused;
    // Pulled with read(), not the stream's own iterator: leaving early must not destroy the
    // request, or the response could not be sent.
    const req = this.#req;
    const limit = this.#limit;
    let total = 0;
    for (;;) {
      const chunk = req.read() as Buffer | null;
      if (chunk !== null) {
        total += chunk.length;
        if (total > limit) throw this.#tooLarge(limit);
        yield chunk;
        continue;
      }
      if (req.readableEnded) return;
      if (req.destroyed) {
        if (req.complete) return;
        throw aborted();
      }
      await readable(req);
    }
  }

  /** {@inheritDoc RequestBody.bytes} */
  bytes(options?: BodyReadOptions): Promise<Uint8Array> {
    const refused = this.#start();
    if (refused !== undefined) return Promise.reject(refused);
    const limit = Math.min(options?.limit ?? this.#limit, this.#limit);
    const req = this.#req;
    // The client may have gone before the handler asked for the body: 'close' will not come again.
    if (req.destroyed && !req.complete) return Promise.reject(aborted());
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let total = 0;
      const cleanup = (): void => {
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('error', onError);
        req.off('close', onClose);
      };
      const onData = (chunk: Buffer): void => {
        total += chunk.length;
        if (total > limit) {
          cleanup();
          req.pause();
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
        reject(this.#convert(err));
      };
      const onClose = (): void => {
        if (req.complete) return;
        cleanup();
        reject(aborted());
      };
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('error', onError);
      req.on('close', onClose);
    });
  }

  /** {@inheritDoc RequestBody.text} */
  async text(options?: BodyReadOptions): Promise<string> {
    const b = await this.bytes(options);
    return new TextDecoder().decode(b);
  }

  /** {@inheritDoc RequestBody.json} */
  async json(options?: BodyReadOptions): Promise<unknown> {
    return parseJsonBody(await this.text(options));
  }

  /** Marks the body read (sending 100 Continue when asked for); an error when it already was. */
  #start(): HttpError | undefined {
    if (this.#consumed) return HttpError.of('ERR_HTTP_BODY_CONSUMED', 'the request body was already read');
    this.#consumed = true;
    if (this.#expectContinue && !this.#res.headersSent) this.#res.writeContinue();
    return undefined;
  }

  #tooLarge(limit: number): HttpError {
    // The rest of the body is never read: the connection cannot be reused.
    this.#res.shouldKeepAlive = false;
    return HttpError.of('ERR_HTTP_BODY_TOO_LARGE', `request body larger than ${limit} bytes`);
  }

  #convert(err: unknown): HttpError {
    return err instanceof HttpError ? err : aborted(err);
  }
}

/** Waits until `req` has data or has ended; rejects when the client goes away first. */
/**
 * The body of a request that has none (no Content-Length or zero, no Transfer-Encoding): reads
 * give nothing without touching node's stream.
 */
export class EmptyBody implements RequestBody {
  #consumed = false;

  /** Yields nothing (and fails with `ERR_HTTP_BODY_CONSUMED` when already read). */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    const refused = this.#consume();
    return {
      next: () => (refused === undefined ? Promise.resolve({ done: true, value: undefined }) : Promise.reject(refused)),
    };
  }

  /** {@inheritDoc RequestBody.bytes} */
  bytes(): Promise<Uint8Array> {
    const refused = this.#consume();
    return refused === undefined ? Promise.resolve(new Uint8Array(0)) : Promise.reject(refused);
  }

  /** {@inheritDoc RequestBody.text} */
  async text(): Promise<string> {
    await this.bytes();
    return '';
  }

  /** {@inheritDoc RequestBody.json} */
  async json(): Promise<unknown> {
    return parseJsonBody(await this.text());
  }

  #consume(): HttpError | undefined {
    if (this.#consumed) return HttpError.of('ERR_HTTP_BODY_CONSUMED', 'the request body was already read');
    this.#consumed = true;
    return undefined;
  }
}

function readable(req: IncomingMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      req.off('readable', onReady);
      req.off('end', onReady);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onReady = (): void => {
      cleanup();
      resolve();
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(aborted(err));
    };
    const onClose = (): void => {
      cleanup();
      if (req.complete) resolve();
      else reject(aborted());
    };
    req.on('readable', onReady);
    req.on('end', onReady);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

function aborted(cause?: unknown): HttpError {
  return HttpError.of('ERR_HTTP_REQUEST_ABORTED', 'the client went away before the request body was read', { cause });
}
