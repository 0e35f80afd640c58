// Client: Go's http.Client. It follows redirects as Go does (at most 10, 301/302/303 turn a
// non-GET/HEAD request into a GET without body, 307/308 keep method and body), keeps cookies in a
// jar, and bounds the whole exchange, body included, by `timeout`.
import { Buffer } from 'node:buffer';
import { Header } from '../http/header.js';
import { cookieHeader, readSetCookies } from './cookie.js';
import type { CookieJar } from './cookie-jar.js';
import { ClientError, opName } from './errors.js';
import { ClientRequest, newRequest, type RequestBodyInit } from './request.js';
import type { ClientResponse } from './response.js';
import { ClientTransport, defaultTransport, type RoundTripper } from './transport.js';

/**
 * Decides whether to follow a redirect (Go's `Client.CheckRedirect`): `req` is the request about
 * to be sent, `via` the requests made so far, oldest first. Return (or throw) an Error to stop:
 * the Client rejects with `ERR_CLIENT_REDIRECT_REFUSED` whose cause is that error; return
 * {@link errUseLastResponse} to get the redirect response itself, body unread.
 */
export type CheckRedirectFunc = (req: ClientRequest, via: readonly ClientRequest[]) => Error | void;

/** The sentinel a checkRedirect returns to stop and get the last response (Go's `ErrUseLastResponse`). */
export class UseLastResponse extends Error {
  readonly code = 'ERR_CLIENT_USE_LAST_RESPONSE';
  constructor() {
    super('net/http: use last response');
    this.name = 'UseLastResponse';
  }
}

/** The one {@link UseLastResponse} value to return from a checkRedirect. */
export const errUseLastResponse: Error = new UseLastResponse();

/** Options of {@link Client}. */
export interface ClientOptions {
  /** Sends each request. Default: {@link defaultTransport}. */
  transport?: RoundTripper;
  /** The redirect policy. Default: follow up to 10 redirects. */
  checkRedirect?: CheckRedirectFunc;
  /** Where cookies come from and go to. Default: none (cookies are not kept). */
  jar?: CookieJar | null;
  /**
   * Milliseconds for the whole exchange: connecting, redirects and reading the body (Go's
   * `Client.Timeout`); past it the pending operation fails with `ERR_CLIENT_TIMEOUT`. 0: no limit.
   * Default 0.
   */
  timeout?: number;
}

/** What postForm takes: form values as URLSearchParams or a record (sent in key order, as Go's `Values.Encode`). */
export type FormValues = URLSearchParams | Record<string, string | readonly string[]>;

/** Go's `http.Client`: sends requests, follows redirects, keeps cookies. */
export class Client {
  /** Sends each request. */
  readonly transport: RoundTripper;
  /** The redirect policy; null for Go's default (10 requests in a row). */
  readonly checkRedirect: CheckRedirectFunc | null;
  /** The cookie jar, or null. */
  readonly jar: CookieJar | null;
  /** Milliseconds for each whole exchange; 0 for none. */
  readonly timeout: number;

  constructor(options: ClientOptions = {}) {
    this.transport = options.transport ?? defaultTransport;
    this.checkRedirect = options.checkRedirect ?? null;
    this.jar = options.jar ?? null;
    this.timeout = options.timeout ?? 0;
  }

  /** GETs `url` (Go's `Client.Get`). */
  get(url: string | URL): Promise<ClientResponse> {
    return this.do(newRequest('GET', url));
  }

  /** HEADs `url` (Go's `Client.Head`). */
  head(url: string | URL): Promise<ClientResponse> {
    return this.do(newRequest('HEAD', url));
  }

  /** POSTs `body` with the given Content-Type (Go's `Client.Post`). */
  post(url: string | URL, contentType: string, body: RequestBodyInit): Promise<ClientResponse> {
    const req = newRequest('POST', url, body);
    req.header.set('Content-Type', contentType);
    return this.do(req);
  }

  /** POSTs `values` as `application/x-www-form-urlencoded` (Go's `Client.PostForm`). */
  postForm(url: string | URL, values: FormValues): Promise<ClientResponse> {
    return this.post(url, 'application/x-www-form-urlencoded', encodeForm(values));
  }

  /**
   * Sends `req` and follows redirects (Go's `Client.Do`). Resolves with the final response,
   * whose body must be read or closed; rejects with a {@link ClientError}.
   */
  async do(req: ClientRequest): Promise<ClientResponse> {
    const deadline = this.timeout > 0 ? Date.now() + this.timeout : 0;
    const first = req;
    const via: ClientRequest[] = [];
    let resp: ClientResponse | null = null;
    let redirectMethod = '';
    let includeBody = false;
    for (;;) {
      if (resp !== null) {
        const next = this.#redirectRequest(resp, req, first, redirectMethod, includeBody);
        if (next === null) return resp;
        const refused = this.#check(next, via);
        if (refused === errUseLastResponse) return resp;
        resp.body.close();
        if (refused !== null) {
          const code = this.checkRedirect === null ? 'ERR_CLIENT_TOO_MANY_REDIRECTS' : 'ERR_CLIENT_REDIRECT_REFUSED';
          throw new ClientError(code, opName(first.method), next.url.href, refused.message, refused);
        }
        req = next;
      }
      via.push(req);
      resp = await this.#send(req, deadline);
      [redirectMethod, includeBody] = redirectBehavior(req.method, resp.statusCode, first);
      if (redirectMethod === '') return resp;
    }
  }

  /** Closes the idle connections of the transport, when it has any (Go's `Client.CloseIdleConnections`). */
  closeIdleConnections(): void {
    const t = this.transport as { closeIdleConnections?: () => void };
    t.closeIdleConnections?.();
  }

  // One hop: cookies from the jar in, the exchange, cookies from the response out.
  async #send(req: ClientRequest, deadline: number): Promise<ClientResponse> {
    let out = req;
    if (this.jar !== null) {
      const cookies = this.jar.cookies(req.url);
      if (cookies.length > 0) {
        out = withHeader(req, new Header(req.header));
        const existing = out.header.get('cookie');
        out.header.set('Cookie', existing === null ? cookieHeader(cookies) : `${existing}; ${cookieHeader(cookies)}`);
      }
    }
    let resp: ClientResponse;
    const t = this.transport;
    if (t instanceof ClientTransport) {
      resp = await t.roundTripBefore(out, deadline);
    } else {
      if (deadline > 0) {
        const timeout = AbortSignal.timeout(Math.max(0, deadline - Date.now()));
        out = out.withSignal(out.signal === null ? timeout : AbortSignal.any([out.signal, timeout]));
      }
      resp = await t.roundTrip(out);
    }
    if (this.jar !== null) {
      const set = readSetCookies(resp.header);
      if (set.length > 0) this.jar.setCookies(req.url, set);
    }
    return resp;
  }

  // The request a redirect asks for (Go's Client.do loop), or null to return `resp` as it is.
  #redirectRequest(resp: ClientResponse, req: ClientRequest, first: ClientRequest, method: string, includeBody: boolean): ClientRequest | null {
    const loc = resp.header.get('location');
    // A 3xx without Location is returned as it is, as Go does.
    if (loc === null || loc === '') return null;
    let u: URL;
    try {
      u = new URL(loc, req.url);
    } catch (err) {
      resp.body.close();
      throw new ClientError('ERR_CLIENT_INVALID_REDIRECT', opName(first.method), req.url.href, `failed to parse Location header ${JSON.stringify(loc)}`, err);
    }
    const body = includeBody ? (first.bytes ?? first.stream) : null;
    const next = new ClientRequest(method, u, new Header(), body, includeBody ? first.contentLength : 0, first.signal);
    next.response = resp;
    // A custom Host survives a relative redirect (Go's issue 22233).
    if (req.host !== '' && req.host !== req.url.host && !/^[a-z][a-z0-9+.-]*:/i.test(loc)) next.host = req.host;
    for (const [name, value] of first.header) {
      if (shouldCopyHeaderOnRedirect(name, first.url, u)) next.header.append(name, value);
    }
    if (!(req.url.protocol === 'https:' && u.protocol === 'http:')) {
      const ref = new URL(req.url.href);
      ref.username = '';
      ref.password = '';
      ref.hash = '';
      next.header.set('Referer', ref.href);
    }
    return next;
  }

  #check(next: ClientRequest, via: readonly ClientRequest[]): Error | null {
    const check = this.checkRedirect ?? defaultCheckRedirect;
    try {
      return check(next, via) ?? null;
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  }
}

/** Go's default policy: stop after 10 redirects. */
function defaultCheckRedirect(_req: ClientRequest, via: readonly ClientRequest[]): Error | void {
  if (via.length >= 10) return new Error('stopped after 10 redirects');
}

/**
 * Go's redirectBehavior: the method of the next request ('' not to follow) and whether it
 * carries the first request's body.
 */
function redirectBehavior(method: string, status: number, first: ClientRequest): [string, boolean] {
  switch (status) {
    case 301:
    case 302:
    case 303:
      return [method === 'GET' || method === 'HEAD' ? method : 'GET', false];
    case 307:
    case 308:
      // A body that cannot be sent again stops here: the redirect response is returned.
      if (!first.replayable && first.outgoingLength !== 0) return ['', false];
      return [method, true];
    default:
      return ['', false];
  }
}

// Authorization and cookies set by hand go only to the same domain or its subdomains (Go's rule).
function shouldCopyHeaderOnRedirect(name: string, initial: URL, dest: URL): boolean {
  switch (name.toLowerCase()) {
    case 'authorization':
    case 'www-authenticate':
    case 'cookie':
    case 'cookie2': {
      const ihost = initial.hostname.toLowerCase();
      const dhost = dest.hostname.toLowerCase();
      return dhost === ihost || dhost.endsWith('.' + ihost);
    }
    default:
      return true;
  }
}

function withHeader(req: ClientRequest, header: Header): ClientRequest {
  const r = new ClientRequest(req.method, req.url, header, req.bytes ?? req.stream, req.contentLength, req.signal);
  r.host = req.host;
  r.close = req.close;
  r.response = req.response;
  return r;
}

/** Encodes form values as Go's `url.Values.Encode`: a record in key order, URLSearchParams as given. */
export function encodeForm(values: FormValues): Buffer {
  let params: URLSearchParams;
  if (values instanceof URLSearchParams) {
    params = values;
  } else {
    params = new URLSearchParams();
    for (const key of Object.keys(values).sort()) {
      const v = values[key]!;
      if (typeof v === 'string') params.append(key, v);
      else for (const one of v) params.append(key, one);
    }
  }
  return Buffer.from(params.toString(), 'latin1');
}

/** The Client the package-level functions use (Go's `DefaultClient`): no timeout, no jar. */
export const defaultClient = new Client();

/** GETs `url` with the default client (Go's `http.Get`). */
export function get(url: string | URL): Promise<ClientResponse> {
  return defaultClient.get(url);
}

/** HEADs `url` with the default client (Go's `http.Head`). */
export function head(url: string | URL): Promise<ClientResponse> {
  return defaultClient.head(url);
}

/** POSTs `body` with the default client (Go's `http.Post`). */
export function post(url: string | URL, contentType: string, body: RequestBodyInit): Promise<ClientResponse> {
  return defaultClient.post(url, contentType, body);
}

/** POSTs form values with the default client (Go's `http.PostForm`). */
export function postForm(url: string | URL, values: FormValues): Promise<ClientResponse> {
  return defaultClient.postForm(url, values);
}
