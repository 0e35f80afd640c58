import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Conn } from '@sloe/poller';
import { CoreError } from '../errors.js';
import { Header, type Request, type RequestBody, type ResponseWriter } from './contract.js';
import { IterableBody } from './iterable-body.js';

class NodeBody extends IterableBody {
  #msg: IncomingMessage;

  constructor(msg: IncomingMessage) {
    super();
    this.#msg = msg;
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return (this.#msg as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  }
}

/** A node:http request seen through the poller's {@link Request} contract (for `callback()`). */
export class NodeRequest implements Request {
  readonly method: string;
  readonly url: string;
  readonly path: string;
  readonly rawQuery: string;
  readonly proto: string;
  readonly remoteAddr: string;
  readonly contentLength: number;
  #msg: IncomingMessage;
  #res: ServerResponse;
  #headers: Header | undefined;
  #body: RequestBody | undefined;
  #abort: AbortController | undefined;

  /** Wraps the node:http pair. */
  constructor(msg: IncomingMessage, res: ServerResponse) {
    this.#msg = msg;
    this.#res = res;
    this.method = msg.method ?? 'GET';
    const url = msg.url ?? '/';
    this.url = url;
    const q = url.indexOf('?');
    this.path = q < 0 ? url : url.slice(0, q);
    this.rawQuery = q < 0 ? '' : url.slice(q + 1);
    this.proto = `HTTP/${msg.httpVersion}`;
    const addr = msg.socket.remoteAddress ?? '';
    this.remoteAddr = addr.includes(':') ? `[${addr}]:${msg.socket.remotePort ?? 0}` : `${addr}:${msg.socket.remotePort ?? 0}`;
    const cl = msg.headers['content-length'];
    this.contentLength = cl !== undefined ? Number(cl) : msg.headers['transfer-encoding'] !== undefined ? -1 : 0;
  }

  /** The request headers, in wire order. */
  get headers(): Header {
    if (this.#headers === undefined) {
      const raw = this.#msg.rawHeaders;
      const pairs: [string, string][] = [];
      for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
      this.#headers = new Header(pairs);
    }
    return this.#headers;
  }

  /** The request body. */
  get body(): RequestBody {
    this.#body ??= new NodeBody(this.#msg);
    return this.#body;
  }

  /** Aborts when the client goes away before the response ends. */
  get signal(): AbortSignal {
    if (this.#abort === undefined) {
      const ac = new AbortController();
      this.#abort = ac;
      this.#res.once('close', () => {
        if (!this.#res.writableFinished) ac.abort();
      });
    }
    return this.#abort.signal;
  }
}

/** A node:http response behind the poller's {@link ResponseWriter} contract. */
export class NodeResponseWriter implements ResponseWriter {
  #res: ServerResponse;
  #header = new Header();
  #status = 200;

  /** Wraps the response. */
  constructor(res: ServerResponse) {
    this.#res = res;
  }

  /** The response headers, mutable until sent. */
  header(): Header {
    return this.#header;
  }

  /** Sets the status to send. */
  writeHeader(status: number): void {
    if (!this.#res.headersSent) this.#status = status;
  }

  #commit(): void {
    const res = this.#res;
    if (res.headersSent) return;
    const flat: string[] = [];
    for (const [k, v] of this.#header) flat.push(k, v);
    res.writeHead(this.#status, flat);
  }

  /** Writes a chunk; resolves when node's buffer drains below its high-water mark. */
  write(chunk: Uint8Array | string): Promise<void> {
    const res = this.#res;
    if (res.writableEnded) return Promise.reject(new CoreError('ERR_RESPONSE_WRITTEN', 'write after end'));
    this.#commit();
    if (res.write(chunk)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (): void => {
        res.off('drain', done);
        res.off('close', done);
        if (res.destroyed && !res.writableFinished) reject(new Error('client went away'));
        else resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }

  /** Ends the response. */
  end(chunk?: Uint8Array | string): Promise<void> {
    const res = this.#res;
    if (res.writableEnded) return Promise.resolve();
    if (chunk !== undefined && !res.headersSent && !this.#header.has('content-length')) {
      this.#header.set('Content-Length', String(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length));
    }
    this.#commit();
    if (chunk === undefined) res.end();
    else res.end(chunk);
    return Promise.resolve();
  }

  /** Sends the headers now. */
  flush(): void {
    this.#commit();
    this.#res.flushHeaders();
  }

  /** Whether the headers were sent. */
  get headersSent(): boolean {
    return this.#res.headersSent;
  }

  /** Not offered through `callback()`: use the poller's transports for Upgrade. */
  hijack(): Conn {
    throw new CoreError('ERR_TRANSPORT', 'hijack is not available through callback()');
  }
}
