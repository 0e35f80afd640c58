// nodeListener(): the node transport as a `(req, res)` listener for a node:http server someone
// else creates (http.createServer, supertest), with the same checks, limits and errors.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Handler } from '../http/handler.js';
import { resolveTransportOptions, type TransportOptions } from '../http/options.js';
import { printError, type HandlerErrorReporter } from '../adapter/error-reporter.js';
import { NodeDispatcher } from './dispatcher.js';

/** Options of {@link nodeListener}: the node transport's, without a server of its own. */
export interface NodeListenerOptions extends TransportOptions {
  /** As the node transport's `onHandlerError`. Default: prints to stderr. */
  onHandlerError?: HandlerErrorReporter;
}

/**
 * A node:http request listener serving a Handler as the node transport does. On the first
 * request it sees from a server it also attaches what a request listener alone is not given:
 * `Expect` handling, Upgrade and CONNECT (for `hijack()`; not when the server has its own
 * listeners for them) and parse errors (`clientError`); `attach(server)` does that at once, so
 * that even the first request can be an Upgrade.
 */
export interface NodeRequestListener {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Attaches the listener's Upgrade, CONNECT, Expect and parse-error handling to `server`. */
  attach(server: Server): void;
}

/**
 * The node transport as a listener: `http.createServer(nodeListener(handler))`. The limits and
 * timeouts the transport applies per request and connection apply here too (body, target and
 * head limits, pipelining and buffered-response bounds, idle timeout, sendTimeout); the server
 * options (`maxHeaderSize`, `headersTimeout`, `requestTimeout`, `maxConnections`) remain the
 * creator's.
 */
export function nodeListener(handler: Handler, options: NodeListenerOptions = {}): NodeRequestListener {
  const d = new NodeDispatcher(handler, resolveTransportOptions(options), options.onHandlerError ?? printError);
  const listener = d.onFirstRequest as NodeRequestListener;
  listener.attach = (server) => {
    d.attach(server);
  };
  return listener;
}
