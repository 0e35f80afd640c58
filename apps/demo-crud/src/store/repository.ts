// The contract every user store fulfils. The SQLite and PostgreSQL stores run through one shared
// test suite (test/store.test.ts), so what is written here is what both guarantee.
import type { RateLimitStore } from '@sloe/core';
import type { ListQuery, Page, User, UserFields, WriteCondition } from './user.js';

/**
 * A durable collection of users.
 *
 * Invariants every implementation keeps:
 * - every write is one transaction: it happens entirely or not at all, and once its promise
 *   resolves it survives a crash of the process;
 * - emails are stored as normalizeEmail gives them (trimmed, NFKC, lower-cased), and two users never share one (EmailTakenError);
 * - `version` starts at 1 and each update increments it; a write with `ifVersion` fails with
 *   VersionMismatchError when the user is at another version, and changes nothing;
 * - lists are ordered by the sort field then by id, names compared by their lower-cased form
 *   code point by code point, so both stores give the same order.
 */
export interface UserRepository {
  /** One page of users matching `query.q`, in `query.sort` order. Throws InvalidCursorError. */
  list(query: ListQuery): Promise<Page>;
  /** The user with this id, or null. */
  get(id: number): Promise<User | null>;
  /** How many users match `q` (all of them without it). */
  count(q?: string): Promise<number>;
  /** Stores a new user at version 1. Throws EmailTakenError. */
  create(fields: UserFields): Promise<User>;
  /** Replaces a user's fields. Throws UserNotFoundError, VersionMismatchError, EmailTakenError. */
  update(id: number, fields: UserFields, condition?: WriteCondition): Promise<User>;
  /**
   * Reads the user, computes its new fields with `change`, and writes them, as one transaction:
   * no other write can land between the read and the write, so a change based on the current
   * fields (a merge patch) never needs a retry. `change` may throw to cancel; nothing is
   * written and the error is rethrown. Throws UserNotFoundError, VersionMismatchError (only
   * with `condition.ifVersion`), EmailTakenError.
   */
  modify(id: number, change: (current: User) => UserFields, condition?: WriteCondition): Promise<User>;
  /** Removes a user. Throws UserNotFoundError, VersionMismatchError. */
  delete(id: number, condition?: WriteCondition): Promise<void>;
  /**
   * Where the write rate limit counts, when several processes share this store (PostgreSQL), so
   * they count a client's writes together; absent when one process owns it (SQLite), which
   * counts in its memory.
   */
  readonly rateLimitStore?: RateLimitStore;
  /** Releases the connection(s); the repository is unusable afterwards. */
  close(): Promise<void>;
}
