// The Request of the node transport: a view of node:http's IncomingMessage. Headers, body,
// signal, path and remote address are computed the first time they are read.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestBody } from '../http/handler.js';
import { headerFromWire } from '../http/header.js';
import type { Header } from '../http/header.js';
import { joinHostPort } from '../net/addr.js';
import { NodeRequestBody } from './body.js';
import { splitTarget } from './target.js';

/** What the server learnt about the request while checking it. */
export interface RequestFacts {
  /** The Content-Length, 0 without a body, -1 when chunked. */
  contentLength: number;
  /** Whether the client asked for `100 Continue` before sending the body. */
  expectContinue: boolean;
  /** The body size limit. */
  maxBodyBytes: number;
}

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
  readonly #facts: RequestFacts;
  #path: string | undefined;
  #rawQuery = '';
  #headers: Header | undefined;
  #body: RequestBody | undefined;
  #controller: AbortController | undefined;

  constructor(req: IncomingMessage, res: ServerResponse, facts: RequestFacts) {
    this.method = req.method!;
    this.url = req.url!;
    this.contentLength = facts.contentLength;
    this.#req = req;
    this.#res = res;
    this.#facts = facts;
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
    return joinHostPort(s.remoteAddress ?? '', String(s.remotePort ?? 0));
  }

  /** {@inheritDoc Request.body} */
  get body(): RequestBody {
    this.#body ??= new NodeRequestBody(this.#req, this.#res, this.#facts.maxBodyBytes, this.#facts.expectContinue);
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
