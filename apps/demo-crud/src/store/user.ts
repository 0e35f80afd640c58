// The user record as the stores keep it, and the values callers hand to them.

/** A stored user. Timestamps are ISO 8601 strings in UTC with millisecond precision. */
export interface User {
  /** Assigned by the store, positive, never reused within one database. */
  readonly id: number;
  readonly name: string;
  /** Trimmed, NFKC-normalised and lower-cased ({@link normalizeEmail}); unique across users. */
  readonly email: string;
  readonly age: number | null;
  readonly bio: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** 1 after creation, incremented by every update: the basis of the ETag. */
  readonly version: number;
}

/** The fields a caller chooses: a create takes all of them, an update replaces all of them. */
export interface UserFields {
  name: string;
  email: string;
  age: number | null;
  bio: string | null;
}

/** The fields a list can be sorted by. */
export const SORT_FIELDS = ['name', 'email', 'createdAt', 'updatedAt'] as const;

/** One of {@link SORT_FIELDS}. */
export type SortField = (typeof SORT_FIELDS)[number];

/** A sort order: a field and a direction; ties are broken by id in the same direction. */
export interface Sort {
  field: SortField;
  descending: boolean;
}

/** What a list asks for. `cursor` and `offset` are exclusive; neither starts at the top. */
export interface ListQuery {
  /** A case-insensitive substring of the name or the email. */
  q?: string;
  sort: Sort;
  /** 1 to 100. */
  limit: number;
  cursor?: string;
  offset?: number;
}

/** One page of a list. */
export interface Page {
  items: User[];
  /** How many users match `q`, over all pages. */
  total: number;
  /** The cursor of the page after this one, or null on the last page. */
  nextCursor: string | null;
}

/** Options of a write that must not overwrite a change it has not seen. */
export interface WriteCondition {
  /** When set, the write fails with VersionMismatchError unless the user is at this version. */
  ifVersion?: number;
}

/**
 * The form in which emails are stored and compared: trimmed, NFKC-normalised (so a precomposed
 * and a decomposed `é`, or a fullwidth `ａ`, are the same letter, and a Kelvin sign is a K),
 * then lower-cased.
 */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase();
}

/** The key a name is sorted and searched by, the same on every store whatever its collation. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}
