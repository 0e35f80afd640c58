// The HTML pages under /users: list with search and pager, a user's page, create and edit
// forms that keep the input and show errors beside the fields, delete with confirmation. Every
// change redirects (303) with a flash message; forms reach PUT and DELETE through `_method`.
import { HttpError, type Context, type HandlerFunc, type RouterGroup } from '@sloe/core';
import { STATUS_CODES } from 'node:http';
import { formToInput, userToForm, validateUser, type UserForm } from '../domain/user-input.js';
import { DemoError, EmailTakenError, UserNotFoundError, VersionMismatchError } from '../errors.js';
import { formatSort } from '../store/cursor.js';
import type { UserRepository } from '../store/repository.js';
import { SORT_FIELDS, type Sort, type SortField, type User } from '../store/user.js';
import { CSRF_KEY, csrfProtection } from './csrf.js';
import { setFlash, takeFlash } from './flash.js';
import { pageListQuery, type PageQuery } from './list-query.js';
import { userView } from './present.js';
import type { Signer } from './signer.js';

/** Users per page of the HTML list. */
export const PAGE_SIZE = 20;

const LABELS: Record<SortField, string> = { name: 'Name', email: 'Email', createdAt: 'Created', updatedAt: 'Updated' };

/** Field name → message, for the form templates. */
type FormErrors = Record<string, string>;

/** Registers the pages on `root` (a group at the root). */
export function registerPages(root: RouterGroup, repo: UserRepository, signer: Signer): void {
  const pages = root.group('/users', pageErrors(signer), csrfProtection(signer));
  const render = (c: Context, status: number, name: string, data: Record<string, unknown>): void => {
    c.html(status, name, { ...data, Flash: flashView(c, signer), CSRF: c.get<string>(CSRF_KEY) ?? '' });
  };

  pages.get('', async function listPage(c) {
    const pq = pageListQuery((n) => c.query(n));
    const offset = (pq.page - 1) * PAGE_SIZE;
    const page = await repo.list({ q: pq.q, sort: pq.sort, limit: PAGE_SIZE, offset });
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
  });

  pages.get('/new', function newPage(c) {
    render(c, 200, 'users/new.html', formData({ name: '', email: '', age: '', bio: '' }, {}, 'POST', '/users', 0, 'Create user', '/users'));
  });

  pages.post('', async function createPage(c) {
    const form = await readForm(c);
    const v = validateUser(formToInput(form));
    const again = (status: number, errors: FormErrors): void => {
      render(c, status, 'users/new.html', formData(form, errors, 'POST', '/users', 0, 'Create user', '/users'));
    };
    if (!v.ok) {
      again(422, errorMap(v.errors));
      return;
    }
    try {
      const user = await repo.create(v.fields);
      setFlash(c, signer, { kind: 'success', message: `${user.name} was created.` });
      c.redirect(303, `/users/${user.id}`);
    } catch (err) {
      if (!(err instanceof EmailTakenError)) throw err;
      again(409, { email: 'is already taken by another user' });
    }
  });

  pages.get('/:id', async function showPage(c) {
    const user = await mustGet(repo, c.param('id'));
    render(c, 200, 'users/show.html', { User: userView(user) });
  });

  pages.get('/:id/edit', async function editPage(c) {
    const user = await mustGet(repo, c.param('id'));
    render(c, 200, 'users/edit.html', { ...editData(user, userToForm(user), {}, user.version) });
  });

  pages.put('/:id', async function updatePage(c) {
    const user = await mustGet(repo, c.param('id'));
    const form = await readForm(c);
    const version = formVersion(await c.postForm('version')) ?? user.version;
    const v = validateUser(formToInput(form));
    if (!v.ok) {
      render(c, 422, 'users/edit.html', editData(user, form, errorMap(v.errors), version));
      return;
    }
    try {
      const updated = await repo.update(user.id, v.fields, { ifVersion: version });
      setFlash(c, signer, { kind: 'success', message: `${updated.name} was saved.` });
      c.redirect(303, `/users/${updated.id}`);
    } catch (err) {
      if (err instanceof EmailTakenError) {
        render(c, 409, 'users/edit.html', editData(user, form, { email: 'is already taken by another user' }, version));
        return;
      }
      if (!(err instanceof VersionMismatchError)) throw err;
      // Keep the editor's input, now based on the current version: saving again overwrites knowingly.
      const message = 'Someone else changed this user while you were editing. Your changes are kept below; save again to overwrite theirs.';
      render(c, 409, 'users/edit.html', editData(user, form, { form: message }, err.actual));
    }
  });

  pages.get('/:id/delete', async function confirmDeletePage(c) {
    const user = await mustGet(repo, c.param('id'));
    render(c, 200, 'users/delete.html', { User: userView(user) });
  });

  pages.delete('/:id', async function deletePage(c) {
    const user = await mustGet(repo, c.param('id'));
    const version = formVersion(await c.postForm('version'));
    try {
      await repo.delete(user.id, { ifVersion: version });
      setFlash(c, signer, { kind: 'success', message: `${user.name} was deleted.` });
      c.redirect(303, '/users');
    } catch (err) {
      if (!(err instanceof VersionMismatchError)) throw err;
      setFlash(c, signer, { kind: 'error', message: `${user.name} changed since you asked to delete them; check the changes and delete again.` });
      c.redirect(303, `/users/${user.id}`);
    }
  });
}

/** A sortable column header: clicking the current sort reverses it. */
function column(field: SortField, pq: PageQuery): { Label: string; Href: string; Arrow: string } {
  const current = pq.sort.field === field;
  const sort: Sort = { field, descending: current && !pq.sort.descending };
  return {
    Label: LABELS[field],
    Href: listUrl({ ...pq, sort }, 1),
    Arrow: current ? (pq.sort.descending ? '▼' : '▲') : '',
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

function editData(user: User, form: UserForm, errors: FormErrors, version: number): Record<string, unknown> {
  return { ...formData(form, errors, 'PUT', `/users/${user.id}`, version, 'Save', `/users/${user.id}`), Original: user.name };
}

async function mustGet(repo: UserRepository, idText: string): Promise<User> {
  const id = /^\d{1,9}$/.test(idText) ? Number(idText) : 0;
  const user = id > 0 ? await repo.get(id) : null;
  if (user === null) throw new UserNotFoundError(id);
  return user;
}

/** The pending flash message for the layout, or null. */
function flashView(c: Context, signer: Signer): { Kind: string; Message: string } | null {
  const f = takeFlash(c, signer);
  return f === null ? null : { Kind: f.kind, Message: f.message };
}

/** Renders the error page for `status` with `message`. */
export function renderErrorPage(c: Context, signer: Signer, status: number, message: string): void {
  c.html(status, 'error.html', {
    Status: status,
    StatusText: STATUS_CODES[status] ?? 'Error',
    Message: message,
    Flash: flashView(c, signer),
    CSRF: '',
  });
}

/** Middleware: errors of the pages become the error page, in HTML; server errors keep their details private. */
function pageErrors(signer: Signer): HandlerFunc {
  return async function pageErrors(c: Context): Promise<void> {
    try {
      await c.next();
    } catch (err) {
      // Nothing after the handler that failed may run.
      c.abort();
      if (c.written) throw err;
      if (err instanceof UserNotFoundError) renderErrorPage(c, signer, 404, 'There is no such user; it may have been deleted.');
      else if ((err instanceof HttpError || err instanceof DemoError) && err.status < 500) renderErrorPage(c, signer, err.status, err.message);
      else {
        c.log.error({ err }, 'page failed');
        renderErrorPage(c, signer, 500, 'Something went wrong on our side.');
      }
    }
  };
}
