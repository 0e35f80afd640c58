// ServerConn: one HTTP/1.1 connection of the netpoll transport, as Go's http.conn. A single
// loop reads, parses and serves requests in order; a handler that finishes synchronously lets
// the loop go straight on to the next pipelined request, and every response produced before
// the loop next waits for input leaves in one batched write (OutputBatch). The connection is
// used through its Pollable members only, so every Conn takes the same path.
import type { Conn, PollableConn } from '../net/conn.js';
import { DeadlineExceededError, NetError } from '../net/errors.js';
import { pollable } from '../net/pollable.js';
import type { ConnectionState } from '../tls/config.js';
import { TLSConn } from '../tls/conn.js';
import type { Handler } from './handler.js';
import { HttpError, HttpParseError, handlerFailure } from './errors.js';
import type { ResolvedTransportOptions } from './options.js';
import { ParseEvent, RequestParser } from './parser.js';
import { checkRequest } from './rules.js';
import { IncomingRequest } from './request.js';
import type { RequestConn } from './request.js';
import { Response } from './response.js';
import type { ResponseConn } from './response.js';
import { OutputBatch } from './output-batch.js';
import { statusLine, statusText } from './status.js';
import { dateLine } from './date.js';
import { NEW_CONNECTION_GRACE_MS } from './new-connection-grace.js';

const ignore = (): void => undefined;
const CONTINUE = Buffer.from('HTTP/1.1 100 Continue\r\n\r\n', 'latin1');
// An unread body up to this size is read and dropped to keep the connection; a larger one
// closes it (Go's maxPostHandlerReadBytes).
const MAX_DISCARD_BYTES = 256 * 1024;
// How long a refused connection keeps reading (and dropping) after its last response, so the
// response is not lost to a reset.
const LINGER_MS = 500;

/** Why the loop is waiting for input, which decides the read deadline. */
const enum Wait {
  FirstRequest,
  Idle,
  Head,
  Body,
}

/** The server-wide state a connection consults. */
export interface ServerState {
  readonly options: ResolvedTransportOptions;
  readonly handler: Handler;
  /** True once a graceful close began: finish the request in hand, then close. */
  readonly closing: boolean;
  /** Reports an error a handler threw. */
  reportError(err: unknown, req: IncomingRequest): void;
  /** Called once when the connection is done (closed or hijacked). */
  release(c: ServerConn): void;
  /** Counts a request refused as malformed, too large or against a rule. */
  countParseError(): void;
}

/** One served connection. */
export class ServerConn implements RequestConn, ResponseConn {
  readonly #conn: PollableConn;
  readonly #server: ServerState;
  readonly #opts: ResolvedTransportOptions;
  readonly #parser: RequestParser;
  // Input: the chunk being parsed, the offset in it, and chunks read ahead of it.
  #buf: Uint8Array | null = null;
  #off = 0;
  #input: Uint8Array[] = [];
  #eof = false;
  // Who waits for input (the loop, a body read, or the watch for a disconnect), and why.
  #waiter: ((err: Error | null) => void) | null = null;
  #waitingFor = Wait.Idle;
  readonly #output: OutputBatch;
  // The request in hand.
  #req: IncomingRequest | null = null;
  #res: Response | null = null;
  #messageDone = true;
  #continueSent = false;
  #expectContinue = false;
  #requestStart = 0;
  #headStart = 0;
  // When the wait for the next request began (0: not waiting for one).
  #idleSince = 0;
  #served = 0;
  #batched = 0;
  #idle = false;
  #watching = false;
  // True while an asynchronous handler is being awaited.
  #awaiting = false;
  #hijacked = false;
  #done = false;
  #remote: string | null = null;
  // The request loop's settlement.
  #loopEnd: () => void = ignore;
  #loopFail: (err: unknown) => void = ignore;

  constructor(conn: Conn, server: ServerState) {
    this.#conn = pollable(conn);
    this.#server = server;
    this.#opts = server.options;
    this.#parser = new RequestParser(server.options);
    this.#output = new OutputBatch(this.#conn, server.options, this.#stuck);
  }

  /** {@inheritDoc RequestConn.remoteAddr} */
  get remoteAddr(): string {
    return (this.#remote ??= this.#conn.remoteAddr.toString());
  }

  /** {@inheritDoc RequestConn.tls} */
  get tls(): ConnectionState | null {
    // The TLSConn read its state when the handshake completed, which every request follows.
    return this.#conn instanceof TLSConn ? this.#conn.connectionState() : null;
  }

  /** {@inheritDoc BodySource.maxBodyBytes} */
  get maxBodyBytes(): number {
    return this.#opts.maxBodyBytes;
  }

  /** {@inheritDoc ResponseConn.closing} */
  get closing(): boolean {
    if (this.#server.closing) return true;
    // An early answer to a request whose body will not be read closes the connection: the
    // client waits for a 100 Continue that never comes, or the body is too large to drop.
    const length = this.#parser.head.contentLength;
    if (this.#messageDone || length === 0) return false;
    return (this.#expectContinue && !this.#continueSent) || length > MAX_DISCARD_BYTES;
  }

  /** True while the connection waits for a next request with nothing of it received. */
  get idle(): boolean {
    return this.#idle;
  }

  /** Serves requests until the connection ends; never rejects. */
  async serve(): Promise<void> {
    try {
      await this.#loop();
    } catch (err) {
      this.#abortRequest(err);
    } finally {
      if (!this.#hijacked) {
        this.#output.flush();
        this.#conn.close();
      }
      this.#finishServing();
    }
  }

  /** Closes the connection now (a server closing without grace, or past its grace period). */
  destroy(reason: unknown): void {
    this.#abortRequest(reason);
    this.#conn.close();
  }

  /**
   * Closes the connection if it is idle between requests, or has sent nothing since its accept
   * for `NEW_CONNECTION_GRACE_MS`; reports whether it did.
   */
  closeIfIdle(now = Date.now()): boolean {
    if (!this.#idle) return false;
    if (this.#waitingFor === Wait.FirstRequest && now - this.#idleSince < NEW_CONNECTION_GRACE_MS) return false;
    this.#conn.close();
    return true;
  }

  async #loop(): Promise<void> {
    try {
      await new Promise<void>((resolve, reject) => {
        this.#loopEnd = resolve;
        this.#loopFail = reject;
        this.#pump();
      });
    } catch (err) {
      // A request the parser rejected is answered with its status; nothing after it is read.
      if (!(err instanceof HttpParseError) || (this.#res?.headersSent ?? false)) throw err;
      this.#server.countParseError();
      await this.#refuse(err.status, err.message);
    }
  }

  // The request loop, run without a promise per step: it goes on synchronously while bytes are
  // queued and handlers finish synchronously, and when it has to wait it returns, leaving a
  // callback (input, an asynchronous handler, a write batch to drain) that runs it again.
  #pump(): void {
    try {
      for (;;) {
        const ev = this.#step();
        if (ev === ParseEvent.NEED_MORE) {
          if (this.#eof) {
            this.#parser.finish();
            this.#loopEnd();
            return;
          }
          if (this.#server.closing && this.#parser.idle) {
            this.#loopEnd();
            return;
          }
          if (!this.#takeInput(this.#parser.idle ? (this.#served === 0 ? Wait.FirstRequest : Wait.Idle) : Wait.Head)) return;
          continue;
        }
        if (ev === ParseEvent.MESSAGE_END) {
          this.#messageDone = true;
          continue;
        }
        if (ev === ParseEvent.UPGRADED) {
          this.#loopEnd();
          return;
        }
        if (ev !== ParseEvent.HEAD) throw new Error(`unexpected parser event ${ev}`);
        const keep = this.#serveOne();
        if (typeof keep !== 'boolean') {
          keep.then(this.#afterAsyncServe, this.#loopFail);
          return;
        }
        if (!this.#afterServe(keep)) return;
      }
    } catch (err) {
      this.#loopFail(err);
    }
  }

  readonly #resume = (): void => {
    this.#pump();
  };

  readonly #afterAsyncServe = (keep: boolean): void => {
    if (this.#afterServe(keep)) this.#pump();
  };

  // After a response: whether the loop goes straight on. A batch of pipelined responses is
  // capped: it is written out, and a client that is not taking them is waited for.
  #afterServe(keep: boolean): boolean {
    if (!keep) {
      this.#loopEnd();
      return false;
    }
    if (++this.#batched < this.#opts.maxPipelinedRequests) return true;
    const waited = this.#writeBatch(true);
    if (waited === undefined) return true;
    waited.then(this.#resume, this.#loopFail);
    return false;
  }

  // Gets input for the loop: true when bytes (or the end of stream) were taken at once, false
  // when the loop must return and wait to be run again. Flushes the batch first; throws what
  // a read throws.
  #takeInput(why: Wait): boolean {
    // Output never waits on input: the batch is written before anything waits for a read.
    const waited = this.#writeBatch(false);
    if (waited !== undefined) {
      waited.then(this.#resume, this.#loopFail);
      return false;
    }
    // The deadline is this wait's before anything is read: a deadline left from an earlier wait
    // may have passed while the loop was stalled on output, and a read under it would fail.
    this.#setReadDeadline(why);
    const chunk = this.#conn.tryRead();
    if (chunk !== undefined) {
      this.#accept(chunk);
      return true;
    }
    this.#waitingFor = why;
    this.#wait(why, this.#afterLoopWait);
    return false;
  }

  readonly #afterLoopWait = (err: Error | null): void => {
    if (err === null) this.#pump();
    else this.#readFailed(err, this.#waitingFor).catch(this.#loopFail);
  };

  // The one wait for input: arms the deadline `why` calls for (none for the watch for a
  // disconnect) and the connection's readiness callback; once a read would not park, takes
  // what is ready into the input and calls `done`, with the read's error if it failed. A later
  // wait takes the place of one not yet done.
  #wait(why: Wait | null, done: (err: Error | null) => void): void {
    if (why === null) this.#conn.setReadDeadline(null);
    else this.#setReadDeadline(why);
    this.#idle = why === Wait.Idle || why === Wait.FirstRequest;
    this.#waiter = done;
    this.#conn.onReadable(this.#onReadable);
  }

  readonly #onReadable = (): void => {
    let chunk: Uint8Array | null | undefined;
    let failure: Error | null = null;
    try {
      chunk = this.#conn.tryRead();
      if (chunk === undefined) {
        this.#conn.onReadable(this.#onReadable);
        return;
      }
      this.#accept(chunk);
    } catch (err) {
      failure = err instanceof Error ? err : new Error(String(err));
    }
    const done = this.#waiter;
    this.#waiter = null;
    this.#idle = false;
    // While an asynchronous handler runs with a signal, the end of the stream or a failed read
    // means the client went away.
    if (this.#watching && this.#awaiting && (failure !== null || chunk === null)) {
      this.#abortRequest(failure ?? HttpError.of('ERR_HTTP_REQUEST_ABORTED', 'the client closed the connection'));
    }
    done?.(failure);
  };

  // Parses what is buffered until something happens or the input runs out.
  #step(): ParseEvent {
    for (;;) {
      let buf = this.#buf;
      if (buf === null) {
        const next = this.#input.shift();
        if (next === undefined) return ParseEvent.NEED_MORE;
        buf = this.#buf = next;
        this.#off = 0;
      }
      this.#off = this.#parser.exec(buf, this.#off, buf.length);
      const ev = this.#parser.event;
      if (ev !== ParseEvent.NEED_MORE) return ev;
      this.#buf = null;
    }
  }

  // One request, from its head to the end of its response: whether the connection stays open
  // for another. Hot path: a boolean, without a promise, when the handler finished
  // synchronously and the message is fully read.
  #serveOne(): boolean | Promise<boolean> {
    const head = this.#parser.head;
    // requestTimeout counts from the request's first byte: when the loop first waited for more
    // of its head, or now if the head came whole. Only a body is read against it.
    this.#requestStart = this.#headStart !== 0 ? this.#headStart : head.contentLength !== 0 ? Date.now() : 0;
    this.#headStart = 0;
    this.#idleSince = 0;
    this.#served++;
    this.#messageDone = false;
    this.#continueSent = false;
    const refusal = checkRequest(head, this.#opts);
    if (refusal !== null) {
      this.#server.countParseError();
      return this.#refuse(refusal.status, refusal.message).then(() => false);
    }
    this.#expectContinue = head.expect === '100-continue' && head.minor === 1;
    const req = new IncomingRequest(this, head);
    const res = new Response(this, head.minor, head.method, head.keepAlive && !head.upgrade, head.upgrade);
    this.#req = req;
    this.#res = res;
    let r: void | Promise<void>;
    try {
      r = this.#server.handler.serveHTTP(res, req);
    } catch (err) {
      return this.#handlerFailed(res, err);
    }
    if (r !== undefined) return this.#awaitHandler(res, r);
    return this.#handlerDone(res);
  }

  async #awaitHandler(res: Response, r: Promise<void>): Promise<boolean> {
    this.flush();
    this.#awaiting = true;
    if (this.#watching) this.#watchInput();
    try {
      await r;
    } catch (err) {
      return await this.#handlerFailed(res, err);
    } finally {
      this.#awaiting = false;
    }
    return this.#handlerDone(res);
  }

  #handlerDone(res: Response): boolean | Promise<boolean> {
    if (res.hijacked) return false;
    if (this.#parser.head.upgrade && !res.answered) return this.#refuseUpgrade();
    res.finish();
    this.#req = null;
    this.#res = null;
    if (!res.keepAlive || this.#server.closing) return false;
    return this.#discardBody();
  }

  // An Upgrade or CONNECT the handler neither hijacked nor answered: refused, then closed.
  async #refuseUpgrade(): Promise<boolean> {
    const e = HttpError.of('ERR_HTTP_UPGRADE_REFUSED', `${this.#parser.head.method === 'CONNECT' ? 'CONNECT' : 'the upgrade'} was not taken over`);
    this.#req = null;
    this.#res = null;
    await this.#refuse(e.status, e.message);
    return false;
  }

  // The handler threw: answer its status if nothing was sent, else cut the response short. A
  // failure is reported as an HttpError (ERR_HTTP_HANDLER_FAILED around anything else), unless it is a
  // client error the handler passed on or a write that failed because the client is gone.
  async #handlerFailed(res: Response, failure: unknown): Promise<boolean> {
    const e = handlerFailure(failure);
    const clientGone = failure instanceof NetError && this.#conn.closed;
    if (this.#req !== null && e.status >= 500 && !clientGone) this.#server.reportError(e, this.#req);
    if (res.hijacked) return false;
    if (!res.headersSent) {
      this.#req = null;
      await this.#refuse(e.status, e === failure ? e.message : statusText(e.status));
      return false;
    }
    this.#abortRequest(failure);
    return false;
  }

  // Drops what the handler left of the body, so the next request can be parsed.
  #discardBody(): boolean | Promise<boolean> {
    if (this.#messageDone) return true;
    if (this.#parser.failed) return false;
    const head = this.#parser.head;
    // The client may be waiting for a 100 Continue that never came: do not read its body.
    if (this.#expectContinue && !this.#continueSent) return false;
    if (head.contentLength > MAX_DISCARD_BYTES) return false;
    return this.#discardRest(0);
  }

  #discardRest(dropped: number): boolean | Promise<boolean> {
    for (;;) {
      let ev: ParseEvent;
      try {
        ev = this.#step();
      } catch {
        return false;
      }
      if (ev === ParseEvent.MESSAGE_END) {
        this.#messageDone = true;
        return true;
      }
      if (ev === ParseEvent.BODY) {
        dropped += this.#parser.bodyEnd - this.#parser.bodyStart;
        if (dropped > MAX_DISCARD_BYTES) return false;
        continue;
      }
      if (ev !== ParseEvent.NEED_MORE || this.#eof) return false;
      const filled = this.#fill(Wait.Body);
      if (filled !== undefined) return filled.then(() => this.#discardRest(dropped));
    }
  }

  /** {@inheritDoc BodySource.readBody} */
  async readBody(): Promise<Uint8Array | null> {
    if (this.#expectContinue && !this.#continueSent && !this.#messageDone && !this.#hijacked && this.#res !== null && !this.#res.headersSent) {
      this.#continueSent = true;
      void this.send(CONTINUE);
      this.flush();
    }
    for (;;) {
      const chunk = this.#nextBody();
      if (chunk !== undefined) return chunk;
      if (this.#eof) throw HttpError.of('ERR_HTTP_REQUEST_ABORTED', 'the client closed the connection mid-body');
      try {
        await this.#fill(Wait.Body);
      } catch (err) {
        if (err instanceof DeadlineExceededError) {
          throw HttpError.of('ERR_HTTP_REQUEST_TIMEOUT', `request not received within ${this.#opts.requestTimeout} ms`);
        }
        throw HttpError.of('ERR_HTTP_REQUEST_ABORTED', 'the connection failed mid-body', { cause: err });
      }
    }
  }

  /** {@inheritDoc BodySource.tryReadBody} */
  tryReadBody(): Uint8Array | null | undefined {
    // A client that waits for 100 Continue is answered by readBody.
    if (this.#expectContinue && !this.#continueSent) return undefined;
    return this.#nextBody();
  }

  // The next body bytes among those received, null at the end of the message, undefined when
  // more input is needed.
  #nextBody(): Uint8Array | null | undefined {
    if (this.#messageDone || this.#hijacked) return null;
    let ev: ParseEvent;
    try {
      ev = this.#step();
    } catch (err) {
      throw err instanceof HttpParseError ? err : HttpError.of('ERR_HTTP_BAD_REQUEST', String(err));
    }
    if (ev === ParseEvent.BODY) return this.#buf!.subarray(this.#parser.bodyStart, this.#parser.bodyEnd);
    if (ev === ParseEvent.MESSAGE_END || ev === ParseEvent.UPGRADED) {
      this.#messageDone = true;
      return null;
    }
    return undefined;
  }

  /** {@inheritDoc ResponseConn.send} */
  send(bytes: Uint8Array): Promise<void> {
    return this.#queue(bytes, bytes.length);
  }

  /** {@inheritDoc ResponseConn.sendText} */
  sendText(text: string, byteLength: number): Promise<void> {
    return this.#queue(text, byteLength);
  }

  // Queues response bytes. Past maxBufferedResponseBytes unsent, the loop stops after this
  // response (its batch is full) until the client catches up.
  #queue(item: Uint8Array | string, byteLength: number): Promise<void> {
    const written = this.#output.queue(item, byteLength);
    if (this.#output.congested) this.#batched = this.#opts.maxPipelinedRequests;
    return written;
  }

  /** {@inheritDoc ResponseConn.flush} */
  flush(): void {
    this.#output.flush();
  }

  /** {@inheritDoc RequestConn.watchDisconnect} */
  watchDisconnect(): void {
    this.#watching = true;
    if (this.#awaiting) this.#watchInput();
  }

  /** {@inheritDoc ResponseConn.hijack} */
  hijack(): Conn {
    this.#hijacked = true;
    this.flush();
    // Once hijacked, the deadlines and the connection are the handler's to manage.
    this.#output.detach();
    this.#waiter = null;
    this.#conn.onReadable(ignore);
    this.#conn.setDeadline(null);
    const rest: Uint8Array[] = [];
    if (this.#buf !== null && this.#off < this.#buf.length) rest.push(this.#buf.subarray(this.#off));
    rest.push(...this.#input);
    this.#buf = null;
    this.#input = [];
    this.#finishServing();
    return pollable(this.#conn, rest);
  }

  // Waits for input for a body read: flushes the batch, bounds the wait by the deadline `why`
  // calls for, and queues what arrives. Throws what the read throws. Hot path: no promise when
  // bytes are already queued and no write has to be waited for.
  #fill(why: Wait): void | Promise<void> {
    const waited = this.#writeBatch(false);
    if (waited !== undefined) return waited.then(() => this.#fill(why));
    // Under this wait's deadline, not one left from before a stall (see #takeInput).
    this.#setReadDeadline(why);
    const chunk = this.#conn.tryRead();
    if (chunk !== undefined) {
      this.#accept(chunk);
      return;
    }
    return new Promise((resolve, reject) => {
      this.#wait(why, (err) => {
        if (err === null) resolve();
        else this.#readFailed(err, why).catch(reject);
      });
    });
  }

  // Writes the batch of responses and starts a new run of them; returns a promise when the
  // loop must wait for the client to take them first (see OutputBatch.drain).
  #writeBatch(full: boolean): void | Promise<void> {
    this.#batched = 0;
    return this.#output.drain(full);
  }

  // A write stalled past sendTimeout: the client is not reading, the connection is dropped.
  readonly #stuck = (err: DeadlineExceededError): void => {
    this.destroy(err);
  };

  #accept(chunk: Uint8Array | null): void {
    if (chunk === null) this.#eof = true;
    else this.#input.push(chunk);
  }

  #setReadDeadline(why: Wait): void {
    const o = this.#opts;
    switch (why) {
      // Counted from the end of the last response (or the accept), not from the last byte:
      // empty lines before a request line do not extend them.
      case Wait.FirstRequest:
        if (this.#idleSince === 0) this.#idleSince = Date.now();
        this.#conn.setReadDeadline(this.#idleSince + o.headerTimeout);
        return;
      case Wait.Idle:
        if (this.#idleSince === 0) this.#idleSince = Date.now();
        this.#conn.setReadDeadline(this.#idleSince + o.idleTimeout);
        return;
      case Wait.Head:
        if (this.#headStart === 0) this.#headStart = Date.now();
        this.#conn.setReadDeadline(this.#headStart + headLimit(o));
        return;
      case Wait.Body:
        if (this.#requestStart === 0) this.#requestStart = Date.now();
        this.#conn.setReadDeadline(o.requestTimeout > 0 ? this.#requestStart + o.requestTimeout : null);
        return;
    }
  }

  // A read failed while waiting: a timeout amid a head is answered 408, an idle one just closes.
  async #readFailed(err: unknown, why: Wait): Promise<never> {
    if (err instanceof DeadlineExceededError && why === Wait.Head) {
      const o = this.#opts;
      const e =
        headLimit(o) < o.headerTimeout
          ? HttpError.of('ERR_HTTP_REQUEST_TIMEOUT', `request not received within ${o.requestTimeout} ms`)
          : HttpError.of('ERR_HTTP_HEADER_TIMEOUT', `header section not received within ${o.headerTimeout} ms`);
      await this.#refuse(e.status, e.message);
    }
    throw err;
  }

  // While an asynchronous handler runs with a signal, wait for input with no deadline: the end
  // of the stream or a failed read means the client went away (see #onReadable). A wait
  // already armed watches as well.
  #watchInput(): void {
    if (this.#waiter !== null || this.#eof) return;
    this.#wait(null, ignore);
  }

  #abortRequest(reason: unknown): void {
    const req = this.#req;
    if (req === null || (this.#res?.finished ?? false)) return;
    req.abort(reason);
  }

  // Answers an error status and closes: the request and anything after it are not processed.
  async #refuse(status: number, message: string): Promise<void> {
    const body = `${status} ${statusText(status)}: ${message}\n`;
    const head =
      statusLine(status, 1) +
      dateLine() +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n';
    void this.send(Buffer.from(head + body, 'utf8'));
    try {
      await this.#output.write();
      await this.#lingeringClose();
    } catch {
      // The client is gone: nothing more to tell it.
    }
  }

  // Half-closes and drops what the client still sends for a moment, so that unread input does
  // not turn the close into a reset that destroys the response in flight.
  async #lingeringClose(): Promise<void> {
    await this.#conn.closeWrite();
    this.#conn.setReadDeadline(Date.now() + LINGER_MS);
    while ((await this.#conn.read()) !== null) {
      // dropped
    }
  }

  #finishServing(): void {
    if (this.#done) return;
    this.#done = true;
    this.#server.release(this);
  }
}

// How long a head may take from its first byte: the header timeout, or the request timeout
// when that is shorter.
function headLimit(o: ResolvedTransportOptions): number {
  return o.requestTimeout > 0 && o.requestTimeout < o.headerTimeout ? o.requestTimeout : o.headerTimeout;
}
