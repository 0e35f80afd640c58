// The Request of the node transport: a view of node:http's IncomingMessage. Headers, body,
// signal, path and remote address are computed the first time they are read.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestBody } from '../http/handler.js';
import { headerFromWire } from '../http/header.js';
import type { Header } from '../http/header.js';
import { closeSignal } from '../adapter/close-signal.js';
import { EmptyBody } from '../adapter/empty-body.js';
import { connectionPeer } from '../adapter/remote-addr.js';
import { StreamBody } from '../adapter/stream-body.js';
import { splitTarget, type Target } from '../adapter/target.js';
import type { ConnectionState } from '../tls/config.js';
import { servedConnectionState } from '../tls/state.js';
import { NodeBodySource } from './body.js';

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
  #target: Target | undefined;
  #headers: Header | undefined;
  #body: RequestBody | undefined;
  #signal: AbortSignal | undefined;

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
    return (this.#target ??= splitTarget(this.url)).path;
  }

  /** {@inheritDoc Request.rawQuery} */
  get rawQuery(): string {
    return (this.#target ??= splitTarget(this.url)).rawQuery;
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
    return connectionPeer(this.#req.socket, this.#req.socket);
  }

  /** {@inheritDoc Request.tls} */
  get tls(): ConnectionState | null {
    return servedConnectionState(this.#req.socket);
  }

  /** {@inheritDoc Request.body} */
  get body(): RequestBody {
    this.#body ??=
      this.contentLength === 0
        ? new EmptyBody()
        : new StreamBody(new NodeBodySource(this.#req, this.#res, this.#expectContinue), this.#maxBodyBytes);
    return this.#body;
  }

  /** {@inheritDoc Request.signal} */
  get signal(): AbortSignal {
    if (this.#signal === undefined) {
      const res = this.#res;
      const destroyed = res.destroyed || this.#req.socket.destroyed;
      this.#signal = closeSignal(res, destroyed, () => res.writableFinished, 'the client went away');
    }
    return this.#signal;
  }
}
