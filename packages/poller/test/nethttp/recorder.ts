// A ResponseWriter that records (Go's httptest.ResponseRecorder) and a Request built from a
// method, target and Host, for driving handlers without a socket.
import { Header } from '../../src/http/header.js';
import type { BodyReadOptions, Request, RequestBody, ResponseWriter } from '../../src/http/handler.js';
import { HttpError } from '../../src/http/errors.js';
import { sniffContentType } from '../../src/nethttp/sniff.js';
import type { Conn } from '../../src/net/conn.js';

export class Recorder implements ResponseWriter {
  status = 200;
  readonly #header = new Header();
  readonly chunks: Buffer[] = [];
  headersSent = false;
  ended = false;
  #statusSet = false;

  header(): Header {
    return this.#header;
  }
  writeHeader(status: number): void {
    if (this.#statusSet || this.headersSent) return;
    this.#statusSet = true;
    this.status = status;
  }
  write(chunk: Uint8Array | string): Promise<void> {
    const b = Buffer.from(chunk);
    if (!this.headersSent && b.length > 0) sniffContentType(this.#header, b);
    this.headersSent = true;
    this.chunks.push(b);
    return Promise.resolve();
  }
  async end(chunk?: Uint8Array | string): Promise<void> {
    if (chunk !== undefined) await this.write(chunk);
    this.headersSent = true;
    this.ended = true;
  }
  flush(): void {
    this.headersSent = true;
  }
  hijack(): Conn {
    throw new Error('no hijack in a recorder');
  }
  get body(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

function emptyBody(data = ''): RequestBody {
  const bytes = Buffer.from(data);
  const whole = async (o?: BodyReadOptions): Promise<Buffer> => {
    if (o?.limit !== undefined && bytes.length > o.limit) throw HttpError.of('ERR_HTTP_BODY_TOO_LARGE', 'too large');
    return bytes;
  };
  return {
    async *[Symbol.asyncIterator]() {
      if (bytes.length > 0) yield bytes;
    },
    bytes: whole,
    text: async (o) => (await whole(o)).toString('utf8'),
    json: async (o) => JSON.parse((await whole(o)).toString('utf8')) as unknown,
  };
}

/** A request for `target` (origin form, `*` or absolute form) with the given Host. */
export function fakeRequest(method: string, target: string, host = 'example.com', body = ''): Request {
  const abs = /^[a-z]+:\/\/[^/]*/i.exec(target);
  const rest = abs === null ? target : target.slice(abs[0].length) || '/';
  const q = rest.indexOf('?');
  return {
    method,
    url: target,
    path: q < 0 ? rest : rest.slice(0, q),
    rawQuery: q < 0 ? '' : rest.slice(q + 1),
    proto: 'HTTP/1.1',
    headers: new Header({ Host: host }),
    remoteAddr: '127.0.0.1:1234',
    tls: null,
    contentLength: body.length,
    body: emptyBody(body),
    signal: new AbortController().signal,
  };
}
