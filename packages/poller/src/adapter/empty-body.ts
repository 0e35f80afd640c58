// The body of a request that has none.
import type { RequestBody } from '../http/handler.js';
import { parseJsonBody } from '../http/json.js';
import { BodyOnce } from './body-once.js';

const EMPTY = new Uint8Array(0);

/**
 * The body of a request that has none (no Content-Length or zero, no Transfer-Encoding; an
 * HTTP/2 stream ended by its HEADERS): reads give nothing without touching the stream.
 */
export class EmptyBody implements RequestBody {
  readonly #once = new BodyOnce();

  /** Yields nothing (and fails with `ERR_HTTP_BODY_CONSUMED` when already read). */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    const refused = this.#once.start();
    return {
      next: () => (refused === undefined ? Promise.resolve({ done: true, value: undefined }) : Promise.reject(refused)),
    };
  }

  /** {@inheritDoc RequestBody.bytes} */
  bytes(): Promise<Uint8Array> {
    const refused = this.#once.start();
    return refused === undefined ? Promise.resolve(EMPTY) : Promise.reject(refused);
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
}
