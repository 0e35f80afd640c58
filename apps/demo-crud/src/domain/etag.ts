// The entity tag of one user, derived from its id and version: it changes with every write, and
// core's c.checkPreconditions compares the conditional request headers (RFC 9110 §13) with it.
import type { User } from '../store/user.js';

/** The strong ETag of a user at its current version: `"<id>.<version>"`. */
export function etagOf(user: Pick<User, 'id' | 'version'>): string {
  return `"${user.id}.${user.version}"`;
}
