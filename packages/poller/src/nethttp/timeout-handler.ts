// Go's http.TimeoutHandler: a handler given a time limit, its response held until it finishes.
import type { Handler, ResponseWriter } from '../http/handler.js';
import { HttpError } from '../http/errors.js';
import { Header } from '../http/header.js';
import type { Conn } from '../net/conn.js';
import { RoutedRequest } from './routed-request.js';
import { checkStatusCode } from '../http/status.js';

/** A write by a handler that timeoutHandler already answered for (Go's `ErrHandlerTimeout`). */
export class HandlerTimeoutError extends Error {
  readonly code = 'ERR_HTTP_HANDLER_TIMEOUT';

  constructor() {
    super('http: Handler timeout');
    this.name = 'HandlerTimeoutError';
  }
}

const DEFAULT_BODY = '<html><head><title>Timeout</title></head><body><h1>Timeout</h1></body></html>';

/** The writer the inner handler gets: it buffers everything until the handler finishes. */
class TimeoutWriter implements ResponseWriter {
  readonly #header = new Header();
  readonly chunks: Uint8Array[] = [];
  status = 0;
  timedOut = false;
  readonly headersSent = false;

  header(): Header {
    return this.#header;
  }
  writeHeader(status: number): void {
    checkStatusCode(status);
    if (this.status === 0 && !this.timedOut) this.status = status;
  }
  write(chunk: Uint8Array | string): Promise<void> {
    if (this.timedOut) return Promise.reject(new HandlerTimeoutError());
    if (this.status === 0) this.status = 200;
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    return Promise.resolve();
  }
  end(chunk?: Uint8Array | string): Promise<void> {
    return chunk === undefined ? (this.timedOut ? Promise.reject(new HandlerTimeoutError()) : Promise.resolve()) : this.write(chunk);
  }
  flush(): void {}
  hijack(): Conn {
    throw HttpError.of('ERR_HTTP_HIJACK_FAILED', 'a timeoutHandler response cannot be hijacked');
  }
}

/**
 * The Handler running `h` with a limit of `ms` milliseconds (Go's `http.TimeoutHandler`): `h`
 * writes into a buffer, sent when it finishes in time. Past the limit the request's signal
 * aborts and the client gets 503 with `message` (Go's small HTML page when empty); the
 * handler's writes after that reject with {@link HandlerTimeoutError}.
 */
export function timeoutHandler(h: Handler, ms: number, message = ''): Handler {
  return {
    async serveHTTP(w, r) {
      const timer = new AbortController();
      const tw = new TimeoutWriter();
      const signal = AbortSignal.any([r.signal, timer.signal]);
      let timeout: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timeout = setTimeout(() => { resolve('late'); }, ms);
      });
      const run = Promise.resolve(h.serveHTTP(tw, new RoutedRequest(r, { signal }))).then(() => 'done' as const);
      try {
        if ((await Promise.race([run, late])) === 'late') {
          tw.timedOut = true;
          timer.abort(new HandlerTimeoutError());
          run.catch(() => undefined);
          w.writeHeader(503);
          await w.end(message || DEFAULT_BODY);
          return;
        }
      } finally {
        clearTimeout(timeout);
      }
      const dst = w.header();
      const fields = [...tw.header()];
      for (const [name] of fields) dst.delete(name);
      for (const [name, value] of fields) dst.append(name, value);
      w.writeHeader(tw.status === 0 ? 200 : tw.status);
      await w.end(Buffer.concat(tw.chunks));
    },
  };
}
