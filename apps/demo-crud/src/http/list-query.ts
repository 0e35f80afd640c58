// The query string of a list, for the API (validated by core against a schema) and for the
// pages (read leniently: a bad value falls back to the default rather than failing a page).
import { ValidationError, type ValidationIssue } from '@sloe/core';
import { parseSort } from '../store/cursor.js';
import { SORT_FIELDS, type ListQuery, type Sort } from '../store/user.js';

/** Users per page unless `limit` says otherwise. */
export const DEFAULT_LIMIT = 20;
/** The largest `limit`. */
export const MAX_LIMIT = 100;
/** The largest `offset`: deeper pages are reached by cursor. */
export const MAX_OFFSET = 1_000_000;
/** The largest page number of the HTML list. */
export const MAX_PAGE = 50_000;
/** The order of a list unless `sort` says otherwise. */
export const DEFAULT_SORT: Sort = { field: 'name', descending: false };

const SORT_VALUES = SORT_FIELDS.flatMap((f) => [f, `-${f}`]);

/** JSON Schema of `GET /api/users`'s query string. */
export const listQuerySchema = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 200, description: 'A case-insensitive substring of the name or the email.' },
    sort: { type: 'string', enum: SORT_VALUES, default: 'name', description: 'A field, prefixed by - for descending order; ties by id.' },
    limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT, description: 'Digits only.' },
    cursor: { type: 'string', maxLength: 1000, description: 'From the `next` link of the previous page.' },
    offset: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, description: 'Skip this many users; exclusive with cursor. Digits only.' },
  },
} as const;

/** The validated query of `GET /api/users`. */
export interface ListQueryParams {
  q?: string;
  sort: string;
  limit: number;
  cursor?: string;
  offset?: number;
}

const INTEGER_FIELDS = ['limit', 'offset'];

/**
 * The integer fields of a query string that are not written in digits. The schema's coercion
 * reads `1e2`, `0x10` or ` 5` as numbers; the API takes digits only, so every number has one
 * spelling.
 */
export function digitsOnly(query: URLSearchParams): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const name of INTEGER_FIELDS) {
    for (const value of query.getAll(name)) {
      if (!/^[0-9]{1,16}$/.test(value)) issues.push({ in: 'query', path: `/${name}`, message: 'must be a whole number written in digits' });
    }
  }
  return issues;
}

/** The store query of a validated API query. Throws ValidationError when cursor and offset are both given. */
export function apiListQuery(p: ListQueryParams): ListQuery {
  if (p.cursor !== undefined && p.offset !== undefined) {
    throw new ValidationError([{ in: 'query', path: '/offset', message: 'must not be given with cursor' }]);
  }
  return { q: p.q, sort: parseSort(p.sort) ?? DEFAULT_SORT, limit: p.limit, cursor: p.cursor, offset: p.offset };
}

/** The URL of the page after `query`'s: by cursor, or by offset when the query used one. */
export function nextLink(base: string, query: ListQuery, nextCursor: string | null, sortText: string): string | null {
  if (nextCursor === null) return null;
  const params = new URLSearchParams();
  if (query.q !== undefined && query.q !== '') params.set('q', query.q);
  params.set('sort', sortText);
  params.set('limit', String(query.limit));
  if (query.offset !== undefined) params.set('offset', String(query.offset + query.limit));
  else params.set('cursor', nextCursor);
  return `${base}?${params.toString()}`;
}

/** The list parameters of a page: `q`, `sort` and a 1-based `page`, each defaulted when absent or bad. */
export interface PageQuery {
  q: string;
  sort: Sort;
  page: number;
}

/** Reads a page's list parameters from its query string. */
export function pageListQuery(get: (name: string) => string | undefined): PageQuery {
  const q = (get('q') ?? '').trim().slice(0, 200);
  const sort = parseSort(get('sort') ?? '') ?? DEFAULT_SORT;
  const pageText = get('page') ?? '1';
  const page = /^[0-9]{1,6}$/.test(pageText) ? Math.min(Math.max(Number(pageText), 1), MAX_PAGE) : 1;
  return { q, sort, page };
}
