// A typed client of the user API on fetch, in the spirit of Go's http.Get and json.Decode: one
// method per operation, plain values in and out, every non-2xx answer thrown as an ApiError.
// The command-line tool on it is cli.ts, run by the `sloe-users` bin (client-main.ts).
import { ApiError } from './errors.js';
import type { User, UserFields } from './store/user.js';

/** A user as the API sends it. */
export type UserJson = User;

/** A page of users as `GET /api/users` sends it. */
export interface UserList {
  items: UserJson[];
  /** How many users match the search, over all pages. */
  total: number;
  limit: number;
  /** The URL (path and query) of the next page, or null on the last page. */
  next: string | null;
}

/** Parameters of a list. */
export interface ListParams {
  q?: string;
  /** `name`, `-name`, `email`, `createdAt`, `-updatedAt`, ... */
  sort?: string;
  limit?: number;
  cursor?: string;
  offset?: number;
}

/** A user together with the ETag to send back in If-Match. */
export interface Tagged {
  user: UserJson;
  etag: string;
}

/** Options of a conditional write. */
export interface WriteOptions {
  /** Sent as If-Match: the write fails with 412 if the user changed since this tag. */
  ifMatch?: string;
}

/** Options of {@link UserClient}. */
export interface ClientOptions {
  /** The fetch to use. Default: the global fetch. */
  fetch?: typeof fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

/** A client of one server's `/api/users`. */
export class UserClient {
  readonly #base: URL;
  readonly #fetch: typeof fetch;
  readonly #headers: Record<string, string>;

  /** A client of the server at `baseUrl` (`http://localhost:8080`). */
  constructor(baseUrl: string | URL, options: ClientOptions = {}) {
    this.#base = new URL(baseUrl);
    this.#fetch = options.fetch ?? fetch;
    this.#headers = options.headers ?? {};
  }

  /** One page of users. */
  async list(params: ListParams = {}): Promise<UserList> {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, String(v));
    const qs = query.toString();
    return (await this.#json('GET', `/api/users${qs === '' ? '' : `?${qs}`}`)).body as UserList;
  }

  /** Every user matching `params`, following the next links. */
  async *all(params: Omit<ListParams, 'cursor' | 'offset'> = {}): AsyncGenerator<UserJson> {
    let page = await this.list(params);
    for (;;) {
      yield* page.items;
      if (page.next === null) return;
      page = (await this.#json('GET', page.next)).body as UserList;
    }
  }

  /** One user and its ETag. Throws ApiError 404 for an unknown id. */
  async get(id: number): Promise<Tagged> {
    return this.#tagged(await this.#json('GET', `/api/users/${id}`));
  }

  /** Creates a user; the answer is the stored user (email trimmed, NFKC-normalised and lower-cased). */
  async create(fields: Partial<UserFields> & Pick<UserFields, 'name' | 'email'>): Promise<Tagged> {
    return this.#tagged(await this.#json('POST', '/api/users', fields));
  }

  /** Replaces a user's fields (PUT). */
  async replace(id: number, fields: Partial<UserFields> & Pick<UserFields, 'name' | 'email'>, options: WriteOptions = {}): Promise<Tagged> {
    return this.#tagged(await this.#json('PUT', `/api/users/${id}`, fields, options));
  }

  /** Changes some fields (PATCH with a JSON Merge Patch; null removes age or bio). */
  async update(id: number, patch: Partial<UserFields>, options: WriteOptions = {}): Promise<Tagged> {
    return this.#tagged(await this.#json('PATCH', `/api/users/${id}`, patch, options, 'application/merge-patch+json'));
  }

  /** Deletes a user. */
  async delete(id: number, options: WriteOptions = {}): Promise<void> {
    await this.#json('DELETE', `/api/users/${id}`, undefined, options);
  }

  #tagged(res: { body: unknown; etag: string | null }): Tagged {
    return { user: res.body as UserJson, etag: res.etag ?? '' };
  }

  async #json(
    method: string,
    pathAndQuery: string,
    body?: unknown,
    options: WriteOptions = {},
    type = 'application/json',
  ): Promise<{ body: unknown; etag: string | null }> {
    const headers: Record<string, string> = { accept: 'application/json', ...this.#headers };
    if (body !== undefined) headers['content-type'] = type;
    if (options.ifMatch !== undefined) headers['if-match'] = options.ifMatch;
    const res = await this.#fetch(new URL(pathAndQuery, this.#base), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = null;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    if (!res.ok) {
      const o = typeof parsed === 'object' && parsed !== null ? (parsed as { error?: unknown; message?: unknown }) : {};
      const code = typeof o.error === 'string' ? o.error : 'ERR_HTTP';
      const message = typeof o.message === 'string' ? o.message : `${method} ${pathAndQuery}: ${res.status} ${res.statusText}`;
      throw new ApiError(res.status, code, message, parsed);
    }
    return { body: parsed, etag: res.headers.get('etag') };
  }
}
