// The user API's client, in the spirit of Go's http.Get and json.Decode: one method per
// operation, plain values in and out, every non-2xx answer thrown as an ApiError. Its calls go
// through @sloe/client, typed from the API's own routes (UsersApi, http/api.ts): paths, params,
// queries, conditional headers and each answer's body come from the route definitions, with no
// generation step. The command-line tool on it is cli.ts, run by the `sloe-users` bin (client-main.ts).
import { client, type Client, type ClientResponse } from '@sloe/client';
import type { Infer } from '@sloe/core';
import { ApiError } from './errors.js';
import type { UsersApi } from './http/api.js';
import type { userListSchema, userSchema } from './http/api-schemas.js';
import type { UserFields } from './store/user.js';

/** The typed client of the API's routes: `api.api.users[':id'].$get({ param: { id } })`. */
export type UsersClient = Client<UsersApi>;

/** A user as the API sends it (the 200 schema of `GET /api/users/:id`). */
export type UserJson = Infer<typeof userSchema>;

/** A page of users as `GET /api/users` sends it: `items`, `total`, `limit`, and `next`, the URL of the next page or null. */
export type UserList = Infer<typeof userListSchema>;

/** Parameters of a list, as the route's query schema takes them (`sort`: `name`, `-name`, `email`, ...). */
export type ListParams = NonNullable<NonNullable<Parameters<UsersClient['api']['users']['$get']>[0]>['query']>;

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
  /** What sends each request. Default: the global fetch. */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

/** The fields of a new or replaced user: name and email required. */
type NewUser = Partial<UserFields> & Pick<UserFields, 'name' | 'email'>;

/** A client of one server's `/api/users`. */
export class UserClient {
  readonly #api: UsersClient;

  /** A client of the server at `baseUrl` (`http://localhost:8080`). */
  constructor(baseUrl: string | URL, options: ClientOptions = {}) {
    this.#api = client<UsersApi>(baseUrl, { headers: options.headers ?? {}, ...(options.fetch === undefined ? {} : { fetch: options.fetch }) });
  }

  /** The typed client underneath, for the calls this class does not wrap. */
  get api(): UsersClient {
    return this.#api;
  }

  /** One page of users. */
  async list(params: ListParams = {}): Promise<UserList> {
    return success(await this.#api.api.users.$get({ query: params })).body;
  }

  /** Every user matching `params`, following the next links. */
  async *all(params: Omit<ListParams, 'cursor' | 'offset'> = {}): AsyncGenerator<UserJson> {
    let page = await this.list(params);
    for (;;) {
      yield* page.items;
      if (page.next === null) return;
      const cursor = new URL(page.next, 'http://next.invalid').searchParams.get('cursor') ?? undefined;
      page = await this.list({ ...params, cursor });
    }
  }

  /** One user and its ETag. Throws ApiError 404 for an unknown id. */
  async get(id: number): Promise<Tagged> {
    return tagged(success(await this.#api.api.users[':id'].$get({ param: { id } })));
  }

  /** Creates a user; the answer is the stored user (email trimmed, NFKC-normalised and lower-cased). */
  async create(fields: NewUser): Promise<Tagged> {
    return tagged(success(await this.#api.api.users.$post({ json: fields })));
  }

  /** Replaces a user's fields (PUT). */
  async replace(id: number, fields: NewUser, options: WriteOptions = {}): Promise<Tagged> {
    return tagged(success(await this.#api.api.users[':id'].$put({ param: { id }, json: fields, header: conditions(options) })));
  }

  /** Changes some fields (PATCH with a JSON Merge Patch; null removes age or bio). */
  async update(id: number, patch: Partial<UserFields>, options: WriteOptions = {}): Promise<Tagged> {
    const res = await this.#api.api.users[':id'].$patch({ param: { id }, json: patch, header: conditions(options) }, { headers: { 'content-type': 'application/merge-patch+json' } });
    return tagged(success(res));
  }

  /** Deletes a user. */
  async delete(id: number, options: WriteOptions = {}): Promise<void> {
    success(await this.#api.api.users[':id'].$delete({ param: { id }, header: conditions(options) }));
  }
}

/** The conditional headers of a write. */
function conditions(options: WriteOptions): { 'if-match'?: string } {
  return options.ifMatch === undefined ? {} : { 'if-match': options.ifMatch };
}

/** The answer when it is a success (2xx); any other is thrown as an ApiError with the server's code and message. */
function success<R extends ClientResponse<number, unknown>>(res: R): Extract<R, { ok: true }> {
  if (res.response.ok) return res as Extract<R, { ok: true }>;
  const o = typeof res.body === 'object' && res.body !== null ? (res.body as { error?: unknown; message?: unknown }) : {};
  const code = typeof o.error === 'string' ? o.error : 'ERR_HTTP';
  const message = typeof o.message === 'string' ? o.message : `${res.response.status} ${res.response.statusText}: ${res.url.pathname}`;
  throw new ApiError(res.status, code, message, res.body);
}

function tagged(res: { body: UserJson; headers: Headers }): Tagged {
  return { user: res.body, etag: res.headers.get('etag') ?? '' };
}
