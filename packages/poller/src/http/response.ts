// ResponseWriter of the netpoll transport: builds the status line and header once, picks the
// framing (Content-Length when the whole body is known, chunked otherwise, close-delimited for
// HTTP/1.0), and hands bytes to the connection's output batch.
import { Buffer } from 'node:buffer';
import type { Conn } from '../net/conn.js';
import type { ResponseWriter } from './handler.js';
import { Header, headerIsAscii, headerLines } from './header.js';
import { HttpError } from './errors.js';
import { bodyForbidden, checkStatusCode, statusLine } from './status.js';
import { dateLine } from './date.js';
import { RESOLVED } from '../resolved.js';
import { sniffContentType } from '../nethttp/sniff.js';

/** What a response needs from its connection. */
export interface ResponseConn {
  /** Appends bytes to the output batch; resolves at once below the high-water mark. */
  send(bytes: Uint8Array): Promise<void>;
  /** Appends text, `byteLength` bytes once encoded as UTF-8, to the output batch; as `send`. */
  sendText(text: string, byteLength: number): Promise<void>;
  /** Writes the output batch now. */
  flush(): void;
  /** Whether the connection must close after this response (server closing, framing). */
  readonly closing: boolean;
  /** Hands the connection over to the caller. */
  hijack(): Conn;
}

const ignore = (): void => undefined;
const CRLF = Buffer.from('\r\n', 'latin1');
const LAST_CHUNK = Buffer.from('0\r\n\r\n', 'latin1');

/** The framing chosen when the header is sent. */
const enum Framing {
  Length,
  Chunked,
  Close,
  None,
}

/** The response to one request. */
export class Response implements ResponseWriter {
  readonly #conn: ResponseConn;
  readonly #minor: number;
  readonly #isHead: boolean;
  /** The request asked to keep the connection (version and Connection). */
  readonly #requestKeepAlive: boolean;
  /** The request is an Upgrade or a CONNECT: the only ones hijack() may take. */
  readonly #upgrade: boolean;
  #status = 0;
  #header: Header | null = null;
  #sent = false;
  #ended = false;
  #hijacked = false;
  #framing = Framing.None;
  #declared = -1;
  #written = 0;
  #keepAlive = true;

  constructor(conn: ResponseConn, minor: number, method: string, requestKeepAlive: boolean, upgrade: boolean) {
    this.#conn = conn;
    this.#upgrade = upgrade;
    this.#minor = minor;
    this.#isHead = method === 'HEAD';
    this.#requestKeepAlive = requestKeepAlive;
  }

  /** {@inheritDoc ResponseWriter.headersSent} */
  get headersSent(): boolean {
    return this.#sent;
  }

  /** True once end() ran (or the response was hijacked). */
  get finished(): boolean {
    return this.#ended || this.#hijacked;
  }

  /** False while the handler has neither set a status nor written, ended or hijacked. */
  get answered(): boolean {
    return this.#status !== 0 || this.#sent || this.#ended || this.#hijacked;
  }

  /** True when hijack() took the connection. */
  get hijacked(): boolean {
    return this.#hijacked;
  }

  /** Whether the connection may carry another request after this response. */
  get keepAlive(): boolean {
    return this.#keepAlive && this.#requestKeepAlive;
  }

  /** The status sent (or to be sent). */
  get status(): number {
    return this.#status === 0 ? 200 : this.#status;
  }

  /** {@inheritDoc ResponseWriter.header} */
  header(): Header {
    return (this.#header ??= new Header());
  }

  /** {@inheritDoc ResponseWriter.writeHeader} */
  writeHeader(status: number): void {
    if (this.#sent || this.#status !== 0) return;
    checkStatusCode(status);
    this.#status = status;
  }

  /** {@inheritDoc ResponseWriter.write} */
  write(chunk: Uint8Array | string): Promise<void> {
    if (this.#ended || this.#hijacked) {
      return this.#misuse(HttpError.of('ERR_HTTP_RESPONSE_ALREADY_SENT', this.#hijacked ? 'write after hijack' : 'write after end'));
    }
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (!this.#sent) {
      if (bytes.length > 0) {
        if (bodyForbidden(this.status)) return this.#misuse(this.#bodyNotAllowed());
        sniffContentType(this.header(), bytes);
      }
      this.#sendHead(-1);
    }
    return this.#sendBody(bytes);
  }

  /** {@inheritDoc ResponseWriter.end} */
  end(chunk?: Uint8Array | string): Promise<void> {
    if (this.#ended || this.#hijacked) return RESOLVED;
    if (!this.#sent) return this.#endWhole(chunk);
    const p = chunk === undefined ? RESOLVED : this.#sendBody(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    this.#ended = true;
    if (this.#framing === Framing.Chunked) return this.#conn.send(LAST_CHUNK);
    if (this.#framing === Framing.Length && this.#written !== this.#declared && (!this.#isHead || this.#written > 0)) {
      // The declared length was not met: the only honest ending is to close.
      return this.#lengthMismatch(`wrote ${this.#written} of ${this.#declared} declared bytes`);
    }
    return p;
  }

  /** {@inheritDoc ResponseWriter.flush} */
  flush(): void {
    if (this.#hijacked) return;
    if (!this.#sent && !this.#ended) this.#sendHead(-1);
    this.#conn.flush();
  }

  /** {@inheritDoc ResponseWriter.hijack} */
  hijack(): Conn {
    if (this.#hijacked) throw HttpError.of('ERR_HTTP_HIJACK_FAILED', 'the connection was already hijacked');
    if (this.#sent) throw HttpError.of('ERR_HTTP_HIJACK_FAILED', 'hijack after the response header was sent');
    if (!this.#upgrade) throw HttpError.of('ERR_HTTP_HIJACK_FAILED', 'only an Upgrade or CONNECT request can be hijacked');
    this.#hijacked = true;
    this.#keepAlive = false;
    return this.#conn.hijack();
  }

  /** Ends the response if the handler did not; never throws. */
  finish(): void {
    if (this.#ended || this.#hijacked) return;
    this.end().catch(() => {
      this.#keepAlive = false;
    });
  }

  // Hot path: the whole body at once, so the length is known and head and body go out as one
  // buffer. A body that is not the length the handler declared is not sent at all.
  #endWhole(chunk: Uint8Array | string | undefined): Promise<void> {
    this.#ended = true;
    const status = this.status;
    const noBody = bodyForbidden(status);
    if (typeof chunk === 'string') {
      const len = chunk.length === 0 ? 0 : Buffer.byteLength(chunk, 'utf8');
      if (noBody && len > 0) return this.#misuse(this.#bodyNotAllowed());
      if (len > 0) sniffContentType(this.header(), chunk);
      if (this.#header !== null && this.#declaredMismatch(len)) return this.#lengthMismatch(`a body of ${len} bytes for a declared Content-Length of ${this.#header.get('content-length')}`);
      const head = this.#headString(noBody ? -2 : len);
      const body = this.#isHead ? 0 : len;
      // Hot path: with an ASCII head, head and body go out as one string, encoded as UTF-8 on
      // the way to the socket. A Latin-1 header value needs the bytes built here.
      if (body === 0) return this.#sendHeadOnly(head);
      if (this.#headIsAscii()) return this.#conn.sendText(head + chunk, head.length + body);
      const buf = Buffer.allocUnsafe(head.length + len);
      buf.write(head, 0, 'latin1');
      buf.write(chunk, head.length, 'utf8');
      return this.#conn.send(buf);
    }
    const len = chunk === undefined ? 0 : chunk.length;
    if (noBody && len > 0) return this.#misuse(this.#bodyNotAllowed());
    if (len > 0) sniffContentType(this.header(), chunk!);
    if (this.#header !== null && this.#declaredMismatch(len)) return this.#lengthMismatch(`a body of ${len} bytes for a declared Content-Length of ${this.#header.get('content-length')}`);
    const head = this.#headString(noBody ? -2 : len);
    if (this.#isHead || len === 0 || chunk === undefined) return this.#sendHeadOnly(head);
    const buf = Buffer.allocUnsafe(head.length + len);
    buf.write(head, 0, 'latin1');
    buf.set(chunk, head.length);
    return this.#conn.send(buf);
  }

  #sendHead(length: number): void {
    const head = this.#headString(bodyForbidden(this.status) ? -2 : length);
    void this.#sendHeadOnly(head);
  }

  #sendHeadOnly(head: string): Promise<void> {
    return this.#headIsAscii() ? this.#conn.sendText(head, head.length) : this.#conn.send(Buffer.from(head, 'latin1'));
  }

  // Whether the head holds only ASCII: every part of it but the handler's field values is.
  #headIsAscii(): boolean {
    const h = this.#header;
    return h === null || headerIsAscii(h);
  }

  #sendBody(bytes: Uint8Array): Promise<void> {
    this.#written += bytes.length;
    if (bytes.length === 0 || this.#isHead || this.#framing === Framing.None) return RESOLVED;
    if (this.#framing === Framing.Length && this.#written > this.#declared) {
      return this.#lengthMismatch(`wrote more than the ${this.#declared} declared bytes`);
    }
    if (this.#framing !== Framing.Chunked) return this.#conn.send(bytes);
    const size = bytes.length.toString(16) + '\r\n';
    void this.#conn.sendText(size, size.length);
    void this.#conn.send(bytes);
    return this.#conn.send(CRLF);
  }

  // The status line and header. `length` is the body length when known, -1 when not, -2 when
  // the status has no body.
  #headString(length: number): string {
    this.#sent = true;
    const status = this.status;
    let s = statusLine(status, this.#minor) + dateLine();
    const h = this.#header;
    let declared = -1;
    if (h !== null && h.size > 0) {
      declared = this.#userFraming(h);
      s += headerLines(h);
    }
    if (length === -2) {
      this.#framing = Framing.None;
    } else if (declared >= 0) {
      this.#framing = Framing.Length;
      this.#declared = declared;
    } else if (length >= 0) {
      this.#framing = Framing.Length;
      this.#declared = length;
      s += 'Content-Length: ' + String(length) + '\r\n';
    } else if (this.#isHead) {
      this.#framing = Framing.None;
    } else if (this.#minor === 1) {
      this.#framing = Framing.Chunked;
      s += 'Transfer-Encoding: chunked\r\n';
    } else {
      this.#framing = Framing.Close;
      this.#keepAlive = false;
    }
    if (this.#conn.closing) this.#keepAlive = false;
    if (!this.keepAlive) {
      if (this.#requestKeepAlive || this.#minor === 1) s += 'Connection: close\r\n';
    } else if (this.#minor === 0) {
      s += 'Connection: keep-alive\r\n';
    }
    return s + '\r\n';
  }

  // The handler's own framing fields: a valid Content-Length is kept and honoured,
  // Transfer-Encoding and Connection are the transport's to set (Connection: close is honoured).
  #userFraming(h: Header): number {
    let declared = -1;
    const cl = h.get('content-length');
    if (cl !== null) {
      if (/^[0-9]{1,15}$/.test(cl)) declared = Number(cl);
      else h.delete('content-length');
    }
    if (h.has('transfer-encoding')) h.delete('transfer-encoding');
    const conn = h.get('connection');
    if (conn !== null) {
      if (conn.toLowerCase().includes('close')) this.#keepAlive = false;
      h.delete('connection');
    }
    return declared;
  }

  // Whether a whole body of `len` bytes contradicts a Content-Length the handler declared. A
  // HEAD response may declare the length of the GET body and send none.
  #declaredMismatch(len: number): boolean {
    const cl = this.#header!.get('content-length');
    if (cl === null || !/^[0-9]{1,15}$/.test(cl) || bodyForbidden(this.status)) return false;
    if (this.#isHead && len === 0) return false;
    return Number(cl) !== len;
  }

  // A body that is not the declared length: nothing more of this response is sent (the header
  // too, when it is not sent yet) and the connection closes after what was sent before it.
  #lengthMismatch(message: string): Promise<void> {
    this.#ended = true;
    this.#sent = true;
    this.#keepAlive = false;
    return this.#misuse(HttpError.of('ERR_HTTP_CONTENT_LENGTH_MISMATCH', message));
  }

  // A misuse of the writer: a rejected promise that a handler may ignore without an unhandled
  // rejection (reporting it is the caller's: it is thrown, or it is ignored on purpose).
  #misuse(err: HttpError): Promise<void> {
    const p = Promise.reject(err);
    p.catch(ignore);
    return p;
  }

  #bodyNotAllowed(): HttpError {
    return HttpError.of('ERR_HTTP_BODY_NOT_ALLOWED', `a ${this.status} response has no body`);
  }
}
