// The JSON API under /api/users: list, get, create, replace, merge-patch, delete, with entity
// tags and conditional requests (core's c.checkPreconditions) so concurrent editors never
// overwrite each other silently.
import { etag, HttpError, ValidationError, type Context, type HandlerFunc, type ParamsObject, type RouterGroup, type Validated } from '@sloe/core';
import { etagOf } from '../domain/etag.js';
import { applyMergePatch } from '../domain/merge-patch.js';
import { validateUser } from '../domain/user-input.js';
import { DemoError, VersionMismatchError } from '../errors.js';
import type { UserRepository } from '../store/repository.js';
import type { User, UserFields } from '../store/user.js';
import { userBodySchema, userPatchSchema } from '../domain/user-input.js';
import { BODY_TOO_LARGE, ENGINE_ERROR_SCHEMAS, SERVER_ERROR, writeLimitDocs, writeLimitSchemas, type Answers } from './answers.js';
import { errorSchema, ID_PATTERN, idParamsSchema, MAX_ID, userListSchema, userSchema } from './api-schemas.js';
import { apiListQuery, digitsOnly, listQuerySchema, nextLink } from './list-query.js';

const BASE = '/api/users';
const TAGS = ['users'];

/** The conditional request headers of a read: If-None-Match. */
const readConditions = {
  type: 'object',
  properties: { 'if-none-match': { type: 'string', description: 'An ETag the client holds: 304 when it is current.' } },
} as const;

/** The conditional request headers of a write: If-Match (or If-None-Match). */
const writeConditions = {
  type: 'object',
  properties: {
    'if-match': { type: 'string', description: 'The ETag the write is based on (or `*`): 412 unless it names the current version.' },
    'if-none-match': { type: 'string', description: '`*` or an ETag: 412 when it names the current version.' },
    'if-unmodified-since': { type: 'string', description: 'An HTTP date: 412 when the user changed after it.' },
  },
} as const;

const ETAG = { ETag: { description: 'The user\'s version tag, `"<id>.<version>"`.' } };

/** What each error status of the API means. */
const ERRORS = {
  400: 'A field, param or query value is invalid (`details` names each), or the body is not JSON.',
  404: 'No user has this id.',
  409: 'Another user has this email.',
  412: 'If-Match does not name the user\'s current version (or If-None-Match does), checked again by the store under its lock.',
  413: BODY_TOO_LARGE,
  415: 'The body is not application/json.',
  500: SERVER_ERROR,
} as const;

/**
 * Registers the API's routes on `api` (a group at the root). Bodies are checked by
 * validateUser, whose messages are written for people, rather than by the route schema, whose
 * messages would show the raw patterns: the route options publish the body schemas
 * (`requestBody`) without checking them. Every status a route can answer is in its options:
 * its own, its group middleware's (404, 409 and 412 from apiErrors, 415 from jsonBodies, 304
 * from etag) and the application's (see answers.ts). Returns the group typed with the routes,
 * for the typed client (client.ts).
 */
export function registerApi(api: RouterGroup, repo: UserRepository, answers: Answers) {
  // etag() tags the lists (a hash of the body); a user carries its own version tag.
  const users = api.group(BASE, apiErrors(), jsonBodies(), etag());
  const limited = writeLimitSchemas(answers);
  const limitedDocs = writeLimitDocs(answers);

  const _list = users.get(
    '',
    {
      summary: 'List users',
      description: 'A page of users matching `q`, sorted; follow `next` (or the Link header) for the next page.',
      operationId: 'listUsers',
      tags: TAGS,
      schema: { query: listQuerySchema, headers: readConditions, response: { 200: userListSchema, 400: errorSchema, ...ENGINE_ERROR_SCHEMAS } },
      responses: {
        200: { description: 'A page of users, with the weak ETag of the page.', headers: { Link: { description: '`<next>; rel="next"` unless this is the last page.' }, ETag: { description: 'A weak tag of the page.' } } },
        304: 'Not modified: If-None-Match names the page\'s current ETag.',
        400: 'A query value is invalid (`details` names each), or the cursor was not issued by this server for this sort.',
        413: ERRORS[413],
        500: ERRORS[500],
      },
    },
    async (c) => {
      const raw = digitsOnly(c.queryParams);
      if (raw.length > 0) throw new ValidationError(raw);
      const params = c.valid('query');
      const query = apiListQuery(params);
      const page = await repo.list(query);
      const next = nextLink(BASE, query, page.nextCursor, params.sort);
      if (next !== null) c.setHeader('Link', `<${next}>; rel="next"`);
      c.json(200, { items: page.items, total: page.total, limit: query.limit, next });
    },
  );

  const _create = users.post(
    '',
    {
      summary: 'Create a user',
      operationId: 'createUser',
      tags: TAGS,
      consumes: ['application/json'],
      requestBody: { schema: userBodySchema, description: 'The new user: name and email required.' },
      schema: { response: { 201: userSchema, 400: errorSchema, 409: errorSchema, 415: errorSchema, ...ENGINE_ERROR_SCHEMAS, ...limited } },
      responses: {
        201: { description: 'Created: the new user.', headers: { Location: { description: 'The new user\'s URL.' }, ...ETAG } },
        400: ERRORS[400],
        409: ERRORS[409],
        413: ERRORS[413],
        415: ERRORS[415],
        500: ERRORS[500],
        ...limitedDocs,
      },
    },
    async (c) => {
      const user = await repo.create(fieldsOf(await c.body.json()));
      c.setHeader('Location', `${BASE}/${user.id}`);
      sendUser(c, 201, user);
    },
  );

  const _read = users.get(
    '/:id',
    {
      summary: 'Get a user',
      operationId: 'getUser',
      tags: TAGS,
      schema: { params: idParamsSchema, headers: writeConditions, response: { 200: userSchema, 400: errorSchema, 404: errorSchema, 412: errorSchema, ...ENGINE_ERROR_SCHEMAS } },
      responses: {
        200: { description: 'The user.', headers: ETAG },
        304: 'Not modified: If-None-Match names the current version.',
        400: 'The id is not a whole number from 1 to 2147483647 written in digits.',
        404: ERRORS[404],
        412: 'If-Match does not name the current version.',
        413: ERRORS[413],
        500: ERRORS[500],
      },
    },
    async (c) => {
      const user = await mustGet(repo, idOf(c));
      if (!c.checkPreconditions(etagOf(user))) return;
      sendUser(c, 200, user);
    },
  );

  const writeErrors = { 400: errorSchema, 404: errorSchema, 409: errorSchema, 412: errorSchema, 415: errorSchema, ...ENGINE_ERROR_SCHEMAS, ...limited };
  const writeDocs = { 200: { description: 'The user as saved.', headers: ETAG }, ...ERRORS, ...limitedDocs };

  const _replace = users.put(
    '/:id',
    {
      summary: 'Replace a user',
      description: 'Every field replaced: an omitted `age` or `bio` becomes null.',
      operationId: 'replaceUser',
      tags: TAGS,
      consumes: ['application/json'],
      requestBody: { schema: userBodySchema, description: 'The user\'s new fields: name and email required.' },
      schema: { params: idParamsSchema, headers: writeConditions, response: { 200: userSchema, ...writeErrors } },
      responses: writeDocs,
    },
    async (c) => {
      const id = idOf(c);
      const fields = fieldsOf(await c.body.json());
      const ifVersion = await preconditions(c, repo, id);
      if (ifVersion === null) return;
      sendUser(c, 200, await repo.update(id, fields, { ifVersion }));
    },
  );

  const _patch = users.patch(
    '/:id',
    {
      summary: 'Change some fields (JSON Merge Patch)',
      description: 'Given fields replaced, `null` removes `age` or `bio` (RFC 7396). Without If-Match the patch lands on the current version.',
      operationId: 'patchUser',
      tags: TAGS,
      consumes: ['application/merge-patch+json', 'application/json'],
      requestBody: { schema: userPatchSchema, description: 'The fields to change.' },
      schema: { params: idParamsSchema, headers: writeConditions, response: { 200: userSchema, ...writeErrors } },
      responses: {
        ...writeDocs,
        415: { description: 'The body is neither application/merge-patch+json nor application/json.', headers: { 'Accept-Patch': { description: 'The media types a patch may have.' } } },
      },
    },
    async (c) => {
      const id = idOf(c);
      const patch = await c.body.json();
      const ifVersion = await preconditions(c, repo, id);
      if (ifVersion === null) return;
      // The store reads, merges and writes in one transaction: without If-Match the patch lands on
      // whatever version is current, and no concurrent write can come between.
      const user = await repo.modify(id, (current) => fieldsOf(applyMergePatch(editable(current), patch)), { ifVersion });
      sendUser(c, 200, user);
    },
  );

  const _remove = users.delete(
    '/:id',
    {
      summary: 'Delete a user',
      operationId: 'deleteUser',
      tags: TAGS,
      schema: { params: idParamsSchema, headers: writeConditions, response: { 400: errorSchema, 404: errorSchema, 412: errorSchema, ...ENGINE_ERROR_SCHEMAS, ...limited } },
      responses: { 204: 'Deleted.', 400: ERRORS[400], 404: ERRORS[404], 412: ERRORS[412], 413: ERRORS[413], 500: ERRORS[500], ...limitedDocs },
    },
    async (c) => {
      const id = idOf(c);
      const ifVersion = await preconditions(c, repo, id);
      if (ifVersion === null) return;
      await repo.delete(id, { ifVersion });
      c.noContent();
    },
  );
  // Each registration returned the group typed with its route: together, the API's routes.
  return users as typeof _list & typeof _create & typeof _read & typeof _replace & typeof _patch & typeof _remove;
}

/** The API's routes, as `@sloe/client` reads them: `client<UsersApi>(url).api.users[':id'].$get(...)`. */
export type UsersApi = ReturnType<typeof registerApi>;

/** The writable fields of a stored user, the target of a merge patch. */
function editable(u: User): UserFields {
  return { name: u.name, email: u.email, age: u.age, bio: u.bio };
}

/** The fields of a user body as stored, or a 400 naming each bad field in validateUser's words. */
function fieldsOf(body: unknown): UserFields {
  const v = validateUser(body);
  if (!v.ok) throw new ValidationError(v.errors.map((e) => ({ in: 'body', path: e.field === '' ? '' : `/${e.field}`, message: e.message })));
  return v.fields;
}

/**
 * The `:id` param. The schema has checked its range; the text is checked here too, because a
 * string-to-number coercion reads `0x1`, ` 1` or `1.0` as 1: an id is written in digits only.
 */
function idOf(c: { param(name: 'id'): string }): number {
  const text = c.param('id');
  if (!ID_PATTERN.test(text) || Number(text) > MAX_ID) {
    throw new ValidationError([{ in: 'params', path: '/id', message: `must be a whole number from 1 to ${MAX_ID}, written in digits` }]);
  }
  return Number(text);
}

async function mustGet(repo: UserRepository, id: number): Promise<User> {
  const user = await repo.get(id);
  if (user === null) throw new HttpError(404, `user ${id} not found`, { code: 'ERR_USER_NOT_FOUND' });
  return user;
}

const CONDITIONS = ['if-match', 'if-none-match', 'if-unmodified-since'];

/**
 * A write's preconditions (RFC 9110 §13.2), evaluated by core against the user's current ETag
 * before anything changes: null when core answered them (412). Otherwise the version the write
 * must still find: the one the conditions were evaluated on, so a write landing in between
 * fails them too (the store compares under its lock); undefined for an unconditional write. An
 * unknown user is a 404, preconditions or not (§13.2.1).
 */
async function preconditions<P extends ParamsObject, V extends Validated>(c: Context<P, V>, repo: UserRepository, id: number): Promise<number | undefined | null> {
  const user = await mustGet(repo, id);
  if (!c.checkPreconditions(etagOf(user))) return null;
  return CONDITIONS.some((h) => c.header(h) !== undefined) ? user.version : undefined;
}

/**
 * Answers one user with its version ETag. `no-transform` keeps compress() (and any proxy) from
 * re-encoding it: a compressed body is another representation, whose tag compress() would make
 * weak, and a weak tag never satisfies If-Match (strong comparison). A user is small anyway.
 */
function sendUser<P extends ParamsObject, V extends Validated>(c: Context<P, V>, status: number, user: User): void {
  c.setHeader('ETag', etagOf(user));
  c.setHeader('Cache-Control', 'no-cache, no-transform');
  c.json(status, user);
}

/** Middleware: the demo's own errors become HttpErrors with their code and status, answered as JSON by recovery; the chain stops. */
function apiErrors(): HandlerFunc {
  return async function apiErrors(c: Context): Promise<void> {
    try {
      await c.next();
    } catch (err) {
      // Nothing after the handler that failed may run, whoever answers the error.
      c.abort();
      // The version moved between the preconditions and the write: the same answer as core's.
      if (err instanceof VersionMismatchError) throw new HttpError(412, 'precondition failed', { code: 'ERR_CORE_PRECONDITION_FAILED', cause: err });
      if (err instanceof DemoError) throw new HttpError(err.status, err.message, { code: err.code, cause: err });
      throw err;
    }
  };
}

const JSON_TYPES = new Set(['application/json']);
const PATCH_TYPES = new Set(['application/merge-patch+json', 'application/json']);

/**
 * Middleware: a body-carrying request to a route must be JSON (PATCH: a merge patch or JSON),
 * else 415. The Engine's own answers (405, OPTIONS), which run behind it too, read no body.
 */
function jsonBodies(): HandlerFunc {
  return async function jsonBodies(c: Context): Promise<void> {
    const allowed = c.method === 'PATCH' ? PATCH_TYPES : c.method === 'POST' || c.method === 'PUT' ? JSON_TYPES : null;
    if (allowed !== null && c.fullPath() !== '') {
      const type = (c.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!allowed.has(type)) {
        if (c.method === 'PATCH') c.setHeader('Accept-Patch', 'application/merge-patch+json, application/json');
        throw new HttpError(415, `Content-Type must be ${[...allowed].join(' or ')}`, { code: 'ERR_CORE_UNSUPPORTED_MEDIA_TYPE' });
      }
    }
    await c.next();
  };
}
