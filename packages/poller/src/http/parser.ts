// A strict, incremental HTTP/1.1 parser (RFC 9112), one state machine over bytes, for requests
// (the server) and, in response mode, for responses (the client). It is a pull parser: exec() consumes bytes until something happens (a head is complete, body bytes
// are available, a message ends) and returns there, so the caller decides when to go on. Any
// split of the input gives the same result, one byte at a time included. Errors throw an
// HttpParseError; after one, the parser stays failed: nothing that follows is ever parsed.
import { HttpParseError } from './errors.js';
import type { HttpErrorCode } from './errors.js';
import { FIELD_VALUE, HEX, QDTEXT, TARGET, TOKEN, latin1 } from './chars.js';
import { RequestHead } from './request-head.js';
import { ResponseHead } from './response-head.js';

/** What the last exec() stopped on. */
export const ParseEvent = {
  /** Every byte was consumed; feed more. */
  NEED_MORE: 0,
  /**
   * A head is complete: `parser.head` (in response mode `parser.responseHead`; an interim 1xx
   * head other than 101 is followed by the next head of the same response).
   */
  HEAD: 1,
  /** Body bytes are available: `buf[parser.bodyStart, parser.bodyEnd)`. */
  BODY: 2,
  /** The current message is complete (trailers, if any, are on the head). */
  MESSAGE_END: 3,
  /** The connection has switched protocols: the bytes from here on are not HTTP. */
  UPGRADED: 4,
} as const;
/** One of {@link ParseEvent}. */
export type ParseEvent = (typeof ParseEvent)[keyof typeof ParseEvent];

/** Limits the parser enforces. */
export interface ParserLimits {
  /** Most bytes in the request target (414). */
  maxUriBytes: number;
  /** Most bytes in the request line plus header section, and in a trailer section (431). */
  maxHeaderBytes: number;
  /** Most bytes of chunk extensions on one chunk-size line (400). */
  maxChunkExtensionBytes: number;
  /** Keep the chunk extensions seen in `chunkExtensions` (for inspection; off in servers). */
  recordChunkExtensions?: boolean;
}

// States. Head: request line, then field lines.
const START = 0;
const START_LF = 1;
const METHOD = 2;
const TARGET_S = 3;
const PROTO = 4;
const VER_MAJOR = 5;
const VER_DOT = 6;
const VER_MINOR = 7;
const LINE_CR = 8;
const LINE_LF = 9;
const FIELD_START = 10;
const HEAD_END_LF = 11;
const NAME = 12;
const VALUE_OWS = 13;
const VALUE = 14;
const VALUE_LF = 15;
// Status line (response mode), after the version.
const STATUS_CODE = 16;
const STATUS_AFTER = 17;
const REASON = 18;
// Body.
const BODY_IDENTITY = 20;
const CHUNK_SIZE_START = 21;
const CHUNK_SIZE = 22;
const EXT_NAME_START = 23;
const EXT_NAME = 24;
const EXT_VALUE_START = 25;
const EXT_TOKEN = 26;
const EXT_QUOTED = 27;
const EXT_QUOTED_ESC = 28;
const EXT_AFTER_QUOTE = 29;
const CHUNK_SIZE_LF = 30;
const CHUNK_DATA = 31;
const CHUNK_DATA_CR = 32;
const CHUNK_DATA_LF = 33;
// A response body without Content-Length or chunked framing: everything until the end of stream.
const BODY_UNTIL_CLOSE = 34;
// Between and after messages.
const MESSAGE_DONE = 40;
const CLOSED = 41;
const CLOSED_LF = 42;
const UPGRADED = 43;
const FAILED = 44;

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const HTAB = 0x09;

// 2^53 in hex is 14 digits; 13 hex digits keep a chunk size exact.
const MAX_CHUNK_SIZE_DIGITS = 13;
// 15 decimal digits keep a Content-Length exact (below 2^53).
const MAX_CONTENT_LENGTH_DIGITS = 15;

/** Empty lines (CRLF) accepted before a request line. */
const MAX_EMPTY_LINES = 8;

/** Which side of the exchange the parser reads: requests (a server) or responses (a client). */
export type ParserMode = 'request' | 'response';

/**
 * An incremental parser for one connection. Feed it with exec(buf, start, end); read what
 * happened from `event` and the fields it names. In response mode, tell it with
 * {@link RequestParser.expectResponseTo} which method each response answers: a response to HEAD
 * (or CONNECT) is framed differently.
 */
export class RequestParser {
  /** What the last exec() stopped on. */
  event: ParseEvent = ParseEvent.NEED_MORE;
  /** The head of the current message (valid from HEAD until the next message starts). */
  head: RequestHead = new RequestHead();
  /** Start of the body bytes of a BODY event, in the buffer given to exec(). */
  bodyStart = 0;
  /** End of the body bytes of a BODY event. */
  bodyEnd = 0;
  /** Chunk extensions seen in the current message, when recordChunkExtensions is on. */
  chunkExtensions: [string, string | null][] = [];

  readonly #limits: ParserLimits;
  readonly #response: boolean;
  // Response mode: the method of the request the next response answers.
  #requestMethod = 'GET';
  #state = START;
  #error: HttpParseError | null = null;
  // Empty lines seen before the request line being waited for.
  #emptyLines = 0;
  // Bytes consumed by earlier exec() calls, for error offsets.
  #consumed = 0;
  // A token or value split across exec() calls: the part already seen.
  #partial = '';
  // Where the current head (or trailer section) began, as an offset in the connection's bytes.
  #headStart = 0;
  #uriBytes = 0;
  #name = '';
  #inTrailers = false;
  // Framing collected from the fields.
  #close = false;
  #keepAliveToken = false;
  #connectionUpgrade = false;
  #hasUpgrade = false;
  #contentLength = -1;
  #transferEncoding = false;
  #chunkedLast = false;
  // Body progress.
  #remaining = 0;
  #sizeDigits = 0;
  #extBytes = 0;
  #extName = '';

  constructor(limits: ParserLimits, mode: ParserMode = 'request') {
    this.#limits = limits;
    this.#response = mode === 'response';
  }

  /** Response mode: the method of the request whose response comes next (default GET). */
  expectResponseTo(method: string): void {
    this.#requestMethod = method;
  }

  /** The head in response mode: status code, reason and framing of the current response. */
  get responseHead(): ResponseHead {
    const h = this.head;
    if (!(h instanceof ResponseHead)) throw new Error('parser: not in response mode');
    return h;
  }

  /** Response mode: true while the body runs until the end of stream (no length, not chunked). */
  get closeDelimited(): boolean {
    return this.#state === BODY_UNTIL_CLOSE;
  }

  /** True once the parser has failed; every later exec() throws the same error. */
  get failed(): boolean {
    return this.#error !== null;
  }

  /** True between messages (nothing of a next request seen yet), or after an upgrade. */
  get idle(): boolean {
    return this.#state === START || this.#state === CLOSED || this.#state === UPGRADED;
  }

  /** True while the parser is inside a head (request or status line, or fields). */
  get inHead(): boolean {
    return this.#state > START_LF && this.#state <= REASON;
  }

  /**
   * The connection ended. Throws ERR_HTTP_UNEXPECTED_EOF when a message was in progress (as llhttp's
   * finish()); between messages an end of stream is clean. A close-delimited response body
   * ends here: `event` is then MESSAGE_END.
   */
  finish(): void {
    if (this.#error !== null) throw this.#error;
    if (this.#state === BODY_UNTIL_CLOSE) {
      this.#state = CLOSED;
      this.event = ParseEvent.MESSAGE_END;
      return;
    }
    if (this.idle || this.#state === START_LF || this.#state === CLOSED_LF) return;
    this.#fail('ERR_HTTP_UNEXPECTED_EOF', 'connection closed in the middle of a request', this.#consumed);
  }

  /**
   * Parses from buf[start] up to buf[end]. Returns the offset it stopped at; `event` says why.
   * The caller passes the unconsumed rest again (with more bytes after it, if it likes).
   */
  exec(buf: Uint8Array, start: number, end: number): number {
    if (this.#error !== null) throw this.#error;
    const i = this.#run(buf, start, end);
    this.#consumed += i - start;
    return i;
  }

  // The state machine. Spans (method, target, name, value) are sliced from `buf` when they end
  // inside it; a span cut by the end of the buffer is kept in #partial.
  #run(buf: Uint8Array, i: number, end: number): number {
    const base = i;
    while (true) {
      switch (this.#state) {
        case START: {
          if (i >= end) return this.#needMore(buf, base, i, end);
          const c = buf[i]!;
          if (this.#response) {
            // A status line comes first; no empty lines are allowed before it.
            this.#beginMessage(this.#consumed + (i - base));
            this.#state = PROTO;
            continue;
          }
          if (c === CR) {
            this.#state = START_LF;
            i++;
            continue;
          }
          this.#beginMessage(this.#consumed + (i - base));
          this.#state = METHOD;
          continue;
        }
        case START_LF:
          if (i >= end) return this.#needMore(buf, base, i, end);
          if (buf[i] !== LF) this.#failAt('ERR_HTTP_INVALID_LINE_ENDING', 'expected LF after CR', base, i);
          // RFC 9112 §2.2 asks a server to ignore at least one empty line before a request line;
          // a stream of them is not a request.
          if (++this.#emptyLines > MAX_EMPTY_LINES) this.#failAt('ERR_HTTP_BAD_REQUEST', `more than ${MAX_EMPTY_LINES} empty lines before a request line`, base, i);
          i++;
          this.#state = START;
          continue;
        case METHOD: {
          const s = i;
          while (i < end && TOKEN[buf[i]!] === 1) i++;
          if (i >= end) return this.#keepPartial(buf, base, s, end);
          if (buf[i] !== SP) this.#failAt('ERR_HTTP_INVALID_METHOD', 'invalid character in method', base, i);
          const method = this.#take(buf, s, i);
          if (method.length === 0) this.#failAt('ERR_HTTP_INVALID_METHOD', 'empty method', base, i);
          this.head.method = method;
          i++;
          this.#uriBytes = 0;
          this.#state = TARGET_S;
          continue;
        }
        case TARGET_S: {
          const s = i;
          while (i < end && TARGET[buf[i]!] === 1) i++;
          this.#uriBytes += i - s;
          if (this.#uriBytes > this.#limits.maxUriBytes) this.#failAt('ERR_HTTP_URI_TOO_LONG', 'request target too long', base, i);
          if (i >= end) return this.#keepPartial(buf, base, s, end);
          const c = buf[i]!;
          if (c !== SP && c !== CR) this.#failAt('ERR_HTTP_INVALID_TARGET', 'invalid character in request target', base, i);
          const url = this.#take(buf, s, i);
          if (url.length === 0) this.#failAt('ERR_HTTP_INVALID_TARGET', 'empty request target', base, i);
          this.head.url = url;
          i++;
          if (c === CR) {
            // A request line without a version: HTTP/0.9.
            this.head.major = 0;
            this.head.minor = 9;
            this.#state = LINE_LF;
          } else {
            this.#state = PROTO;
          }
          continue;
        }
        case PROTO: {
          const s = i;
          while (i < end && buf[i]! >= 0x41 && buf[i]! <= 0x5a) i++;
          if (i >= end) return this.#keepPartial(buf, base, s, end);
          if (buf[i] !== 0x2f) this.#failAt('ERR_HTTP_INVALID_VERSION', 'expected protocol/version', base, i);
          const proto = this.#take(buf, s, i);
          if (proto !== 'HTTP' && (this.#response || (proto !== 'RTSP' && proto !== 'ICE'))) {
            this.#failAt('ERR_HTTP_INVALID_VERSION', `unknown protocol ${JSON.stringify(proto)}`, base, i);
          }
          this.head.protocol = proto;
          i++;
          this.#state = VER_MAJOR;
          continue;
        }
        case VER_MAJOR:
          if (i >= end) return this.#needMore(buf, base, i, end);
          if (!isDigit(buf[i]!)) this.#failAt('ERR_HTTP_INVALID_VERSION', 'expected major version digit', base, i);
          this.head.major = buf[i]! - 0x30;
          i++;
          this.#state = VER_DOT;
          continue;
        case VER_DOT:
          if (i >= end) return this.#needMore(buf, base, i, end);
          if (buf[i] !== 0x2e) this.#failAt('ERR_HTTP_INVALID_VERSION', 'expected "." in version', base, i);
          i++;
          this.#state = VER_MINOR;
          continue;
        case VER_MINOR: {
          if (i >= end) return this.#needMore(buf, base, i, end);
          if (!isDigit(buf[i]!)) this.#failAt('ERR_HTTP_INVALID_VERSION', 'expected minor version digit', base, i);
          const h = this.head;
          h.minor = buf[i]! - 0x30;
          if (h.protocol === 'HTTP' && h.major !== 1) {
            this.#failAt('ERR_HTTP_VERSION_NOT_SUPPORTED', `HTTP/${h.major}.${h.minor} is not supported`, base, i);
          }
          // A later HTTP/1.x is processed as HTTP/1.1, the highest minor version this server
          // implements (RFC 9110 §2.5).
          if (h.protocol === 'HTTP' && h.minor > 1) h.minor = 1;
          i++;
          this.#state = LINE_CR;
          continue;
        }
        case LINE_CR:
          if (i >= end) return this.#needMore(buf, base, i, end);
          if (this.#response) {
            if (buf[i] !== SP) this.#failAt('ERR_HTTP_INVALID_STATUS_LINE', 'expected SP after version', base, i);
            i++;
            this.responseHead.statusCode = 0;
            this.#sizeDigits = 0;
            this.#state = STATUS_CODE;
            continue;
          }
          if (buf[i] !== CR) this.#failAt('ERR_HTTP_INVALID_VERSION', 'expected CRLF after version', base, i);
          i++;
          this.#state = LINE_LF;
          continue;
        case STATUS_CODE: {
          // status-code = 3DIGIT, from 100 to 599 (RFC 9110 §15).
          const h = this.responseHead;
          while (i < end && this.#sizeDigits < 3) {
            if (!isDigit(buf[i]!)) this.#failAt('ERR_HTTP_INVALID_STATUS_LINE', 'expected a three-digit status code', base, i);
            h.statusCode = h.statusCode * 10 + (buf[i]! - 0x30);
            this.#sizeDigits++;
            i++;
          }
          if (i >= end) return this.#needMore(buf, base, i, end);
          if (h.statusCode < 100 || h.statusCode > 599) this.#failAt('ERR_HTTP_INVALID_STATUS_LINE', `status code ${h.statusCode} out of range`, base, i);
          this.#state = STATUS_AFTER;
          continue;
        }
        case STATUS_AFTER: {
          if (i >= end) return this.#needMore(buf, base, i, end);
          const c = buf[i]!;
          i++;
          // The reason phrase may be absent, and with it the SP before it (RFC 9112 §4).
          if (c === SP) this.#state = REASON;
          else if (c === CR) this.#state = LINE_LF;
          else this.#failAt('ERR_HTTP_INVALID_STATUS_LINE', 'expected SP or CRLF after the status code', base, i - 1);
          continue;
        }
        case REASON: {
          const s = i;
          while (i < end && FIELD_VALUE[buf[i]!] === 1) i++;
          if (i >= end) return this.#keepPartial(buf, base, s, end);
          if (buf[i] !== CR) this.#failAt('ERR_HTTP_INVALID_STATUS_LINE', 'invalid character in reason phrase', base, i);
          this.responseHead.reason = this.#take(buf, s, i);
          i++;
          this.#state = LINE_LF;
          continue;
        }
        case LINE_LF:
          if (i >= end) return this.#needMore(buf, base, i, end);
          if (buf[i] !== LF) this.#failAt('ERR_HTTP_INVALID_LINE_ENDING', 'expected LF after CR', base, i);
          i++;
          this.#state = FIELD_START;
          continue;
        case FIELD_START: {
          if (i >= end) return this.#needMore(buf, base, i, end);
          const c = buf[i]!;
          if (c === CR) {
            i++;
            this.#state = HEAD_END_LF;
            continue;
          }
          if (c === SP || c === HTAB) this.#failAt('ERR_HTTP_OBS_FOLD', 'whitespace at the start of a field line', base, i);
          this.#state = NAME;
          continue;
        }
        case HEAD_END_LF:
          if (i >= end) return this.#needMore(buf, base, i, end);
          if (buf[i] !== LF) this.#failAt('ERR_HTTP_INVALID_LINE_ENDING', 'expected LF after the header section', base, i);
          i++;
          this.#checkHeadBytes(base, i);
          if (this.#inTrailers) {
            this.#state = MESSAGE_DONE;
            continue;
          }
          if (this.#response) this.#finishResponseHead(base, i);
          else this.#finishHead(base, i);
          this.event = ParseEvent.HEAD;
          return i;
        case NAME: {
          const s = i;
          while (i < end && TOKEN[buf[i]!] === 1) i++;
          if (i >= end) return this.#keepPartial(buf, base, s, end);
          if (buf[i] !== 0x3a) this.#failAt('ERR_HTTP_INVALID_HEADER_NAME', 'invalid character in field name', base, i);
          const name = this.#take(buf, s, i);
          if (name.length === 0) this.#failAt('ERR_HTTP_INVALID_HEADER_NAME', 'empty field name', base, i);
          this.#name = name;
          i++;
          this.#state = VALUE_OWS;
          continue;
        }
        case VALUE_OWS:
          while (i < end && (buf[i] === SP || buf[i] === HTAB)) i++;
          if (i >= end) return this.#needMore(buf, base, i, end);
          this.#state = VALUE;
          continue;
        case VALUE: {
          const s = i;
          while (i < end && FIELD_VALUE[buf[i]!] === 1) i++;
          if (i >= end) return this.#keepPartial(buf, base, s, end);
          const c = buf[i]!;
          if (c === LF) this.#failAt('ERR_HTTP_INVALID_LINE_ENDING', 'bare LF after field value', base, i);
          if (c !== CR) this.#failAt('ERR_HTTP_INVALID_HEADER_VALUE', 'invalid character in field value', base, i);
          let e = i;
          while (e > s && (buf[e - 1] === SP || buf[e - 1] === HTAB)) e--;
          const value = e > s || this.#partial.length === 0 ? this.#take(buf, s, e) : trimOws(this.#take(buf, s, e));
          i++;
          this.#state = VALUE_LF;
          this.#addField(this.#name, value, base, i);
          continue;
        }
        case VALUE_LF:
          if (i >= end) return this.#needMore(buf, base, i, end);
          if (buf[i] !== LF) this.#failAt('ERR_HTTP_INVALID_LINE_ENDING', 'bare CR in field line', base, i);
          i++;
          this.#checkHeadBytes(base, i);
          this.#state = FIELD_START;
          continue;
        case BODY_IDENTITY: {
          if (i >= end) return this.#needMore(buf, base, i, end);
          const n = Math.min(this.#remaining, end - i);
          this.bodyStart = i;
          this.bodyEnd = i + n;
          this.#remaining -= n;
          if (this.#remaining === 0) this.#state = MESSAGE_DONE;
          this.event = ParseEvent.BODY;
          return i + n;
        }
        case BODY_UNTIL_CLOSE:
          if (i >= end) return this.#needMore(buf, base, i, end);
          this.bodyStart = i;
          this.bodyEnd = end;
          this.event = ParseEvent.BODY;
          return end;
        case CHUNK_SIZE_START: {
          if (i >= end) return this.#needMore(buf, base, i, end);
          const d = HEX[buf[i]!]!;
          if (d < 0) this.#failAt('ERR_HTTP_INVALID_CHUNK_SIZE', 'expected a hex digit', base, i);
          this.#remaining = d;
          this.#sizeDigits = 1;
          this.#extBytes = 0;
          i++;
          this.#state = CHUNK_SIZE;
          continue;
        }
        case CHUNK_SIZE: {
          while (i < end) {
            const d = HEX[buf[i]!]!;
            if (d < 0) break;
            // Leading zeros do not count towards the size limit.
            if (this.#remaining > 0 && ++this.#sizeDigits > MAX_CHUNK_SIZE_DIGITS) {
              this.#failAt('ERR_HTTP_INVALID_CHUNK_SIZE', 'chunk size too large', base, i);
            }
            this.#remaining = this.#remaining * 16 + d;
            i++;
          }
          if (i >= end) return this.#needMore(buf, base, i, end);
          const c = buf[i]!;
          i++;
          if (c === CR) this.#state = CHUNK_SIZE_LF;
          else if (c === 0x3b) this.#state = EXT_NAME_START;
          else this.#failAt('ERR_HTTP_INVALID_CHUNK_SIZE', 'invalid character in chunk size', base, i - 1);
          continue;
        }
        case EXT_NAME_START:
        case EXT_NAME:
        case EXT_VALUE_START:
        case EXT_TOKEN:
        case EXT_QUOTED:
        case EXT_QUOTED_ESC:
        case EXT_AFTER_QUOTE: {
          const j = this.#runExtensions(buf, base, i, end);
          // Still inside the extensions: the buffer ran out. (Read through a number: the case
          // labels narrowed the field's type, which the call above may have changed.)
          const state: number = this.#state;
          if (state !== CHUNK_SIZE_LF) return j;
          i = j;
          continue;
        }
        case CHUNK_SIZE_LF:
          if (i >= end) return this.#needMore(buf, base, i, end);
          if (buf[i] !== LF) this.#failAt('ERR_HTTP_INVALID_CHUNK_SIZE', 'expected LF after chunk size', base, i);
          i++;
          if (this.#remaining === 0) {
            this.#inTrailers = true;
            this.#headStart = this.#consumed + (i - base);
            this.#state = FIELD_START;
          } else {
            this.#state = CHUNK_DATA;
          }
          continue;
        case CHUNK_DATA: {
          if (i >= end) return this.#needMore(buf, base, i, end);
          const n = Math.min(this.#remaining, end - i);
          this.bodyStart = i;
          this.bodyEnd = i + n;
          this.#remaining -= n;
          if (this.#remaining === 0) this.#state = CHUNK_DATA_CR;
          this.event = ParseEvent.BODY;
          return i + n;
        }
        case CHUNK_DATA_CR:
          if (i >= end) return this.#needMore(buf, base, i, end);
          if (buf[i] !== CR) this.#failAt('ERR_HTTP_INVALID_CHUNK_DATA', 'expected CRLF after chunk data', base, i);
          i++;
          this.#state = CHUNK_DATA_LF;
          continue;
        case CHUNK_DATA_LF:
          if (i >= end) return this.#needMore(buf, base, i, end);
          if (buf[i] !== LF) this.#failAt('ERR_HTTP_INVALID_CHUNK_DATA', 'expected LF after chunk data', base, i);
          i++;
          this.#state = CHUNK_SIZE_START;
          continue;
        case MESSAGE_DONE:
          this.#state = this.head.upgrade ? UPGRADED : this.head.keepAlive ? START : CLOSED;
          this.event = ParseEvent.MESSAGE_END;
          return i;
        case CLOSED: {
          if (i >= end) return this.#needMore(buf, base, i, end);
          if (buf[i] !== CR) this.#failAt('ERR_HTTP_DATA_AFTER_CLOSE', 'data after a message that closes the connection', base, i);
          i++;
          this.#state = CLOSED_LF;
          continue;
        }
        case CLOSED_LF:
          if (i >= end) return this.#needMore(buf, base, i, end);
          if (buf[i] !== LF) this.#failAt('ERR_HTTP_DATA_AFTER_CLOSE', 'data after a message that closes the connection', base, i);
          i++;
          this.#state = CLOSED;
          continue;
        case UPGRADED:
          this.event = ParseEvent.UPGRADED;
          return i;
        default:
          throw new Error(`unreachable parser state ${this.#state}`);
      }
    }
  }

  #beginMessage(at: number): void {
    this.#emptyLines = 0;
    if (this.#response) {
      const h = new ResponseHead();
      h.method = this.#requestMethod;
      this.head = h;
    } else {
      this.head = new RequestHead();
    }
    this.#headStart = at;
    this.#inTrailers = false;
    this.#close = false;
    this.#keepAliveToken = false;
    this.#connectionUpgrade = false;
    this.#hasUpgrade = false;
    this.#contentLength = -1;
    this.#transferEncoding = false;
    this.#chunkedLast = false;
    if (this.chunkExtensions.length > 0) this.chunkExtensions = [];
  }

  // The end of the buffer inside the head: count the bytes, keep any open span.
  #needMore(_buf: Uint8Array, base: number, i: number, end: number): number {
    this.#checkHeadBytes(base, end);
    this.event = ParseEvent.NEED_MORE;
    return i;
  }

  // The end of the buffer inside a span: keep what was seen of it.
  #keepPartial(buf: Uint8Array, base: number, s: number, end: number): number {
    this.#partial += latin1(buf, s, end);
    return this.#needMore(buf, base, end, end);
  }

  // A span ended at `e`: its text, joined with any part kept from earlier buffers.
  #take(buf: Uint8Array, s: number, e: number): string {
    if (this.#partial.length === 0) return latin1(buf, s, e);
    const v = this.#partial + latin1(buf, s, e);
    this.#partial = '';
    return v;
  }

  #checkHeadBytes(base: number, i: number): void {
    if (!this.inHead && !this.#inTrailers) return;
    const n = this.#consumed + (i - base) - this.#headStart;
    if (n > this.#limits.maxHeaderBytes) {
      this.#failAt('ERR_HTTP_HEADERS_TOO_LARGE', this.#inTrailers ? 'trailer section too large' : 'header section too large', base, i);
    }
  }

  // The chunk extensions of one chunk-size line (RFC 9112 §7.1.1), from after the first ';' to
  // the CR that ends the line: runs until the state leaves them (CHUNK_SIZE_LF) or the buffer ends.
  #runExtensions(buf: Uint8Array, base: number, i: number, end: number): number {
    while (this.#state !== CHUNK_SIZE_LF) {
      switch (this.#state) {
        case EXT_NAME_START:
          if (i >= end) return this.#needMore(buf, base, i, end);
          if (TOKEN[buf[i]!] !== 1) this.#failAt('ERR_HTTP_INVALID_CHUNK_EXTENSION', 'expected a chunk extension name', base, i);
          this.#state = EXT_NAME;
          continue;
        case EXT_NAME: {
          const s = i;
          while (i < end && TOKEN[buf[i]!] === 1) i++;
          this.#countExt(base, i - s, i);
          if (i >= end) return this.#keepPartial(buf, base, s, end);
          this.#extName = this.#take(buf, s, i);
          const c = buf[i]!;
          i++;
          if (c === 0x3d) {
            this.#state = EXT_VALUE_START;
            continue;
          }
          this.#recordExtension(this.#extName, null);
          this.#afterExtension(c, base, i - 1);
          continue;
        }
        case EXT_VALUE_START:
          if (i >= end) return this.#needMore(buf, base, i, end);
          if (buf[i] === 0x22) {
            this.#partial += '"';
            i++;
            this.#countExt(base, 1, i);
            this.#state = EXT_QUOTED;
          } else if (TOKEN[buf[i]!] === 1) {
            this.#state = EXT_TOKEN;
          } else {
            this.#failAt('ERR_HTTP_INVALID_CHUNK_EXTENSION', 'invalid chunk extension value', base, i);
          }
          continue;
        case EXT_TOKEN: {
          const s = i;
          while (i < end && TOKEN[buf[i]!] === 1) i++;
          this.#countExt(base, i - s, i);
          if (i >= end) return this.#keepPartial(buf, base, s, end);
          this.#recordExtension(this.#extName, this.#take(buf, s, i));
          const c = buf[i]!;
          i++;
          this.#afterExtension(c, base, i - 1);
          continue;
        }
        case EXT_QUOTED: {
          const s = i;
          while (i < end && QDTEXT[buf[i]!] === 1) i++;
          this.#countExt(base, i - s, i);
          if (i >= end) return this.#keepPartial(buf, base, s, end);
          const c = buf[i]!;
          if (c !== 0x22 && c !== 0x5c) {
            this.#failAt('ERR_HTTP_INVALID_CHUNK_EXTENSION', 'invalid character in quoted chunk extension', base, i);
          }
          i++;
          this.#countExt(base, 1, i);
          if (c === 0x5c) {
            this.#partial += latin1(buf, s, i);
            this.#state = EXT_QUOTED_ESC;
            continue;
          }
          this.#recordExtension(this.#extName, this.#take(buf, s, i));
          this.#state = EXT_AFTER_QUOTE;
          continue;
        }
        case EXT_QUOTED_ESC:
          if (i >= end) return this.#needMore(buf, base, i, end);
          if (QDTEXT[buf[i]!] !== 1 && buf[i] !== 0x22 && buf[i] !== 0x5c) {
            this.#failAt('ERR_HTTP_INVALID_CHUNK_EXTENSION', 'invalid quoted-pair in chunk extension', base, i);
          }
          this.#partial += String.fromCharCode(buf[i]!);
          i++;
          this.#countExt(base, 1, i);
          this.#state = EXT_QUOTED;
          continue;
        case EXT_AFTER_QUOTE: {
          if (i >= end) return this.#needMore(buf, base, i, end);
          const c = buf[i]!;
          i++;
          this.#afterExtension(c, base, i - 1);
          continue;
        }
        default:
          throw new Error(`parser: state ${this.#state} is not a chunk extension state`);
      }
    }
    return i;
  }

  #countExt(base: number, n: number, i: number): void {
    this.#extBytes += n;
    if (this.#extBytes > this.#limits.maxChunkExtensionBytes) {
      this.#failAt('ERR_HTTP_INVALID_CHUNK_EXTENSION', 'chunk extensions too long', base, i);
    }
  }

  #recordExtension(name: string, value: string | null): void {
    if (this.#limits.recordChunkExtensions === true) this.chunkExtensions.push([name, value]);
  }

  // After an extension name or value: another extension, or the end of the size line.
  #afterExtension(c: number, base: number, at: number): void {
    this.#extBytes++;
    if (c === 0x3b) this.#state = EXT_NAME_START;
    else if (c === CR) this.#state = CHUNK_SIZE_LF;
    else this.#failAt('ERR_HTTP_INVALID_CHUNK_EXTENSION', 'invalid character in chunk extensions', base, at);
  }

  // One complete field line: store it, and note what it says about framing.
  #addField(name: string, value: string, base: number, i: number): void {
    const h = this.head;
    if (this.#inTrailers) {
      (h.trailerNames ??= []).push(name);
      (h.trailerValues ??= []).push(value);
      return;
    }
    h.names.push(name);
    h.values.push(value);
    switch (name.length) {
      case 4:
        if (name.toLowerCase() === 'host') {
          if (h.hostCount++ === 0) h.host = value;
        }
        return;
      case 6:
        if (name.toLowerCase() === 'expect') h.expect = value.toLowerCase();
        return;
      case 7:
        if (name.toLowerCase() === 'upgrade') this.#hasUpgrade = true;
        return;
      case 10:
        if (name.toLowerCase() === 'connection') this.#connectionTokens(value);
        return;
      case 14:
        if (name.toLowerCase() === 'content-length') this.#setContentLength(value, base, i);
        return;
      case 17:
        if (name.toLowerCase() === 'transfer-encoding') this.#transferCodings(value, base, i);
        return;
    }
  }

  #connectionTokens(value: string): void {
    for (const raw of value.split(',')) {
      const t = trimOws(raw).toLowerCase();
      if (t === 'close') this.#close = true;
      else if (t === 'keep-alive') this.#keepAliveToken = true;
      else if (t === 'upgrade') this.#connectionUpgrade = true;
    }
  }

  // Content-Length = 1*DIGIT; a repeat must carry the same value (RFC 9110 §8.6).
  #setContentLength(value: string, base: number, i: number): void {
    if (value.length === 0) this.#failAt('ERR_HTTP_INVALID_CONTENT_LENGTH', 'empty Content-Length', base, i);
    let n = 0;
    let digits = 0;
    for (let k = 0; k < value.length; k++) {
      const c = value.charCodeAt(k);
      if (c < 0x30 || c > 0x39) this.#failAt('ERR_HTTP_INVALID_CONTENT_LENGTH', 'invalid character in Content-Length', base, i);
      if (n > 0 || c !== 0x30) digits++;
      if (digits > MAX_CONTENT_LENGTH_DIGITS) this.#failAt('ERR_HTTP_INVALID_CONTENT_LENGTH', 'Content-Length too large', base, i);
      n = n * 10 + (c - 0x30);
    }
    if (this.#contentLength >= 0 && this.#contentLength !== n) {
      this.#failAt('ERR_HTTP_INVALID_CONTENT_LENGTH', 'several differing Content-Length values', base, i);
    }
    this.#contentLength = n;
  }

  // Transfer-Encoding = #transfer-coding; chunked, when present, must come last and once.
  #transferCodings(value: string, base: number, i: number): void {
    this.#transferEncoding = true;
    for (const raw of value.split(',')) {
      const coding = trimOws(raw).toLowerCase();
      if (coding.length === 0) continue;
      if (this.#chunkedLast) {
        this.#failAt('ERR_HTTP_INVALID_TRANSFER_ENCODING', 'a transfer coding after chunked', base, i);
      }
      if (!isTokenString(coding)) this.#failAt('ERR_HTTP_INVALID_TRANSFER_ENCODING', 'invalid transfer coding', base, i);
      if (coding === 'chunked') this.#chunkedLast = true;
      else this.head.unsupportedCoding = true;
    }
  }

  // The header section is complete: derive framing and persistence (RFC 9112 §6.3, §9.3).
  #finishHead(base: number, i: number): void {
    const h = this.head;
    // PRI is registered only for HTTP/2's connection preface (RFC 9113 §3.4), as llhttp treats it.
    if (h.method === 'PRI') this.#failAt('ERR_HTTP_VERSION_NOT_SUPPORTED', 'the HTTP/2 connection preface is not supported', base, i);
    if (this.#transferEncoding) {
      if (this.#contentLength >= 0) {
        this.#failAt('ERR_HTTP_CONTENT_LENGTH_WITH_TRANSFER_ENCODING', 'Transfer-Encoding with Content-Length', base, i);
      }
      if (!this.#chunkedLast) this.#failAt('ERR_HTTP_INVALID_TRANSFER_ENCODING', 'Transfer-Encoding does not end in chunked', base, i);
      h.chunked = true;
      h.contentLength = -1;
    } else {
      h.contentLength = Math.max(this.#contentLength, 0);
    }
    if (h.major === 1 && h.minor === 1 && h.protocol === 'HTTP') h.keepAlive = !this.#close;
    else if (h.major === 1 && h.minor === 0 && h.protocol === 'HTTP') h.keepAlive = this.#keepAliveToken && !this.#close;
    else h.keepAlive = false;
    // An HTTP/1.0 message with Transfer-Encoding has faulty framing: close after it (RFC 9112 §6.1).
    if (this.#transferEncoding && h.minor === 0) h.keepAlive = false;
    h.upgrade = h.method === 'CONNECT' || (this.#connectionUpgrade && this.#hasUpgrade);
    if (h.method === 'CONNECT') {
      h.contentLength = 0;
      h.chunked = false;
      this.#state = MESSAGE_DONE;
    } else if (h.chunked) {
      this.#state = CHUNK_SIZE_START;
    } else if (h.contentLength > 0) {
      this.#remaining = h.contentLength;
      this.#state = BODY_IDENTITY;
    } else {
      this.#state = MESSAGE_DONE;
    }
  }

  // A response's header section is complete: its framing depends on the status and on the method
  // of the request it answers (RFC 9112 §6.3).
  #finishResponseHead(base: number, i: number): void {
    const h = this.responseHead;
    const status = h.statusCode;
    if (h.major === 1 && h.minor === 1) h.keepAlive = !this.#close;
    else h.keepAlive = this.#keepAliveToken && !this.#close;
    h.chunked = false;
    if (status < 200) {
      // 101 switches protocols; any other 1xx is interim: the final response follows.
      h.contentLength = 0;
      h.upgrade = status === 101;
      this.#state = h.upgrade ? MESSAGE_DONE : START;
      return;
    }
    if (h.method === 'CONNECT' && status < 300) {
      h.contentLength = 0;
      h.upgrade = true;
      this.#state = MESSAGE_DONE;
      return;
    }
    if (h.method === 'HEAD' || status === 204 || status === 304) {
      // No body, whatever the fields say; Content-Length is the length a GET would get.
      h.contentLength = status === 204 ? 0 : Math.max(this.#contentLength, 0);
      h.bodyless = true;
      this.#state = MESSAGE_DONE;
      return;
    }
    if (this.#transferEncoding) {
      if (this.#contentLength >= 0) {
        this.#failAt('ERR_HTTP_CONTENT_LENGTH_WITH_TRANSFER_ENCODING', 'Transfer-Encoding with Content-Length', base, i);
      }
      if (h.unsupportedCoding) this.#failAt('ERR_HTTP_UNSUPPORTED_TRANSFER_CODING', 'a transfer coding other than chunked', base, i);
      h.chunked = true;
      h.contentLength = -1;
      this.#state = CHUNK_SIZE_START;
      return;
    }
    if (this.#contentLength >= 0) {
      h.contentLength = this.#contentLength;
      this.#remaining = h.contentLength;
      this.#state = h.contentLength > 0 ? BODY_IDENTITY : MESSAGE_DONE;
      return;
    }
    // Neither: the body runs until the server closes the connection.
    h.contentLength = -1;
    h.keepAlive = false;
    this.#state = BODY_UNTIL_CLOSE;
  }

  #failAt(code: HttpErrorCode, message: string, base: number, i: number): never {
    this.#fail(code, message, this.#consumed + (i - base));
  }

  #fail(code: HttpErrorCode, message: string, offset: number): never {
    this.#state = FAILED;
    this.#error = new HttpParseError(code, message, offset);
    throw this.#error;
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isTokenString(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c > 0xff || TOKEN[c] !== 1) return false;
  }
  return s.length > 0;
}

// Removes SP and HTAB (only those: obs-text such as 0xA0 is content) from both ends.
function trimOws(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) === SP || s.charCodeAt(a) === HTAB)) a++;
  while (b > a && (s.charCodeAt(b - 1) === SP || s.charCodeAt(b - 1) === HTAB)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}
