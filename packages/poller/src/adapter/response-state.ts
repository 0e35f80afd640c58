// What a ResponseWriter over one of node's streams knows before the stream does: the status the
// handler chose, its header fields, and whether the response has ended.
import { HttpError } from '../http/errors.js';
import { Header } from '../http/header.js';
import { bodyForbidden, checkStatusCode } from '../http/status.js';

/** The response's state on the handler's side, shared by the node and HTTP/2 writers. */
export class ResponseState {
  /** The status to send (200 until set). */
  status = 200;
  /** True once `writeHeader` chose the status: later calls are ignored. */
  statusSet = false;
  /** True once `end()` ran or the response was given up: writes are refused. */
  ended = false;
  #header: Header | undefined;

  /** The handler's header fields, made on first use. */
  header(): Header {
    this.#header ??= new Header();
    return this.#header;
  }

  /** The header fields if the handler made them, without making them. */
  get fields(): Header | undefined {
    return this.#header;
  }

  /** True when the handler set no field: the transport may frame the response on its own. */
  get bare(): boolean {
    return this.#header === undefined || this.#header.size === 0;
  }

  /** `ResponseWriter.writeHeader`: the first status given before the header is sent wins. */
  writeHeader(status: number, headersSent: boolean): void {
    checkStatusCode(status);
    if (this.statusSet || headersSent) return;
    this.statusSet = true;
    this.status = status;
  }

  /** Why a body chunk cannot be written now (after `end()`, or under a status without a body). */
  writeRefusal(): HttpError | undefined {
    if (this.ended) return HttpError.of('ERR_HTTP_RESPONSE_ALREADY_SENT', 'write after end()');
    return this.endRefusal(1);
  }

  /** Why `end()` with `length` body bytes is refused: a body under a status that has none. */
  endRefusal(length: number): HttpError | undefined {
    if (length === 0 || !bodyForbidden(this.status)) return undefined;
    return HttpError.of('ERR_HTTP_BODY_NOT_ALLOWED', `a ${this.status} response has no body`);
  }
}
