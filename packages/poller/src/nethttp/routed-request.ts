// The request a ServeMux hands its handlers: the transport's Request, seen through a view that
// adds the matched pattern and the wildcard values (Go's r.Pattern and r.PathValue), and that
// stripPrefix gives a shorter path.
import type { Header } from '../http/header.js';
import type { Request, RequestBody } from '../http/handler.js';
import type { ConnectionState } from '../tls/config.js';

/** What a RoutedRequest changes of the request it views. */
export interface RoutedRequestInit {
  /** The path the handler sees; default the request's. */
  path?: string;
  /** The pattern that matched; default the request's, or ''. */
  pattern?: string;
  /** The wildcard values by name, in pattern order. */
  values?: readonly (readonly [string, string])[];
  /** The body the handler reads; default the request's. */
  body?: RequestBody;
  /** The signal the handler watches; default the request's. */
  signal?: AbortSignal;
}

/**
 * A Request with Go's `Pattern`, `PathValue` and `SetPathValue`. Every other field is the
 * underlying request's, read through.
 */
export class RoutedRequest implements Request {
  readonly #r: Request;
  readonly #path: string;
  readonly #body: RequestBody | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #values: Map<string, string>;
  /** The ServeMux pattern that matched the request, or '' (Go's `r.Pattern`). */
  readonly pattern: string;

  constructor(r: Request, init: RoutedRequestInit = {}) {
    this.#r = r;
    this.#path = init.path ?? r.path;
    this.#body = init.body;
    this.#signal = init.signal;
    const outer = r instanceof RoutedRequest ? r : undefined;
    this.pattern = init.pattern ?? outer?.pattern ?? '';
    this.#values = init.values !== undefined ? new Map(init.values) : outer !== undefined ? new Map(outer.#values) : new Map<string, string>();
  }

  /** The value of the wildcard `name` in the matched pattern, '' when there is none (Go's `r.PathValue`). */
  pathValue(name: string): string {
    return this.#values.get(name) ?? '';
  }

  /** Sets what pathValue(name) returns (Go's `r.SetPathValue`). */
  setPathValue(name: string, value: string): void {
    this.#values.set(name, value);
  }

  /** {@inheritDoc Request.method} */
  get method(): string {
    return this.#r.method;
  }
  /** {@inheritDoc Request.url} */
  get url(): string {
    return this.#r.url;
  }
  /** {@inheritDoc Request.path} */
  get path(): string {
    return this.#path;
  }
  /** {@inheritDoc Request.rawQuery} */
  get rawQuery(): string {
    return this.#r.rawQuery;
  }
  /** {@inheritDoc Request.proto} */
  get proto(): string {
    return this.#r.proto;
  }
  /** {@inheritDoc Request.headers} */
  get headers(): Header {
    return this.#r.headers;
  }
  /** {@inheritDoc Request.remoteAddr} */
  get remoteAddr(): string {
    return this.#r.remoteAddr;
  }
  /** {@inheritDoc Request.tls} */
  get tls(): ConnectionState | null {
    return this.#r.tls;
  }
  /** {@inheritDoc Request.contentLength} */
  get contentLength(): number {
    return this.#r.contentLength;
  }
  /** {@inheritDoc Request.body} */
  get body(): RequestBody {
    return this.#body ?? this.#r.body;
  }
  /** {@inheritDoc Request.signal} */
  get signal(): AbortSignal {
    return this.#signal ?? this.#r.signal;
  }
}
