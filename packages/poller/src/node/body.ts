// The request body of the node transport: node:http's IncomingMessage as the source of a
// StreamBody, with node:http's ways of sending 100 Continue and of seeing a complete message.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { HttpError } from '../http/errors.js';
import type { BodySource } from '../adapter/stream-body.js';

/** The body source of one node:http request. */
export class NodeBodySource implements BodySource {
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;
  #expectContinue: boolean;

  /** `expectContinue`: the client waits for 100 Continue before it sends the body. */
  constructor(req: IncomingMessage, res: ServerResponse, expectContinue: boolean) {
    this.#req = req;
    this.#res = res;
    this.#expectContinue = expectContinue;
  }

  /** {@inheritDoc BodySource.stream} */
  get stream(): Readable {
    return this.#req;
  }

  /** {@inheritDoc BodySource.continueIfAsked} */
  continueIfAsked(): void {
    if (!this.#expectContinue) return;
    this.#expectContinue = false;
    if (!this.#res.headersSent) this.#res.writeContinue();
  }

  /** {@inheritDoc BodySource.complete} */
  complete(): boolean {
    return this.#req.complete;
  }

  /** {@inheritDoc BodySource.gone} */
  gone(cause?: unknown): HttpError {
    return HttpError.of('ERR_HTTP_REQUEST_ABORTED', 'the client went away before the request body was read', { cause });
  }

  /** The rest of the body is never read: the connection cannot be reused. */
  overLimit(): void {
    this.#res.shouldKeepAlive = false;
  }
}
