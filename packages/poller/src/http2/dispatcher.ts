// Serves one Handler on HTTP/2 streams: each stream's head checked against the shared limits and
// rules, then handed to the Handler as a Request and a ResponseWriter; the request timeout
// watched per stream; and what the client did not send or read cleaned up after the response.
import { constants, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import type { Readable } from 'node:stream';
import type { Handler } from '../http/handler.js';
import { HttpError } from '../http/errors.js';
import type { HandlerErrorReporter } from '../adapter/error-reporter.js';
import { serveRequest } from '../adapter/serve.js';
import { checkHttp2Head, http2Head } from './head.js';
import type { ResolvedHttp2Options } from './options.js';
import { Http2Request, type StreamState } from './request.js';
import { Http2ResponseWriter, respond } from './response-writer.js';

const ignore = (): void => undefined;

/** Serves a Handler on the streams of every session it is given. */
export class Http2Dispatcher {
  /** Streams refused for a head against the limits or rules (see ServerStats.parseErrors). */
  parseErrors = 0;
  readonly #handler: Handler;
  readonly #options: ResolvedHttp2Options;
  readonly #report: HandlerErrorReporter;

  constructor(handler: Handler, options: ResolvedHttp2Options, report: HandlerErrorReporter) {
    this.#handler = handler;
    this.#options = options;
    this.#report = report;
  }

  /** node:http2's 'stream' listener. Hot path: checks the head, then runs the handler. */
  readonly onStream = (stream: ServerHttp2Stream, _headers: IncomingHttpHeaders, _flags: number, raw: string[]): void => {
    // A stream reset (by either side) is seen through 'close' and the writer's state; its
    // 'error' event must not become an uncaught exception.
    stream.on('error', ignore);
    const options = this.#options;
    const head = http2Head(raw);
    const refusal = checkHttp2Head(head, options);
    if (refusal !== null) {
      this.parseErrors++;
      respond(stream, refusal.status, refusal.message);
      closeWhenAnswered(stream);
      return;
    }
    const w = new Http2ResponseWriter(stream, head.method, options);
    const state = new Http2StreamState(stream, w, head.expect === '100-continue');
    const r = new Http2Request(stream, head, raw, state, options.maxBodyBytes);
    if (!stream.endAfterHeaders && options.requestTimeout > 0) state.watch(options.requestTimeout);
    closeWhenAnswered(stream);
    serveRequest(this.#handler, w, r, this.#report);
  };
}

/** What the request, its body and the request timeout share about one stream. */
class Http2StreamState implements StreamState {
  /** The error the stream was ended with by the transport (a request timeout), if any. */
  failure: HttpError | undefined;
  readonly #stream: ServerHttp2Stream;
  readonly #writer: Http2ResponseWriter;
  #expectContinue: boolean;

  constructor(stream: ServerHttp2Stream, writer: Http2ResponseWriter, expectContinue: boolean) {
    this.#stream = stream;
    this.#writer = writer;
    this.#expectContinue = expectContinue;
  }

  /** {@inheritDoc StreamState.responded} */
  get responded(): boolean {
    return this.#writer.responded;
  }

  /** {@inheritDoc BodySource.stream} */
  get stream(): Readable {
    return this.#stream;
  }

  /** {@inheritDoc BodySource.continueIfAsked} */
  continueIfAsked(): void {
    if (!this.#expectContinue) return;
    this.#expectContinue = false;
    if (!this.#stream.headersSent && !this.#stream.destroyed) this.#stream.additionalHeaders({ ':status': 100 });
  }

  /** {@inheritDoc BodySource.complete} */
  complete(): boolean {
    return this.#stream.readableEnded;
  }

  /** The transport's timeout, or else the client's reset. */
  gone(cause?: unknown): HttpError {
    return this.failure ?? HttpError.of('ERR_HTTP_REQUEST_ABORTED', 'the client reset the stream before the request body was read', { cause });
  }

  /** HTTP/2 flow control stops the client: nothing to do. */
  overLimit(): void {
    // The stream's window stays closed; the response ends the stream.
  }

  /**
   * Bounds the request, header and body, to `ms` from the stream's start (its header block came
   * whole): past it, 408 before the response has started, else the stream is reset, and a body
   * read in progress fails with `ERR_HTTP_REQUEST_TIMEOUT`.
   */
  watch(ms: number): void {
    const stream = this.#stream;
    const timer = setTimeout(() => {
      // The client has sent the whole request (END_STREAM): nothing is late.
      if (stream.destroyed || stream.state.remoteClose === 1) return;
      this.failure = HttpError.of('ERR_HTTP_REQUEST_TIMEOUT', `request not received within ${ms} ms`);
      if (this.#writer.responded) return;
      this.#writer.fail(this.failure);
    }, ms);
    timer.unref();
    stream.once('close', () => {
      clearTimeout(timer);
    });
  }
}

/**
 * Once the response is sent, a request body the client is still sending is not wanted: the
 * stream is closed with NO_ERROR after the response's last frame, which asks the client to stop
 * (RFC 9113 §8.1) and frees the stream's slot.
 */
function closeWhenAnswered(stream: ServerHttp2Stream): void {
  stream.once('finish', () => {
    if (!stream.destroyed && stream.state.remoteClose !== 1) stream.close(constants.NGHTTP2_NO_ERROR);
  });
}
