// A request body is read at most once.
import { HttpError } from '../http/errors.js';

/** Marks a body read; the second read is refused with `ERR_HTTP_BODY_CONSUMED`. */
export class BodyOnce {
  #read = false;

  /** Marks the body read; the error to fail with when it already was. */
  start(): HttpError | undefined {
    if (this.#read) return HttpError.of('ERR_HTTP_BODY_CONSUMED', 'the request body was already read');
    this.#read = true;
    return undefined;
  }
}
