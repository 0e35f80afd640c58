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
import { errorSchema, ID_PATTERN, idParamsSchema, MAX_ID, userListSchema, userSchema } from './api-schemas.js';
import { apiListQuery, digitsOnly, listQuerySchema, nextLink } from './list-query.js';

const BASE = '/api/users';

/** The statuses each operation can answer besides its success, for the OpenAPI document. */
const CREATE_ERRORS = { 400: errorSchema, 409: errorSchema, 413: errorSchema, 415: errorSchema };
const WRITE_ERRORS = { 400: errorSchema, 404: errorSchema, 409: errorSchema, 412: errorSchema, 413: errorSchema, 415: errorSchema };

/**
 * Registers the API's routes on `api` (a group at the root). Bodies are checked by
 * validateUser, whose messages are written for people, rather than by the route schema, whose
 * messages would show the raw patterns; the OpenAPI document still publishes the body schemas
 * (see openapi.ts).
 */
export function registerApi(api: RouterGroup, repo: UserRepository): void {
  // etag() tags the lists (a hash of the body); a user carries its own version tag.
  const users = api.group(BASE, apiErrors(), jsonBodies(), etag());

  users.get('', { summary: 'List users', operationId: 'listUsers', tags: ['users'], schema: { query: listQuerySchema, response: { 200: userListSchema, 400: errorSchema } } }, async (c) => {
    const raw = digitsOnly(c.queryParams);
    if (raw.length > 0) throw new ValidationError(raw);
    const params = c.valid('query');
    const query = apiListQuery(params);
    const page = await repo.list(query);
    const next = nextLink(BASE, query, page.nextCursor, params.sort);
    if (next !== null) c.setHeader('Link', `<${next}>; rel="next"`);
    c.json(200, { items: page.items, total: page.total, limit: query.limit, next });
  });

  users.post('', { summary: 'Create a user', operationId: 'createUser', tags: ['users'], schema: { response: { 201: userSchema, ...CREATE_ERRORS } } }, async (c) => {
    const user = await repo.create(fieldsOf(await c.body.json()));
    c.setHeader('Location', `${BASE}/${user.id}`);
    sendUser(c, 201, user);
  });

  users.get('/:id', { summary: 'Get a user', operationId: 'getUser', tags: ['users'], schema: { params: idParamsSchema, response: { 200: userSchema, 404: errorSchema } } }, async (c) => {
    const user = await mustGet(repo, idOf(c));
    if (!c.checkPreconditions(etagOf(user))) return;
    sendUser(c, 200, user);
  });

  users.put('/:id', { summary: 'Replace a user', operationId: 'replaceUser', tags: ['users'], schema: { params: idParamsSchema, response: { 200: userSchema, ...WRITE_ERRORS } } }, async (c) => {
    const id = idOf(c);
    const fields = fieldsOf(await c.body.json());
    const ifVersion = await preconditions(c, repo, id);
    if (ifVersion === null) return;
    sendUser(c, 200, await repo.update(id, fields, { ifVersion }));
  });

  users.patch('/:id', { summary: 'Change some fields (JSON Merge Patch)', operationId: 'patchUser', tags: ['users'], schema: { params: idParamsSchema, response: { 200: userSchema, ...WRITE_ERRORS } } }, async (c) => {
    const id = idOf(c);
    const patch = await c.body.json();
    const ifVersion = await preconditions(c, repo, id);
    if (ifVersion === null) return;
    // The store reads, merges and writes in one transaction: without If-Match the patch lands on
    // whatever version is current, and no concurrent write can come between.
    const user = await repo.modify(id, (current) => fieldsOf(applyMergePatch(editable(current), patch)), { ifVersion });
    sendUser(c, 200, user);
  });

  users.delete('/:id', { summary: 'Delete a user', operationId: 'deleteUser', tags: ['users'], schema: { params: idParamsSchema, response: { 204: { type: 'null' }, 404: errorSchema, 412: errorSchema } } }, async (c) => {
    const id = idOf(c);
    const ifVersion = await preconditions(c, repo, id);
    if (ifVersion === null) return;
    await repo.delete(id, { ifVersion });
    c.noContent();
  });
}

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
