// The HTML pages under /users: list with search and pager, a user's page, create and edit
// forms that keep the input and show errors beside the fields, delete with confirmation. Every
// change redirects (303) with a flash message kept in the session (a signed cookie, so any
// instance shows it); forms reach PUT and DELETE through `_method` and carry core's CSRF token.
import { csrf, HttpError, session, type Context, type HandlerFunc, type ResponseDoc, type ResponseSchemas, type RouteOptions, type RouterGroup, type Session } from '@sloe/core';
import { STATUS_CODES } from 'node:http';
import { formToInput, userToForm, validateUser, type UserForm } from '../domain/user-input.js';
import { DemoError, EmailTakenError, UserNotFoundError, VersionMismatchError } from '../errors.js';
import { formatSort } from '../store/cursor.js';
import type { UserRepository } from '../store/repository.js';
import { SORT_FIELDS, type Sort, type SortField, type User } from '../store/user.js';
import { BODY_TOO_LARGE, SERVER_ERROR, writeLimitDocs, writeLimitSchemas, type Answers, type ResponseDocs } from './answers.js';
import { errorSchema, ID_PATTERN, MAX_ID } from './api-schemas.js';
import { deleteFormSchema, userFormSchema } from './page-schemas.js';
import { pageListQuery, type PageQuery } from './list-query.js';
import { userView } from './present.js';

/** Users per page of the HTML list. */
export const PAGE_SIZE = 20;

const LABELS: Record<SortField, string> = { name: 'Name', email: 'Email', createdAt: 'Created', updatedAt: 'Updated' };

/** Field name → message, for the form templates. */
type FormErrors = Record<string, string>;

/** A one-time message about the last change, shown by the next page. */
interface Flash {
  kind: 'success' | 'error';
  message: string;
}

/** The session key of the flash messages. */
const FLASH = 'flash';

/** Seconds a session (which holds only the pending flash) lives. */
const SESSION_SECONDS = 3600;

/** What every page handler needs. */
interface PageDeps {
  repo: UserRepository;
}

const TAGS = ['pages'];
const FORM_TYPES_DOC = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** An HTML answer of a page. */
function html(description: string): ResponseDoc {
  return { description, mediaTypes: ['text/html'] };
}

/** What every page can answer besides its own: the Engine's 413 (JSON, before the page runs). */
const PAGE_ERRORS: ResponseDocs = { 413: { description: BODY_TOO_LARGE, mediaTypes: ['application/json'] } };
/** A page reading the store: the error page when it fails. */
const STORE_ERRORS: ResponseDocs = { 500: html(SERVER_ERROR) };
const READ_ERRORS = { 413: errorSchema } as const;

/** What every form write can answer besides its own: the form unreadable, refused or too large, as the error page. */
const FORM_ERRORS: ResponseDocs = {
  400: html('The form cannot be read (malformed).'),
  403: html('The form came from another site, or its `_csrf` field does not match the `csrf` cookie.'),
  413: { description: `${BODY_TOO_LARGE} A form sent in chunks is refused as it is read, with the error page.`, mediaTypes: ['text/html', 'application/json'] },
  415: html('The body is not a form.'),
  500: html(SERVER_ERROR),
};

const NOT_FOUND = html('No user has this id (or it is not a number).');
const SAVED = { description: 'Saved: to the user\'s page, which shows a flash message.', headers: { Location: { description: 'The next page.' } } };
const CSRF_SECURITY = [{ csrf: [] }];

/** A page's route options: response schemas only for its JSON answers (413, 429). */
type PageOptions = RouteOptions<{ response: ResponseSchemas }>;

/**
 * Registers the pages on `root` (a group at the root). `csrfKey` signs the forms' CSRF tokens;
 * the session cookie is signed with the Engine's `keys`. Every status a page can answer is in
 * its options (its own, its group middleware's, the application's: see answers.ts).
 */
export function registerPages(root: RouterGroup, repo: UserRepository, csrfKey: Uint8Array, answers: Answers): void {
  const deps: PageDeps = { repo };
  const pages = root.group('/users', session({ cookie: { maxAge: SESSION_SECONDS } }), pageErrors(), formBodies(), csrf({ token: { secret: csrfKey } }));
  const limited = writeLimitSchemas(answers);
  const writeDocs: ResponseDocs = { ...FORM_ERRORS, ...writeLimitDocs(answers) };
  const form = (summary: string, operationId: string, schema: typeof userFormSchema | typeof deleteFormSchema, responses: ResponseDocs): PageOptions => ({
    summary,
    operationId,
    tags: TAGS,
    consumes: FORM_TYPES_DOC,
    requestBody: { schema },
    security: CSRF_SECURITY,
    schema: { response: limited },
    responses: { ...writeDocs, ...responses },
  });
  const read = (summary: string, operationId: string, responses: ResponseDocs, store = true): PageOptions => ({
    summary,
    operationId,
    tags: TAGS,
    schema: { response: READ_ERRORS },
    responses: { ...PAGE_ERRORS, ...(store ? STORE_ERRORS : {}), ...responses },
  });
  pages.get('', read('The list of users', 'listPage', { 200: html('A page of the list, with search and sortable columns.'), 302: { description: 'A page past the end: to the last page.', headers: { Location: { description: 'The last page.' } } } }), listPage(deps));
  pages.get('/new', read('The create form', 'newPage', { 200: html('The empty form.') }, false), newPage(deps));
  pages.post('', form('Create a user from the form', 'createPage', userFormSchema, { 303: SAVED, 409: html('The email is taken: the form again, keeping the input.'), 422: html('A field is invalid: the form again, each error beside its field.') }), createPage(deps));
  pages.get('/:id', read('A user\'s page', 'showPage', { 200: html('The user.'), 404: NOT_FOUND }), showPage(deps));
  pages.get('/:id/edit', read('The edit form', 'editPage', { 200: html('The form, carrying the version it was loaded at.'), 404: NOT_FOUND }), editPage(deps));
  pages.put(
    '/:id',
    form('Save the edit form (sent as a POST with _method=PUT)', 'updatePage', userFormSchema, {
      303: SAVED,
      404: NOT_FOUND,
      409: html('The email is taken, or someone saved the user since the form was loaded: the form again, keeping the input.'),
      422: html('A field is invalid: the form again, each error beside its field.'),
    }),
    updatePage(deps),
  );
  pages.get('/:id/delete', read('The delete confirmation', 'confirmDeletePage', { 200: html('Asks for confirmation.'), 404: NOT_FOUND }), confirmDeletePage(deps));
  pages.delete(
    '/:id',
    form('Delete the user (sent as a POST with _method=DELETE)', 'deletePage', deleteFormSchema, {
      303: { description: 'Deleted: to the list; or, when the user changed since the confirmation, not deleted: to the user\'s page.', headers: { Location: { description: 'The next page.' } } },
      404: NOT_FOUND,
    }),
    deletePage(deps),
  );
}

/**
 * Renders a page with the layout's data: the pending flash, the CSRF token (asked for, and its
 * cookie set, only by a page with a form) and the CSP nonce.
 */
function render(c: Context, status: number, name: string, data: Record<string, unknown>): void {
  c.html(status, name, { ...data, Flash: flashView(c), CSRF: () => c.csrfToken(), Nonce: c.get('cspNonce') ?? '' });
}

/** Sets the flash shown by the next page. */
function flash(c: Context, f: Flash): void {
  c.session.flash(FLASH, f);
}

/** GET /users: a page of the list; a page past the end redirects to the last one. */
function listPage({ repo }: PageDeps): HandlerFunc {
  return async function listPage(c) {
    const pq = pageListQuery((n) => c.query(n));
    const offset = (pq.page - 1) * PAGE_SIZE;
    const page = await repo.list({ q: pq.q, sort: pq.sort, limit: PAGE_SIZE, offset });
    const last = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
    if (pq.page > last) {
      c.redirect(302, listUrl(pq, last));
      return;
    }
    render(c, 200, 'users/list.html', {
      Q: pq.q,
      Sort: formatSort(pq.sort),
      Columns: SORT_FIELDS.map((f) => column(f, pq)),
      Users: page.items.map(userView),
      Pager: {
        Prev: pq.page > 1 ? listUrl(pq, pq.page - 1) : '',
        Next: page.nextCursor !== null ? listUrl(pq, pq.page + 1) : '',
        From: page.items.length === 0 ? 0 : offset + 1,
        To: offset + page.items.length,
        Total: page.total,
      },
    });
  };
}

/** GET /users/new: the empty create form. */
function newPage(_deps: PageDeps): HandlerFunc {
  return function newPage(c) {
    render(c, 200, 'users/new.html', createForm({ name: '', email: '', age: '', bio: '' }, {}));
  };
}

/** POST /users: creates the user, or shows the form again with each error beside its field. */
function createPage({ repo }: PageDeps): HandlerFunc {
  return async function createPage(c) {
    const form = await readForm(c);
    const v = validateUser(formToInput(form));
    if (!v.ok) {
      render(c, 422, 'users/new.html', createForm(form, errorMap(v.errors)));
      return;
    }
    try {
      const user = await repo.create(v.fields);
      flash(c, { kind: 'success', message: `${user.name} was created.` });
      c.redirect(303, `/users/${user.id}`);
    } catch (err) {
      if (!(err instanceof EmailTakenError)) throw err;
      render(c, 409, 'users/new.html', createForm(form, { email: 'is already taken by another user' }));
    }
  };
}

/** GET /users/:id: one user. */
function showPage({ repo }: PageDeps): HandlerFunc {
  return async function showPage(c) {
    const user = await mustGet(repo, c.param('id'));
    render(c, 200, 'users/show.html', { User: userView(user) });
  };
}

/** GET /users/:id/edit: the edit form, carrying the version it was loaded at. */
function editPage({ repo }: PageDeps): HandlerFunc {
  return async function editPage(c) {
    const user = await mustGet(repo, c.param('id'));
    render(c, 200, 'users/edit.html', editData(user, userToForm(user), {}, user.version));
  };
}

/**
 * PUT /users/:id (a form through `_method`): saves if nobody else saved since the form's
 * version; otherwise answers 409 keeping the editor's input, now based on the new version.
 */
function updatePage({ repo }: PageDeps): HandlerFunc {
  return async function updatePage(c) {
    const user = await mustGet(repo, c.param('id'));
    const form = await readForm(c);
    const version = formVersion(await c.postForm('version')) ?? user.version;
    const again = (errors: FormErrors, based: number): void => {
      render(c, 409, 'users/edit.html', editData(user, form, errors, based));
    };
    const v = validateUser(formToInput(form));
    if (!v.ok) {
      render(c, 422, 'users/edit.html', editData(user, form, errorMap(v.errors), version));
      return;
    }
    try {
      const updated = await repo.update(user.id, v.fields, { ifVersion: version });
      flash(c, { kind: 'success', message: `${updated.name} was saved.` });
      c.redirect(303, `/users/${updated.id}`);
    } catch (err) {
      if (err instanceof EmailTakenError) again({ email: 'is already taken by another user' }, version);
      else if (err instanceof VersionMismatchError) again({ form: CHANGED_MEANWHILE }, err.actual);
      else throw err;
    }
  };
}

const CHANGED_MEANWHILE = 'Someone else changed this user while you were editing. Your changes are kept below; save again to overwrite theirs.';

/** GET /users/:id/delete: asks for confirmation. */
function confirmDeletePage({ repo }: PageDeps): HandlerFunc {
  return async function confirmDeletePage(c) {
    const user = await mustGet(repo, c.param('id'));
    render(c, 200, 'users/delete.html', { User: userView(user) });
  };
}

/** DELETE /users/:id (a form through `_method`): deletes unless the user changed since the confirmation. */
function deletePage({ repo }: PageDeps): HandlerFunc {
  return async function deletePage(c) {
    const user = await mustGet(repo, c.param('id'));
    const version = formVersion(await c.postForm('version'));
    try {
      await repo.delete(user.id, { ifVersion: version });
      flash(c, { kind: 'success', message: `${user.name} was deleted.` });
      c.redirect(303, '/users');
    } catch (err) {
      if (!(err instanceof VersionMismatchError)) throw err;
      flash(c, { kind: 'error', message: `${user.name} changed since you asked to delete them; check the changes and delete again.` });
      c.redirect(303, `/users/${user.id}`);
    }
  };
}

/** A sortable column header: clicking the current sort reverses it. */
function column(field: SortField, pq: PageQuery): { Label: string; Href: string; Arrow: string; Wide: boolean } {
  const current = pq.sort.field === field;
  const sort: Sort = { field, descending: current && !pq.sort.descending };
  return {
    Label: LABELS[field],
    Href: listUrl({ ...pq, sort }, 1),
    Arrow: current ? (pq.sort.descending ? '▼' : '▲') : '',
    // The timestamps give way first on a narrow screen.
    Wide: field === 'createdAt' || field === 'updatedAt',
  };
}

function listUrl(pq: PageQuery, page: number): string {
  const params = new URLSearchParams();
  if (pq.q !== '') params.set('q', pq.q);
  params.set('sort', formatSort(pq.sort));
  if (page > 1) params.set('page', String(page));
  return `/users?${params.toString()}`;
}

/** The `version` field of a form: the version the page was rendered at, if it is a number. */
function formVersion(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

async function readForm(c: Context): Promise<UserForm> {
  const form = await c.form();
  return { name: form.get('name') ?? '', email: form.get('email') ?? '', age: form.get('age') ?? '', bio: form.get('bio') ?? '' };
}

function errorMap(errors: readonly { field: string; message: string }[]): FormErrors {
  const out: FormErrors = {};
  for (const e of errors) out[e.field === '' ? 'form' : e.field] ??= e.message;
  return out;
}

function formData(form: UserForm, errors: FormErrors, method: 'POST' | 'PUT', action: string, version: number, submit: string, cancel: string): Record<string, unknown> {
  return {
    Form: { Name: form.name, Email: form.email, Age: form.age, Bio: form.bio },
    Errors: errors,
    Method: method,
    Action: action,
    Version: version,
    Submit: submit,
    Cancel: cancel,
  };
}

function createForm(form: UserForm, errors: FormErrors): Record<string, unknown> {
  return formData(form, errors, 'POST', '/users', 0, 'Create user', '/users');
}

function editData(user: User, form: UserForm, errors: FormErrors, version: number): Record<string, unknown> {
  return { ...formData(form, errors, 'PUT', `/users/${user.id}`, version, 'Save', `/users/${user.id}`), Original: user.name };
}

async function mustGet(repo: UserRepository, idText: string): Promise<User> {
  const id = ID_PATTERN.test(idText) && Number(idText) <= MAX_ID ? Number(idText) : 0;
  const user = id > 0 ? await repo.get(id) : null;
  if (user === null) throw new UserNotFoundError(id);
  return user;
}

function isFlash(v: unknown): v is Flash {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as { kind?: unknown; message?: unknown };
  return (f.kind === 'success' || f.kind === 'error') && typeof f.message === 'string';
}

/**
 * The pending flash message for the layout (the latest, when several are pending), taken from
 * the session so it shows once; null without one, or outside the pages, which have no session.
 */
function flashView(c: Context): { Kind: string; Message: string } | null {
  const s = c.get<Session>('session');
  const f = s?.flashes(FLASH).findLast(isFlash);
  return f === undefined ? null : { Kind: f.kind, Message: f.message };
}

/** Renders the error page for `status` with `message`. */
export function renderErrorPage(c: Context, status: number, message: string): void {
  c.html(status, 'error.html', {
    Status: status,
    StatusText: STATUS_CODES[status] ?? 'Error',
    Message: message,
    Flash: flashView(c),
    CSRF: '',
    Nonce: c.get('cspNonce') ?? '',
  });
}

const CSRF_REFUSED = 'The form has expired or did not come from this site; reload the page and try again.';

/** Middleware: errors of the pages become the error page, in HTML; server errors keep their details private. */
function pageErrors(): HandlerFunc {
  return async function pageErrors(c: Context): Promise<void> {
    try {
      await c.next();
    } catch (err) {
      // Nothing after the handler that failed may run.
      c.abort();
      if (c.written) throw err;
      if (err instanceof UserNotFoundError) renderErrorPage(c, 404, 'There is no such user; it may have been deleted.');
      else if (err instanceof HttpError && err.code === 'ERR_CORE_CSRF') renderErrorPage(c, 403, CSRF_REFUSED);
      else if ((err instanceof HttpError || err instanceof DemoError) && err.status < 500) renderErrorPage(c, err.status, err.message);
      else {
        c.log.error({ err }, 'page failed');
        renderErrorPage(c, 500, 'Something went wrong on our side.');
      }
    }
  };
}

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/**
 * Middleware: a write to the pages must be a form, else 415 (before the CSRF check, which would
 * otherwise call any other body a missing token).
 */
function formBodies(): HandlerFunc {
  return function formBodies(c: Context): void {
    // The Engine's own answers (405, OPTIONS) run this too, and read no body.
    if (c.method === 'GET' || c.method === 'HEAD' || c.fullPath() === '') return;
    const type = (c.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!FORM_TYPES.has(type)) throw new HttpError(415, 'a form must be sent as application/x-www-form-urlencoded or multipart/form-data', { code: 'ERR_CORE_UNSUPPORTED_MEDIA_TYPE' });
  };
}
