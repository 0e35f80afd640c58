// The serve step of the transports over node's servers: the handler runs, whatever it throws or
// rejects with is caught, and the response is completed or failed. One place, so that no handler
// behaviour can become an unhandled rejection on either transport.
import type { Handler, Request, ResponseWriter } from '../http/handler.js';
import { handlerFailure } from '../http/errors.js';
import { NetError } from '../net/errors.js';
import type { HandlerErrorReporter } from './error-reporter.js';

/** What the serve step needs of a writer beyond the contract. */
export interface ServedWriter extends ResponseWriter {
  /** True once the client is gone (it left, reset its stream, or was dropped). */
  readonly clientGone: boolean;
  /** Completes the response after the handler returned, as Go does when ServeHTTP returns. */
  finish(): void;
  /** Answers a handler failure: an error response before the header, a cut-short one after it. */
  fail(err: unknown): void;
}

/** Hot path: runs `handler` for one request, then completes the response or answers its failure. */
export function serveRequest(handler: Handler, w: ServedWriter, r: Request, report: HandlerErrorReporter): void {
  let result: void | Promise<void>;
  try {
    result = handler.serveHTTP(w, r);
  } catch (err) {
    failed(w, r, err, report);
    return;
  }
  if (result === undefined) {
    w.finish();
    return;
  }
  result.then(
    () => {
      w.finish();
    },
    (err: unknown) => {
      failed(w, r, err, report);
    },
  );
}

// Reports only real failures, as an HttpError (ERR_HTTP_HANDLER_FAILED around anything else):
// not a client that left or was dropped, nor a client error the handler passed on (a body over
// the limit is answered 413, not logged).
function failed(w: ServedWriter, r: Request, err: unknown, report: HandlerErrorReporter): void {
  const failure = handlerFailure(err);
  if (failure.status >= 500 && !(w.clientGone && err instanceof NetError)) report(failure, r);
  w.fail(err);
}
