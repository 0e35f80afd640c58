// Keyset pagination cursors: an opaque token naming the sort it was issued for and the position
// (sort key and id) of the last user of the page. A cursor never goes stale the way an offset
// does: rows inserted or deleted before it do not shift the next page.
import { InvalidCursorError } from '../errors.js';
import { SORT_FIELDS, type Sort, type User } from './user.js';

/** A decoded cursor: continue after the user whose sort key is `key` and id is `id`. */
export interface Position {
  key: string;
  id: number;
}

/** The value a user is sorted by under `sort`, as the stores compare it. */
export function sortKey(user: User, sort: Sort): string {
  switch (sort.field) {
    case 'name':
      return user.name.toLowerCase();
    case 'email':
      return user.email;
    case 'createdAt':
      return user.createdAt;
    case 'updatedAt':
      return user.updatedAt;
  }
}

/** The query-string form of a sort: the field, prefixed by `-` when descending. */
export function formatSort(sort: Sort): string {
  return (sort.descending ? '-' : '') + sort.field;
}

/** Parses `name`, `-createdAt`, ...; null for anything else. */
export function parseSort(text: string): Sort | null {
  const descending = text.startsWith('-');
  const field = descending ? text.slice(1) : text;
  const known = SORT_FIELDS.find((f) => f === field);
  return known === undefined ? null : { field: known, descending };
}

/** The cursor that continues after `user` in `sort` order. */
export function encodeCursor(user: User, sort: Sort): string {
  const body = JSON.stringify([formatSort(sort), sortKey(user, sort), user.id]);
  return Buffer.from(body, 'utf8').toString('base64url');
}

/** Reads a cursor issued by encodeCursor for the same sort. Throws InvalidCursorError. */
export function decodeCursor(cursor: string, sort: Sort): Position {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('not a cursor issued by this server');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw new InvalidCursorError('not a cursor issued by this server');
  const [sortText, key, id] = parsed as unknown[];
  if (typeof sortText !== 'string' || typeof key !== 'string' || typeof id !== 'number' || !Number.isSafeInteger(id)) {
    throw new InvalidCursorError('not a cursor issued by this server');
  }
  if (sortText !== formatSort(sort)) throw new InvalidCursorError(`issued for sort=${sortText}, not sort=${formatSort(sort)}`);
  return { key, id };
}
