// Exchange: one request and its response on one connection (Go's persistConn.roundTrip and its
// readLoop/writeLoop pair, as one object). It writes the request, reads the interim and final
// heads, then serves the response body from the connection, and gives the connection back (or
// closes it) when the body is done.
import { Buffer } from 'node:buffer';
import { DeadlineExceededError, ClosedError, NetError } from '../net/errors.js';
import { HttpParseError } from '../http/errors.js';
import { Header, headerFromWire, headerIsAscii, headerLines } from '../http/header.js';
import { ParseEvent } from '../http/parser.js';
import type { ResponseHead } from '../http/response-head.js';
import { ClientError, opName } from './errors.js';
import { EndOfStream, type PersistConn } from './persist-conn.js';
import type { ClientRequest } from './request.js';
import { ClientResponse, ResponseBody, type ResponseBodySource } from './response.js';

/** What an exchange needs from its transport. */
export interface ExchangeConfig {
  readonly disableKeepAlives: boolean;
  readonly expectContinueTimeout: number;
  readonly responseHeaderTimeout: number;
  /** Gives a finished connection back: pooled when `reusable`, else closed. */
  release(pc: PersistConn, reusable: boolean): void;
}

// Headers the transport writes itself (Go's reqWriteExcludeHeader).
const TRANSPORT_OWNED = ['host', 'content-length', 'transfer-encoding', 'trailer', 'user-agent'];
const USER_AGENT = 'sloe-http-client/1.1';
// Go stops after five 1xx responses before the final one.
const MAX_INTERIM = 5;
// Methods whose empty body is still announced with Content-Length: 0 (Go's transferWriter).
const LENGTH_FOR_EMPTY = new Set(['POST', 'PUT', 'PATCH']);

/** One request/response exchange on a connection. */
export class Exchange implements ResponseBodySource {
  readonly #pc: PersistConn;
  readonly #req: ClientRequest;
  readonly #cfg: ExchangeConfig;
  readonly #deadline: number;
  #done = false;
  #noReuse = false;
  #aborted = false;
  #awaitContinue = false;
  #bodySent: Promise<void> | null = null;
  #writeError: unknown = null;
  // True once the request is completely written.
  #written = false;
  #trailer: Header | null = null;

  constructor(pc: PersistConn, req: ClientRequest, cfg: ExchangeConfig, deadline: number) {
    this.#pc = pc;
    this.#req = req;
    this.#cfg = cfg;
    this.#deadline = deadline;
  }

  /** Sends the request and resolves with the response once its final head has arrived. */
  async run(): Promise<ClientResponse> {
    const req = this.#req;
    const pc = this.#pc;
    const signal = req.signal;
    if (signal !== null) {
      if (signal.aborted) throw this.#fail(signal.reason);
      signal.addEventListener('abort', this.#onAbort, { once: true });
    }
    if (this.#deadline > 0) pc.conn.setDeadline(this.#deadline);
    pc.begin(req.method);
    let head: ResponseHead;
    try {
      head = await this.#send();
    } catch (err) {
      throw this.#fail(err);
    }
    return this.#respond(head);
  }

  /** {@inheritDoc ResponseBodySource.readBody} */
  async readBody(): Promise<Uint8Array | null> {
    if (this.#done) return null;
    try {
      const ev = await this.#pc.next();
      if (ev === ParseEvent.BODY) return this.#pc.bodyChunk();
      this.#ended();
      return null;
    } catch (err) {
      throw this.#fail(err);
    }
  }

  /** {@inheritDoc ResponseBodySource.abandon} */
  abandon(): void {
    if (this.#done) return;
    try {
      for (let ev = this.#pc.nextReady(); ev !== ParseEvent.NEED_MORE; ev = this.#pc.nextReady()) {
        if (ev === ParseEvent.MESSAGE_END) {
          this.#ended();
          return;
        }
      }
    } catch {
      // A malformed rest: the connection is not reused, below.
    }
    this.#finish(false);
  }

  // Writes the request and reads up to the final head, sending the body when its turn comes.
  async #send(): Promise<ResponseHead> {
    const req = this.#req;
    const { text, ascii } = this.#headText();
    const bytes = req.bytes;
    const hasBody = (bytes !== null && bytes.length > 0) || req.stream !== null;
    this.#awaitContinue = hasBody && req.header.get('expect')?.toLowerCase() === '100-continue' && this.#cfg.expectContinueTimeout > 0;
    if (!hasBody || (req.stream === null && !this.#awaitContinue)) {
      // Hot path: head and body leave in one write, and the response is read right after.
      this.#bodySent = this.#pc.write(text, ascii, bytes);
      this.#bodySent.then(this.#onWritten, this.#onWriteError);
      return this.#readHead();
    }
    await this.#pc.write(text, ascii, null);
    let timer: NodeJS.Timeout | null = null;
    if (this.#awaitContinue) timer = setTimeout(this.#startBody, this.#cfg.expectContinueTimeout);
    else this.#startBody();
    try {
      const head = await this.#readHead();
      // A final answer before the body was asked for: the body is not sent, and the server may
      // still expect it, so the connection is not reused.
      if (this.#bodySent === null) this.#noReuse = true;
      return head;
    } finally {
      if (timer !== null) clearTimeout(timer);
    }
  }

  // The request line and header section, as Go's Request.write orders them.
  #headText(): { text: string; ascii: boolean } {
    const req = this.#req;
    const h = req.header;
    let s = `${req.method} ${req.requestURI} HTTP/1.1\r\nHost: ${req.host === '' ? req.url.host : req.host}\r\n`;
    s += `User-Agent: ${h.get('user-agent') ?? USER_AGENT}\r\n`;
    const n = req.outgoingLength;
    if (n > 0 || (n === 0 && LENGTH_FOR_EMPTY.has(req.method))) s += `Content-Length: ${n}\r\n`;
    else if (n < 0) s += 'Transfer-Encoding: chunked\r\n';
    if ((req.close || this.#cfg.disableKeepAlives) && !h.has('connection')) s += 'Connection: close\r\n';
    if (h.size > 0) s += ownsNone(h) ? headerLines(h) : userLines(h);
    return { text: s + '\r\n', ascii: headerIsAscii(h) };
  }

  // Reads heads until the final one (2xx-5xx, or 101), answering a 100 Continue.
  async #readHead(): Promise<ResponseHead> {
    const pc = this.#pc;
    const timeout = this.#cfg.responseHeaderTimeout;
    if (timeout > 0) pc.conn.setReadDeadline(this.#earliest(Date.now() + timeout));
    for (let interim = 0; ; interim++) {
      const ev = await pc.next();
      if (ev !== ParseEvent.HEAD) throw new Error(`client: unexpected parser event ${ev} before a head`);
      const head = pc.head;
      if (head.statusCode >= 200 || head.statusCode === 101) {
        if (timeout > 0) pc.conn.setReadDeadline(this.#deadline);
        return head;
      }
      if (head.statusCode === 100 && this.#awaitContinue) this.#startBody();
      if (interim >= MAX_INTERIM) {
        throw new ClientError('ERR_CLIENT_MALFORMED_RESPONSE', opName(this.#req.method), this.#req.url.href, 'too many 1xx informational responses');
      }
    }
  }

  #earliest(t: number): number {
    return this.#deadline > 0 ? Math.min(this.#deadline, t) : t;
  }

  #respond(head: ResponseHead): ClientResponse {
    const pc = this.#pc;
    const req = this.#req;
    const header = headerFromWire(head.names, head.values);
    this.#trailer = new Header();
    const noBody = head.bodyless || head.upgrade || (head.contentLength === 0 && !head.chunked);
    if (head.upgrade) this.#noReuse = true;
    if (noBody) {
      // The message is complete with its head: the connection goes back at once.
      try {
        if (pc.parseHeld() === ParseEvent.MESSAGE_END) this.#ended();
        else this.#finish(false);
      } catch {
        this.#finish(false);
      }
    }
    return new ClientResponse({
      statusCode: head.statusCode,
      reason: head.reason,
      proto: head.proto,
      header,
      body: new ResponseBody(noBody ? null : this, req),
      contentLength: head.bodyless || head.upgrade ? head.contentLength : head.chunked ? -1 : head.contentLength,
      close: !head.keepAlive || this.#noReuse,
      request: req,
      trailer: this.#trailer,
    });
  }

  // The response ended: its trailers are recorded and the connection given back.
  #ended(): void {
    const head = this.#pc.head;
    const trailer = this.#trailer;
    if (head.trailerNames !== null && trailer !== null) {
      for (let i = 0; i < head.trailerNames.length; i++) trailer.append(head.trailerNames[i]!, head.trailerValues![i]!);
    }
    this.#pc.served++;
    this.#finish(head.keepAlive);
  }

  #finish(reusable: boolean): void {
    if (this.#done) return;
    this.#done = true;
    this.#req.signal?.removeEventListener('abort', this.#onAbort);
    const pc = this.#pc;
    const ok = reusable && !this.#noReuse && !this.#aborted && !this.#req.close && !this.#cfg.disableKeepAlives;
    if (ok && this.#deadline > 0) pc.conn.setDeadline(null);
    const sent = this.#bodySent;
    if (sent === null || !ok || this.#written) {
      this.#cfg.release(pc, ok);
      return;
    }
    // The body may still be on its way (the server answered early): reuse only once it is out.
    sent.then(
      () => {
        this.#cfg.release(pc, this.#writeError === null);
      },
      () => {
        this.#cfg.release(pc, false);
      },
    );
  }

  // Fails the exchange: closes the connection and says why as a ClientError.
  #fail(err: unknown): ClientError {
    this.#finish(false);
    return toClientError(err, this.#req, this.#aborted);
  }

  readonly #onAbort = (): void => {
    this.#aborted = true;
    this.#pc.close();
  };

  readonly #onWritten = (): void => {
    this.#written = true;
  };

  readonly #onWriteError = (err: unknown): void => {
    this.#writeError ??= err;
  };

  readonly #startBody = (): void => {
    if (this.#bodySent !== null) return;
    this.#bodySent = this.#writeBody();
    this.#bodySent.then(this.#onWritten, this.#onWriteError);
  };

  async #writeBody(): Promise<void> {
    const req = this.#req;
    const pc = this.#pc;
    if (req.stream === null) {
      await pc.conn.write(req.bytes!);
      return;
    }
    const chunked = req.contentLength < 0;
    let total = 0;
    for await (const part of req.stream) {
      const chunk = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
      if (chunk.length === 0) continue;
      total += chunk.length;
      if (!chunked && total > req.contentLength) break;
      if (chunked) await pc.conn.writev([Buffer.from(`${chunk.length.toString(16)}\r\n`, 'latin1'), chunk, CRLF]);
      else await pc.conn.write(chunk);
    }
    if (chunked) {
      await pc.conn.write(LAST_CHUNK);
      return;
    }
    if (total !== req.contentLength) {
      const err = new ClientError(
        'ERR_CLIENT_CONTENT_LENGTH_MISMATCH',
        opName(req.method),
        req.url.href,
        `request body ${total > req.contentLength ? 'longer' : 'shorter'} than its Content-Length of ${req.contentLength}`,
      );
      this.#writeError = err;
      pc.close();
      throw err;
    }
  }
}

const CRLF = Buffer.from('\r\n', 'latin1');
const LAST_CHUNK = Buffer.from('0\r\n\r\n', 'latin1');

function ownsNone(h: Header): boolean {
  for (const name of TRANSPORT_OWNED) if (h.has(name)) return false;
  return true;
}

function userLines(h: Header): string {
  let s = '';
  for (const [name, value] of h) if (!TRANSPORT_OWNED.includes(name.toLowerCase())) s += `${name}: ${value}\r\n`;
  return s;
}

/** What went wrong in an exchange, as the ClientError Go's client would report. */
export function toClientError(err: unknown, req: ClientRequest, aborted: boolean): ClientError {
  const op = opName(req.method);
  const url = req.url.href;
  if (err instanceof ClientError) return err;
  if (aborted || (req.signal?.aborted === true && err instanceof ClosedError)) {
    const reason: unknown = req.signal?.reason;
    const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
    return new ClientError(timedOut ? 'ERR_CLIENT_TIMEOUT' : 'ERR_CLIENT_ABORTED', op, url, undefined, reason);
  }
  if (err instanceof DeadlineExceededError) return new ClientError('ERR_CLIENT_TIMEOUT', op, url, undefined, err);
  if (err instanceof EndOfStream) return new ClientError('ERR_CLIENT_CONNECTION_CLOSED', op, url, undefined, err);
  if (err instanceof HttpParseError) {
    if (err.code === 'ERR_HTTP_UNEXPECTED_EOF') return new ClientError('ERR_CLIENT_CONNECTION_CLOSED', op, url, 'unexpected end of stream in the response', err);
    return new ClientError('ERR_CLIENT_MALFORMED_RESPONSE', op, url, `malformed HTTP response: ${err.message}`, err);
  }
  if (err instanceof NetError) return new ClientError('ERR_CLIENT_CONNECTION', op, url, err.message, err);
  throw err;
}
