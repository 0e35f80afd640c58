// Go's http.HandlerFunc: an ordinary function used as a Handler.
import type { Handler, ResponseWriter } from '../http/handler.js';
import type { RoutedRequest } from './routed-request.js';

/**
 * A function serving a request. Through a ServeMux it gets a RoutedRequest, with
 * `pathValue(name)`; called directly by a transport, the request is as the transport made it,
 * so a function meant for both reads only the Request fields.
 */
export type HandlerFunc = (w: ResponseWriter, r: RoutedRequest) => void | Promise<void>;

/** The Handler that calls `fn` (Go's `http.HandlerFunc(fn)`). */
export function handlerFunc(fn: HandlerFunc): Handler {
  return { serveHTTP: fn };
}
