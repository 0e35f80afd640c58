import type { Header } from '../http/contract.js';

/** What the preconditions of a request say: go on, answer 304, or answer 412. */
export type PreconditionOutcome = 'pass' | 'not-modified' | 'failed';

/** The entity tags of an `If-Match` / `If-None-Match` value, or `*`; malformed members are skipped. */
export function parseEntityTags(value: string): '*' | string[] {
  if (value.trim() === '*') return '*';
  return value.match(/(?:W\/)?"[^"]*"/g) ?? [];
}

/** The opaque tag without a weakness prefix. */
function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

/** RFC 9110 §8.8.3.2 strong comparison: both tags strong and their opaque tags identical. */
export function strongMatch(a: string, b: string): boolean {
  return !a.startsWith('W/') && !b.startsWith('W/') && a === b;
}

/** RFC 9110 §8.8.3.2 weak comparison: the opaque tags identical, weak or not. */
export function weakMatch(a: string, b: string): boolean {
  return opaque(a) === opaque(b);
}

/** Whether an `If-None-Match` value matches `etag` by the weak comparison (RFC 9110 §13.1.2). */
export function noneMatchHits(value: string, etag: string | undefined): boolean {
  const tags = parseEntityTags(value);
  if (tags === '*') return etag !== undefined;
  return etag !== undefined && tags.some((t) => weakMatch(t, etag));
}

/** An HTTP date in whole seconds since the epoch, or undefined when it is not one. */
function seconds(value: string): number | undefined {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/**
 * Evaluates a request's preconditions in the order of RFC 9110 §13.2.2 against the target's
 * current entity tag (undefined when it has no current representation) and last modification:
 * 1. `If-Match`: none matching by the strong comparison (or `*` with no representation) fails;
 * 2. else `If-Unmodified-Since`, when the target has a modification date after it, fails;
 * 3. `If-None-Match`: a match by the weak comparison (`*`: any representation) is 304 for GET
 *    and HEAD, a failure otherwise;
 * 4. else, for GET and HEAD, `If-Modified-Since` not older than the modification date is 304.
 * Dates that do not parse are ignored, as the RFC says.
 */
export function evaluatePreconditions(method: string, headers: Header, etag: string | undefined, lastModified: Date | undefined): PreconditionOutcome {
  const safe = method === 'GET' || method === 'HEAD';
  const ifMatch = headers.get('if-match');
  if (ifMatch !== null) {
    const tags = parseEntityTags(ifMatch);
    const hit = tags === '*' ? etag !== undefined : etag !== undefined && tags.some((t) => strongMatch(t, etag));
    if (!hit) return 'failed';
  } else if (lastModified !== undefined) {
    const since = headers.get('if-unmodified-since');
    const limit = since === null ? undefined : seconds(since);
    if (limit !== undefined && Math.floor(lastModified.getTime() / 1000) > limit) return 'failed';
  }
  const ifNoneMatch = headers.get('if-none-match');
  if (ifNoneMatch !== null) {
    if (noneMatchHits(ifNoneMatch, etag)) return safe ? 'not-modified' : 'failed';
  } else if (safe && lastModified !== undefined) {
    const since = headers.get('if-modified-since');
    const limit = since === null ? undefined : seconds(since);
    if (limit !== undefined && Math.floor(lastModified.getTime() / 1000) <= limit) return 'not-modified';
  }
  return 'pass';
}
