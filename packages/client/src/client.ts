// The client at run time: a Proxy that gathers path segments (`client.api.users[':id']`) and,
// on `$method(input)`, fills the pattern, builds the request and calls fetch. It knows nothing
// of the routes: their types are in types.ts, and only the checker reads them.
import { ClientError } from './errors.js';
import { fillPath, type ParamValues } from './path.js';
import { appendQuery, setHeaders } from './query.js';
import { readResponse, type UntypedResponse } from './response.js';
import type { Client, UntypedInput } from './types.js';

/** Headers as fetch takes them: an object, name-value pairs, or a Headers. */
export type HeaderList = Readonly<Record<string, string>> | readonly (readonly [string, string])[] | Headers;

/** Options of {@link client}. */
export interface ClientOptions {
  /**
   * What sends each request: the global `fetch` by default; `(request) => app.fetch(request)`
   * calls a sloe app in memory, without a socket (in tests).
   */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * Headers sent with every request (a call's own `header` and `init.headers` override them),
   * or a function giving them per request (a fresh token). Default: none.
   */
  headers?: HeaderList | (() => HeaderList | Promise<HeaderList>);
  /** fetch options for every request (`credentials`, `signal`...); a call's `init` overrides them. Default: none. */
  init?: RequestInit;
}

/**
 * A client of the API at `baseUrl` whose routes are those of `T` (`typeof api`, a chain of
 * registrations): `await client<typeof api>(url).api.users[':id'].$get({ param: { id: 7 } })`.
 * A base URL with a path (`https://example.com/v2`) prefixes every route's path.
 */
export function client<T>(baseUrl: string | URL, options: ClientOptions = {}): Client<T> {
  return node(new Requester(baseURL(baseUrl), options), '') as Client<T>;
}

function baseURL(given: string | URL): URL {
  let url: URL;
  try {
    url = new URL(given);
  } catch (err) {
    throw new ClientError('ERR_CLIENT_BASE_URL', `base URL ${JSON.stringify(String(given))} is not an absolute URL`, { cause: err });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ClientError('ERR_CLIENT_BASE_URL', `base URL ${url.href} is not http or https`);
  return url;
}

// A node of the path: reading a property gives the child segment, `$name` the call of method
// NAME on the path so far. `then` is absent, so that awaiting a node is not a call.
function node(requester: Requester, pattern: string): unknown {
  return new Proxy(Object.create(null) as object, {
    get(_target, key) {
      if (typeof key !== 'string' || key === 'then') return undefined;
      if (key.startsWith('$') && key.length > 1) {
        const method = key.slice(1).toUpperCase();
        return (input?: UntypedInput, init?: RequestInit) => requester.request(method, pattern === '' ? '/' : pattern, input, init);
      }
      return node(requester, `${pattern}/${key}`);
    },
  });
}

/** Builds and sends the requests of one client. */
class Requester {
  readonly #base: URL;
  readonly #options: ClientOptions;
  readonly #fetch: (request: Request) => Promise<Response>;

  constructor(base: URL, options: ClientOptions) {
    this.#base = base;
    this.#options = options;
    this.#fetch = options.fetch ?? ((request) => fetch(request));
  }

  /** Calls `method` on the route `pattern` with `input`; the answer, whatever its status. */
  async request(method: string, pattern: string, input: UntypedInput = {}, init: RequestInit = {}): Promise<UntypedResponse> {
    const url = this.#url(pattern, input.param);
    appendQuery(url, input.query);
    const headers = new Headers(await this.#defaultHeaders() as ConstructorParameters<typeof Headers>[0]);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    setHeaders(headers, input.header);
    new Headers(init.headers).forEach((value, name) => {
      headers.set(name, value);
    });
    let body: string | undefined;
    if (input.json !== undefined) {
      body = JSON.stringify(input.json);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    let response: Response;
    try {
      response = await this.#fetch(new Request(url, { ...this.#options.init, ...init, method, headers, ...(body === undefined ? {} : { body }) }));
    } catch (err) {
      throw new ClientError('ERR_CLIENT_FETCH', `${method} ${url.href}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    return readResponse(method, url, response);
  }

  #url(pattern: string, params: ParamValues | undefined): URL {
    const url = new URL(this.#base.href);
    const prefix = url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname;
    url.pathname = prefix + fillPath(pattern, params);
    url.search = '';
    url.hash = '';
    return url;
  }

  async #defaultHeaders(): Promise<HeaderList> {
    const h = this.#options.headers;
    if (h === undefined) return {};
    return typeof h === 'function' ? await h() : h;
  }
}
