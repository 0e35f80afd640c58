// The Request of the node transport: a view of node:http's IncomingMessage. Headers, body,
// signal, path and remote address are computed the first time they are read.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestBody } from '../http/handler.js';
import { headerFromWire } from '../http/header.js';
import type { Header } from '../http/header.js';
import { joinHostPort, unmapIPv4 } from '../net/addr.js';
import { EmptyBody, NodeRequestBody } from './body.js';
import { splitTarget } from './target.js';

/** A Request over an IncomingMessage. */
export class NodeRequest implements Request {
  /** {@inheritDoc Request.method} */
  readonly method: string;
  /** {@inheritDoc Request.url} */
  readonly url: string;
  /** {@inheritDoc Request.contentLength} */
  readonly contentLength: number;
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;
  readonly #expectContinue: boolean;
  readonly #maxBodyBytes: number;
  #path: string | undefined;
  #rawQuery = '';
  #headers: Header | undefined;
  #body: RequestBody | undefined;
  #controller: AbortController | undefined;

  /**
   * `contentLength` is the declared body length (-1 chunked), `expectContinue` whether the
   * client waits for 100 Continue, `maxBodyBytes` the body limit.
   */
  constructor(req: IncomingMessage, res: ServerResponse, contentLength: number, expectContinue: boolean, maxBodyBytes: number) {
    this.method = req.method!;
    this.url = req.url!;
    this.contentLength = contentLength;
    this.#req = req;
    this.#res = res;
    this.#expectContinue = expectContinue;
    this.#maxBodyBytes = maxBodyBytes;
  }

  /** {@inheritDoc Request.path} */
  get path(): string {
    if (this.#path === undefined) this.#split();
    return this.#path!;
  }

  /** {@inheritDoc Request.rawQuery} */
  get rawQuery(): string {
    if (this.#path === undefined) this.#split();
    return this.#rawQuery;
  }

  /** {@inheritDoc Request.proto} */
  get proto(): string {
    return this.#req.httpVersion === '1.1' ? 'HTTP/1.1' : `HTTP/${this.#req.httpVersion}`;
  }

  /** {@inheritDoc Request.headers} */
  get headers(): Header {
    if (this.#headers === undefined) {
      const raw = this.#req.rawHeaders;
      const names: string[] = new Array<string>(raw.length >> 1);
      const values: string[] = new Array<string>(raw.length >> 1);
      for (let i = 0, j = 0; i < raw.length; i += 2, j++) {
        names[j] = raw[i]!;
        values[j] = raw[i + 1]!;
      }
      this.#headers = headerFromWire(names, values);
    }
    return this.#headers;
  }

  /** {@inheritDoc Request.remoteAddr} */
  get remoteAddr(): string {
    const s = this.#req.socket;
    return joinHostPort(unmapIPv4(s.remoteAddress ?? ''), String(s.remotePort ?? 0));
  }

  /** {@inheritDoc Request.body} */
  get body(): RequestBody {
    this.#body ??=
      this.contentLength === 0 ? new EmptyBody() : new NodeRequestBody(this.#req, this.#res, this.#maxBodyBytes, this.#expectContinue);
    return this.#body;
  }

  /** {@inheritDoc Request.signal} */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      const controller = new AbortController();
      this.#controller = controller;
      const res = this.#res;
      if (res.writableFinished) return controller.signal;
      if (res.destroyed || this.#req.socket.destroyed) {
        controller.abort(gone());
        return controller.signal;
      }
      res.once('close', () => {
        if (!res.writableFinished) controller.abort(gone());
      });
    }
    return this.#controller.signal;
  }

  #split(): void {
    const { path, rawQuery } = splitTarget(this.url);
    this.#path = path;
    this.#rawQuery = rawQuery;
  }
}

function gone(): Error {
  return Object.assign(new Error('the client went away'), { name: 'AbortError' });
}
