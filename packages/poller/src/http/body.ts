// BodyReader: a request body pulled from the connection on demand. Nothing is read until the
// handler asks, so back-pressure reaches the client through TCP.
import type { BodyReadOptions, RequestBody } from './handler.js';
import { HttpError } from './errors.js';
import { parseJsonBody } from './json.js';

/** Where a body's bytes come from: the connection that parsed its head. */
export interface BodySource {
  /** The next body bytes, or null at the end of the body; rejects with an HttpError. */
  readBody(): Promise<Uint8Array | null>;
  /**
   * `readBody` without waiting: the next body bytes already received, null at the end of the
   * body, or undefined when `readBody` has to be called (input to wait for, 100 Continue to
   * send). Throws what `readBody` would reject with.
   */
  tryReadBody(): Uint8Array | null | undefined;
  /** The most body bytes the transport accepts. */
  readonly maxBodyBytes: number;
}

const EMPTY = new Uint8Array(0);

/** A request body, read at most once. */
export class BodyReader implements RequestBody {
  readonly #source: BodySource;
  readonly #contentLength: number;
  #used = false;

  constructor(source: BodySource, contentLength: number) {
    this.#source = source;
    this.#contentLength = contentLength;
  }

  /** Yields the body's chunks as they arrive; fails past the transport's body limit. */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return this.#chunks(this.#source.maxBodyBytes);
  }

  /** {@inheritDoc RequestBody.bytes} */
  async bytes(options?: BodyReadOptions): Promise<Uint8Array> {
    const limit = Math.min(options?.limit ?? Infinity, this.#source.maxBodyBytes);
    if (this.#contentLength > limit) {
      throw HttpError.of('ERR_HTTP_BODY_TOO_LARGE', `body of ${this.#contentLength} bytes is over the limit of ${limit}`);
    }
    this.#take();
    if (this.#contentLength === 0) return EMPTY;
    // Hot path: the bytes already received are taken without a promise; the source is waited
    // on only when the rest has not arrived.
    const source = this.#source;
    let first: Uint8Array | null = null;
    let parts: Uint8Array[] | null = null;
    let total = 0;
    for (;;) {
      const ready = source.tryReadBody();
      const chunk = ready === undefined ? await source.readBody() : ready;
      if (chunk === null) break;
      total += chunk.length;
      if (total > limit) throw overLimit(limit);
      if (first === null) first = chunk;
      else (parts ??= [first]).push(chunk);
    }
    if (parts === null) return first ?? EMPTY;
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  /** {@inheritDoc RequestBody.text} */
  async text(options?: BodyReadOptions): Promise<string> {
    const b = await this.bytes(options);
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
  }

  /** {@inheritDoc RequestBody.json} */
  async json(options?: BodyReadOptions): Promise<unknown> {
    return parseJsonBody(await this.text(options));
  }

  async *#chunks(limit: number): AsyncGenerator<Uint8Array, void> {
    this.#take();
    if (this.#contentLength === 0) return;
    let total = 0;
    for (let chunk = await this.#source.readBody(); chunk !== null; chunk = await this.#source.readBody()) {
      total += chunk.length;
      if (total > limit) throw overLimit(limit);
      yield chunk;
    }
  }

  // Marks the body read; throws when it already was.
  #take(): void {
    if (this.#used) throw HttpError.of('ERR_HTTP_BODY_CONSUMED', 'the request body was already read');
    this.#used = true;
  }
}

function overLimit(limit: number): HttpError {
  return HttpError.of('ERR_HTTP_BODY_TOO_LARGE', `body over the limit of ${limit} bytes`);
}
