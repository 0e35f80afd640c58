// ResponseHead: what the parser in response mode knows about one response once its header
// section is complete: the status line and fields as sent plus the framing derived from them.
import { RequestHead } from './request-head.js';

/**
 * The status line, header fields and framing of one parsed response. `method` is the method of
 * the request it answers, which decides its framing; `url` is unused.
 */
export class ResponseHead extends RequestHead {
  /** The status code, 100 to 599. */
  statusCode = 0;
  /** The reason phrase as sent, possibly empty. */
  reason = '';
  /**
   * True for a response that has no body whatever its fields say: to HEAD, 204 and 304
   * (`contentLength` is then what the fields declared, as Go reports it).
   */
  bodyless = false;
}
