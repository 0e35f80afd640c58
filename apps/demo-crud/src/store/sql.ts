// The SQL both stores share: the WHERE and ORDER BY of a list, built once with `?` placeholders
// and a per-dialect collation, so the two stores cannot drift apart in what a list returns.
import { decodeCursor } from './cursor.js';
import type { ListQuery, Sort } from './user.js';

/** A fragment of SQL with `?` placeholders and the values bound to them, in order. */
export interface SqlFragment {
  text: string;
  params: (string | number)[];
}

/** How a dialect compares text byte by byte (code point order, as JavaScript's `<` on ASCII). */
export interface Dialect {
  /** Appended to a text column to compare it by code point: `''` in SQLite, ` COLLATE "C"` in PostgreSQL. */
  binaryCollation: string;
  /** Turns a bound ISO timestamp into the column's type: `?` in SQLite, `?::timestamptz` in PostgreSQL. */
  timestampParam: string;
}

const COLUMNS: Record<Sort['field'], { column: string; text: boolean }> = {
  name: { column: 'name_key', text: true },
  email: { column: 'email', text: true },
  createdAt: { column: 'created_at', text: false },
  updatedAt: { column: 'updated_at', text: false },
};

/** A LIKE pattern matching `q` anywhere, lower-cased, with `\` escaping LIKE's wildcards. */
export function containsPattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The search condition for `q`, or an always-true one. */
export function searchCondition(q: string | undefined): SqlFragment {
  if (q === undefined || q === '') return { text: '1 = 1', params: [] };
  const pattern = containsPattern(q);
  return { text: `(name_key LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\')`, params: [pattern, pattern] };
}

/** WHERE (without the keyword) and ORDER BY of one page. Throws InvalidCursorError. */
export function listClauses(query: ListQuery, dialect: Dialect): { where: SqlFragment; orderBy: string } {
  const { column, text } = COLUMNS[query.sort.field];
  const key = text ? `${column}${dialect.binaryCollation}` : column;
  const dir = query.sort.descending ? 'DESC' : 'ASC';
  const search = searchCondition(query.q);
  const where: SqlFragment = { text: search.text, params: [...search.params] };
  if (query.cursor !== undefined) {
    const pos = decodeCursor(query.cursor, query.sort);
    const op = query.sort.descending ? '<' : '>';
    const param = text ? '?' : dialect.timestampParam;
    where.text += ` AND (${key} ${op} ${param} OR (${column} = ${param} AND id ${op} ?))`;
    where.params.push(pos.key, pos.key, pos.id);
  }
  return { where, orderBy: `${key} ${dir}, id ${dir}` };
}
