// The transport suite's client over HTTP/2: a duplex that the suite writes HTTP/1.1 requests to
// and reads HTTP/1.1 responses from, which speaks HTTP/2 to the server (node:http2's client).
// It lets the one table of cases run against the HTTP/2 transport. The translation, both ways:
//
// - each request head becomes a stream: the request line gives `:method` and `:path` (an
//   absolute-form target gives `:scheme`, `:authority` and `:path`; CONNECT's authority form
//   gives `:authority` alone), Host gives `:authority`, the other fields go as they are. A
//   Content-Length body goes as DATA frames as the bytes are written; a chunked body goes
//   de-chunked (extensions and trailers dropped), so its end is END_STREAM;
// - what HTTP/2 cannot say makes the gateway fail with NotExpressibleError, as a connection
//   reset: an HTTP version other than 1.1, a malformed head (bare LF, obs-fold, whitespace
//   before a colon, a NUL), a repeated Host, a Transfer-Encoding other than `chunked` or one
//   beside Content-Length, and the connection-specific fields (`Connection`, `Upgrade`,
//   `Keep-Alive`, `Proxy-Connection`);
// - responses come back in request order as `HTTP/2.0 <status>` (no reason phrase), the fields
//   as HTTP/2 delivered them (names in lower case), an interim response (100, 103) on its own;
//   a body with Content-Length as is, one without as chunked (the HTTP/1.1 form of DATA frames
//   up to END_STREAM);
// - a stream reset before its response ended is a cut-short response: what came is passed on
//   and the gateway closes, as an HTTP/1.1 server closes the connection; so does the session
//   ending (GOAWAY and close, or the socket closing).
import { connect as connectHttp2, constants, type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http2';
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import type { Connect } from './raw-client.js';

/** A request the gateway cannot put into HTTP/2. */
export class NotExpressibleError extends Error {
  readonly code = 'ERR_TEST_NOT_EXPRESSIBLE_IN_HTTP2';
}

/** How the gateway reaches the server. */
export interface GatewayOptions {
  /** Speak HTTP/2 over TLS (ALPN h2) trusting these CA certificates; default: cleartext h2c. */
  tls?: { ca: string | Buffer; servername?: string };
}

/** A Connect for the transport suite that speaks HTTP/2 to the server. */
export function http2Connect(options: GatewayOptions = {}): Connect {
  return (port) =>
    new Promise<Socket>((resolve, reject) => {
      const tls = options.tls;
      const session =
        tls === undefined
          ? connectHttp2(`http://127.0.0.1:${port}`)
          : connectHttp2(`https://127.0.0.1:${port}`, { ca: tls.ca, servername: tls.servername ?? 'localhost' });
      const onError = (err: Error): void => {
        reject(err);
      };
      session.once('error', onError);
      // Closed before its SETTINGS came (a connection past maxConnections): the picture is a
      // connection accepted, then closed without an answer.
      const onClose = (): void => {
        session.off('error', onError);
        resolve(new Http2Gateway(session) as unknown as Socket);
      };
      session.once('close', onClose);
      // Ready once the server's SETTINGS are in: a client that opens streams before knowing the
      // server's concurrency limit has those past it refused (and past node's tolerance for
      // refused streams, the session closed).
      session.once('remoteSettings', () => {
        session.off('error', onError);
        session.off('close', onClose);
        // The Duplex stands in for the socket the suite would have had.
        resolve(new Http2Gateway(session) as unknown as Socket);
      });
    });
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const CONNECTION_FIELDS = new Set(['connection', 'upgrade', 'keep-alive', 'proxy-connection']);

/** One request sent and the rendering of its response. */
interface Slot {
  stream: ClientHttp2Stream;
  head: boolean;
  /** The request, kept to send again when the server refuses the stream unprocessed (REFUSED_STREAM). */
  headers: OutgoingHttpHeaders;
  hasBody: boolean;
  body: Buffer[];
  bodyDone: boolean;
  responded: boolean;
  /** Rendered bytes waiting for the slots before this one. */
  pending: Buffer[];
  chunked: boolean;
  ended: boolean;
  /** Reset before its response ended. */
  cut: boolean;
}

/** The request body still being sent. */
interface Sending {
  slot: Slot;
  /** Bytes left of a Content-Length body, or -1 for a chunked one. */
  remaining: number;
}

class Http2Gateway extends Duplex {
  readonly #session: ClientHttp2Session;
  #in: Buffer = Buffer.alloc(0);
  #sending: Sending | undefined;
  readonly #slots: Slot[] = [];
  #paused: ClientHttp2Stream | undefined;
  #gone = false;
  /** Why the gateway gave up, when a request could not be put into HTTP/2. */
  refused: Error | undefined;

  constructor(session: ClientHttp2Session) {
    super();
    this.#session = session;
    session.on('error', () => undefined);
    if (session.closed || session.destroyed) {
      setImmediate(() => {
        this.#end();
      });
    } else {
      session.once('close', () => {
        this.#end();
      });
    }
  }

  /** The socket's hard close: the session goes with it. */
  resetAndDestroy(): this {
    this.destroy();
    return this;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    this.#in = this.#in.length === 0 ? chunk : Buffer.concat([this.#in, chunk]);
    try {
      this.#pump();
    } catch (err) {
      // The picture of a request HTTP/2 cannot carry is a connection that closes without an
      // answer; the reason is kept for whoever asks.
      this.refused = err as Error;
      callback();
      this.#end();
      return;
    }
    callback();
  }

  override _read(): void {
    const paused = this.#paused;
    this.#paused = undefined;
    paused?.resume();
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    this.#gone = true;
    // Never from inside one of the session's own callbacks: node:http2 asserts on that.
    const session = this.#session;
    setImmediate(() => {
      if (!session.destroyed) session.destroy();
    });
    callback(err);
  }

  /** Sends every whole request head and body byte received so far. */
  #pump(): void {
    for (;;) {
      if (this.#sending !== undefined) {
        if (!this.#sendBody(this.#sending)) return;
        this.#sending = undefined;
        continue;
      }
      const end = this.#in.indexOf('\r\n\r\n');
      if (end < 0) {
        if (this.#in.includes('\n\n') || /[^\r]\n/.test(this.#in.toString('latin1'))) throw new NotExpressibleError('a bare LF ends a line');
        return;
      }
      const head = this.#in.subarray(0, end).toString('latin1');
      this.#in = this.#in.subarray(end + 4);
      this.#open(head);
    }
  }

  /** Sends what is here of a body; true once it is all sent. */
  #sendBody(s: Sending): boolean {
    if (s.remaining >= 0) {
      const n = Math.min(s.remaining, this.#in.length);
      if (n > 0) this.#bodyWrite(s.slot, this.#in.subarray(0, n));
      this.#in = this.#in.subarray(n);
      s.remaining -= n;
      if (s.remaining > 0) return false;
      this.#bodyEnd(s.slot);
      return true;
    }
    for (;;) {
      const le = this.#in.indexOf('\r\n');
      if (le < 0) return false;
      const size = parseInt(this.#in.subarray(0, le).toString('latin1').split(';')[0]!, 16);
      if (!Number.isFinite(size)) throw new NotExpressibleError('a malformed chunk size');
      if (size === 0) {
        const trailerEnd = this.#in.indexOf('\r\n\r\n', le);
        const end = this.#in.subarray(le, le + 4).toString('latin1') === '\r\n\r\n' ? le + 4 : trailerEnd < 0 ? -1 : trailerEnd + 4;
        if (end < 0) return false;
        this.#in = this.#in.subarray(end);
        this.#bodyEnd(s.slot);
        return true;
      }
      if (this.#in.length < le + 2 + size + 2) return false;
      if (this.#in.subarray(le + 2 + size, le + 4 + size).toString('latin1') !== '\r\n') throw new NotExpressibleError('chunk data not followed by CRLF');
      this.#bodyWrite(s.slot, this.#in.subarray(le + 2, le + 2 + size));
      this.#in = this.#in.subarray(le + 4 + size);
    }
  }

  /** Opens the stream of one request head. */
  #open(head: string): void {
    if (/[\r\n]/.test(head.replaceAll('\r\n', ''))) throw new NotExpressibleError('a bare CR or LF in the head');
    const lines = head.split('\r\n');
    const line = /^(\S+) (\S+) HTTP\/1\.1$/.exec(lines[0]!);
    if (line === null) throw new NotExpressibleError(`request line ${JSON.stringify(lines[0])}: HTTP/2 carries HTTP/1.1 requests only`);
    const [, method, target] = line as unknown as [string, string, string];
    const headers: OutgoingHttpHeaders = { ':method': method };
    let hosts = 0;
    let length = -1;
    let chunked = false;
    for (const l of lines.slice(1)) {
      const m = /^([^:\s]+):[ \t]*(.*?)[ \t]*$/.exec(l);
      if (m === null || !TOKEN.test(m[1]!)) throw new NotExpressibleError(`field line ${JSON.stringify(l)}`);
      const name = m[1]!.toLowerCase();
      const value = m[2]!;
      if (/[\0-\x08\x0a-\x1f\x7f]/.test(value)) throw new NotExpressibleError(`a control byte in ${name}`);
      if (CONNECTION_FIELDS.has(name)) throw new NotExpressibleError(`${name}: HTTP/2 has no connection-specific fields`);
      if (name === 'host') {
        if (++hosts > 1) throw new NotExpressibleError('two Host fields: HTTP/2 has one :authority');
        headers[':authority'] = value;
        continue;
      }
      if (name === 'transfer-encoding') {
        if (value.toLowerCase() !== 'chunked') throw new NotExpressibleError(`Transfer-Encoding: ${value}`);
        chunked = true;
        continue;
      }
      if (name === 'content-length') {
        if (!/^\d+$/.test(value) || (length >= 0 && length !== Number(value))) throw new NotExpressibleError(`Content-Length: ${value}`);
        length = Number(value);
      }
      const prev = headers[name];
      headers[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [String(prev), value];
    }
    if (chunked && length >= 0) throw new NotExpressibleError('Transfer-Encoding with Content-Length');
    this.#target(headers, method, target);
    const hasBody = chunked || length > 0;
    const stream = this.#session.request(headers, { endStream: !hasBody });
    const slot: Slot = { stream, head: method === 'HEAD', headers, hasBody, body: [], bodyDone: !hasBody, responded: false, pending: [], chunked: false, ended: false, cut: false };
    if (hasBody) this.#sending = { slot, remaining: chunked ? -1 : length };
    this.#slots.push(slot);
    this.#attach(slot);
  }

  #bodyWrite(slot: Slot, bytes: Buffer): void {
    slot.body.push(Buffer.from(bytes));
    slot.stream.write(bytes);
  }

  #bodyEnd(slot: Slot): void {
    slot.bodyDone = true;
    slot.stream.end();
  }

  /**
   * Sends a refused request again, as HTTP/2 clients do (RFC 9113 §8.7): a stream past the
   * server's concurrency limit, opened before its SETTINGS arrived, was never processed.
   */
  #retry(slot: Slot): boolean {
    try {
      slot.stream = this.#session.request(slot.headers, { endStream: !slot.hasBody });
    } catch {
      return false;
    }
    for (const b of slot.body) slot.stream.write(b);
    if (slot.hasBody && slot.bodyDone) slot.stream.end();
    this.#attach(slot);
    return true;
  }

  /** The pseudo-header fields of a request target. */
  #target(headers: OutgoingHttpHeaders, method: string, target: string): void {
    if (method === 'CONNECT') {
      headers[':authority'] = target;
      return;
    }
    const absolute = /^(https?):\/\/([^/?#]+)(.*)$/.exec(target);
    if (absolute !== null) {
      headers[':scheme'] = absolute[1];
      headers[':authority'] = absolute[2];
      headers[':path'] = absolute[3] === '' ? '/' : absolute[3];
      return;
    }
    headers[':path'] = target;
  }

  /** Renders a stream's response as HTTP/1.1 bytes, in request order. */
  #attach(slot: Slot): void {
    const { stream } = slot;
    stream.on('error', () => undefined);
    stream.on('headers', (h) => {
      this.#emit(slot, Buffer.from(`HTTP/2.0 ${String(h[':status'])}\r\n\r\n`, 'latin1'));
    });
    // node:http2 passes the raw header list third, which its types do not declare.
    const onResponse = (_h: IncomingHttpHeaders, _flags: number, raw: string[]): void => {
      slot.responded = true;
      let text = '';
      let status = 0;
      let length = false;
      for (let i = 0; i < raw.length; i += 2) {
        if (raw[i] === ':status') status = Number(raw[i + 1]);
        else text += `${raw[i]}: ${raw[i + 1]}\r\n`;
        if (raw[i] === 'content-length') length = true;
      }
      const bodiless = slot.head || status === 204 || status === 304;
      if (!bodiless && !length) {
        slot.chunked = true;
        text += 'transfer-encoding: chunked\r\n';
      }
      this.#emit(slot, Buffer.from(`HTTP/2.0 ${status}\r\n${text}\r\n`, 'latin1'));
    };
    stream.on('response', onResponse as (h: IncomingHttpHeaders, flags: number) => void);
    stream.on('data', (d: Buffer) => {
      if (d.length === 0) return;
      this.#emit(slot, slot.chunked ? Buffer.concat([Buffer.from(`${d.length.toString(16)}\r\n`), d, Buffer.from('\r\n')]) : d);
    });
    stream.on('end', () => {
      if (slot.chunked) this.#emit(slot, Buffer.from('0\r\n\r\n'));
      slot.ended = true;
      this.#advance();
    });
    stream.on('close', () => {
      if (slot.ended) return;
      if (!slot.responded && stream.rstCode === constants.NGHTTP2_REFUSED_STREAM && !this.#gone && !this.#session.destroyed && this.#retry(slot)) return;
      // Reset before its response ended: the HTTP/1.1 picture of that is a closed connection.
      slot.ended = true;
      slot.cut = true;
      this.#advance();
    });
  }

  /** Passes `bytes` on now if `slot` is first in line, else keeps them for its turn. */
  #emit(slot: Slot, bytes: Buffer): void {
    if (this.#slots[0] !== slot) {
      slot.pending.push(bytes);
      return;
    }
    this.#push(slot.stream, bytes);
  }

  #push(stream: ClientHttp2Stream, bytes: Buffer): void {
    if (this.#gone) return;
    if (!this.push(bytes) && !stream.destroyed) {
      // The suite's reader is not reading: stop reading the stream, so its window closes.
      stream.pause();
      this.#paused = stream;
    }
  }

  /** Drops the finished slots at the head of the line and passes on what the next ones kept. */
  #advance(): void {
    while (this.#slots.length > 0 && this.#slots[0]!.ended) {
      if (this.#slots[0]!.cut) {
        this.#end();
        return;
      }
      this.#slots.shift();
      const next = this.#slots[0];
      if (next === undefined) break;
      for (const b of next.pending.splice(0)) this.#push(next.stream, b);
    }
  }

  /** The session (or a cut-short stream) ended: everything already answered has been passed on; the gateway closes. */
  #end(): void {
    if (this.#gone) return;
    this.#gone = true;
    const session = this.#session;
    setImmediate(() => {
      if (!session.destroyed) session.close();
    });
    // Closed once the reader has had every byte, as a socket closes after its last data.
    this.once('end', () => this.destroy());
    this.push(null);
    // As a socket at end of stream: with nothing left to read, 'end' (then 'close') comes now.
    this.read(0);
  }
}
