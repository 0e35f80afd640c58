// Entity tags of one user, derived from its id and version, and the conditional request headers
// (RFC 9110 §13) that compare against them.
import type { User } from '../store/user.js';

/** The strong ETag of a user at its current version: `"<id>.<version>"`. */
export function etagOf(user: Pick<User, 'id' | 'version'>): string {
  return `"${user.id}.${user.version}"`;
}

/** The entity tags listed in an If-Match or If-None-Match header, or `'*'`. */
export function parseEtagList(header: string): '*' | { tag: string; weak: boolean }[] {
  if (header.trim() === '*') return '*';
  const tags: { tag: string; weak: boolean }[] = [];
  for (const m of header.matchAll(/(W\/)?("[^"]*")/g)) tags.push({ tag: m[2]!, weak: m[1] !== undefined });
  return tags;
}

/** If-None-Match: true when the client's copy is current (weak comparison), so 304 answers. */
export function noneMatchHits(header: string, etag: string): boolean {
  const tags = parseEtagList(header);
  return tags === '*' || tags.some((t) => t.tag === etag);
}

/**
 * If-Match: the version a write must find, read from the client's tag for this user (strong
 * comparison: a weak tag never matches). `'any'` for `*`; null when no listed tag can match.
 */
export function ifMatchVersion(header: string, id: number): number | 'any' | null {
  const tags = parseEtagList(header);
  if (tags === '*') return 'any';
  for (const t of tags) {
    const m = /^"(\d+)\.(\d+)"$/.exec(t.tag);
    if (!t.weak && m !== null && Number(m[1]) === id) return Number(m[2]);
  }
  return null;
}
