// Go's checkPreconditions (net/http/fs.go): If-Match, If-Unmodified-Since, If-None-Match,
// If-Modified-Since and If-Range (RFC 9110 §13.2.2), against the ETag the handler set and a
// modification time.
import type { Request, ResponseWriter } from '../http/handler.js';

const enum Cond {
  None,
  True,
  False,
}

/**
 * Evaluates the request's preconditions. Answers 304 or 412 itself and returns `done: true`;
 * else returns the Range to honour ('' when If-Range says to send everything).
 */
export function checkPreconditions(w: ResponseWriter, r: Request, modtime: Date | null): { done: boolean; range: string } {
  let ch = checkIfMatch(w, r);
  if (ch === Cond.None) ch = checkIfUnmodifiedSince(r, modtime);
  if (ch === Cond.False) {
    w.writeHeader(412);
    return { done: true, range: '' };
  }
  switch (checkIfNoneMatch(w, r)) {
    case Cond.False:
      if (r.method === 'GET' || r.method === 'HEAD') writeNotModified(w);
      else w.writeHeader(412);
      return { done: true, range: '' };
    case Cond.None:
      if (checkIfModifiedSince(r, modtime) === Cond.False) {
        writeNotModified(w);
        return { done: true, range: '' };
      }
      break;
    case Cond.True:
      break;
  }
  let range = r.headers.get('range') ?? '';
  if (range !== '' && checkIfRange(w, r, modtime) === Cond.False) range = '';
  return { done: false, range };
}

/** Go's writeNotModified: 304 without the body's type and length. */
export function writeNotModified(w: ResponseWriter): void {
  const h = w.header();
  h.delete('content-type');
  h.delete('content-length');
  if (h.get('etag') !== null) h.delete('last-modified');
  w.writeHeader(304);
}

/** Whether If-Modified-Since says the resource has not changed (Go's checkIfModifiedSince). */
export function notModifiedSince(r: Request, modtime: Date | null): boolean {
  return checkIfModifiedSince(r, modtime) === Cond.False;
}

function checkIfMatch(w: ResponseWriter, r: Request): Cond {
  const im = r.headers.get('if-match');
  if (im === null || im === '') return Cond.None;
  const etag = w.header().get('etag') ?? '';
  for (let buf = im; ; ) {
    buf = trimOws(buf);
    if (buf.length === 0) break;
    if (buf[0] === ',') {
      buf = buf.slice(1);
      continue;
    }
    if (buf[0] === '*') return Cond.True;
    const [tag, rest] = scanETag(buf);
    if (tag === '') break;
    if (strongMatch(tag, etag)) return Cond.True;
    buf = rest;
  }
  return Cond.False;
}

function checkIfUnmodifiedSince(r: Request, modtime: Date | null): Cond {
  const ius = r.headers.get('if-unmodified-since');
  if (ius === null || ius === '' || modtime === null) return Cond.None;
  const t = parseHTTPTime(ius);
  if (t === null) return Cond.None;
  return seconds(modtime) <= t ? Cond.True : Cond.False;
}

function checkIfNoneMatch(w: ResponseWriter, r: Request): Cond {
  const inm = r.headers.get('if-none-match');
  if (inm === null || inm === '') return Cond.None;
  const etag = w.header().get('etag') ?? '';
  for (let buf = inm; ; ) {
    buf = trimOws(buf);
    if (buf.length === 0) break;
    if (buf[0] === ',') {
      buf = buf.slice(1);
      continue;
    }
    if (buf[0] === '*') return Cond.False;
    const [tag, rest] = scanETag(buf);
    if (tag === '') break;
    if (weakMatch(tag, etag)) return Cond.False;
    buf = rest;
  }
  return Cond.True;
}

function checkIfModifiedSince(r: Request, modtime: Date | null): Cond {
  if (r.method !== 'GET' && r.method !== 'HEAD') return Cond.None;
  const ims = r.headers.get('if-modified-since');
  if (ims === null || ims === '' || modtime === null) return Cond.None;
  const t = parseHTTPTime(ims);
  if (t === null) return Cond.None;
  return seconds(modtime) <= t ? Cond.False : Cond.True;
}

function checkIfRange(w: ResponseWriter, r: Request, modtime: Date | null): Cond {
  if (r.method !== 'GET' && r.method !== 'HEAD') return Cond.None;
  const ir = r.headers.get('if-range');
  if (ir === null || ir === '') return Cond.None;
  const [tag] = scanETag(ir);
  if (tag !== '') return strongMatch(tag, w.header().get('etag') ?? '') ? Cond.True : Cond.False;
  if (modtime === null) return Cond.False;
  const t = parseHTTPTime(ir);
  if (t === null) return Cond.False;
  return t === seconds(modtime) ? Cond.True : Cond.False;
}

// Go's scanETag: an entity tag (W/ and quotes included) at the start of s, and the rest.
function scanETag(s: string): [string, string] {
  s = trimOws(s);
  let start = 0;
  if (s.startsWith('W/')) start = 2;
  if (s.length - start < 2 || s[start] !== '"') return ['', ''];
  for (let i = start + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) return [s.slice(0, i + 1), s.slice(i + 1)];
    if (c === 0x21 || (c >= 0x23 && c <= 0x7e) || c >= 0x80) continue;
    return ['', ''];
  }
  return ['', ''];
}

function strongMatch(a: string, b: string): boolean {
  return a === b && a !== '' && a[0] === '"';
}

function weakMatch(a: string, b: string): boolean {
  return a.replace(/^W\//, '') === b.replace(/^W\//, '');
}

function trimOws(s: string): string {
  return s.replace(/^[ \t]+|[ \t]+$/g, '');
}

/** Seconds since the epoch of an HTTP date (IMF-fixdate, RFC 850 or asctime), or null. */
function parseHTTPTime(s: string): number | null {
  const t = Date.parse(s.endsWith('GMT') || /\d{4}$/.test(s) ? s + (s.endsWith('GMT') ? '' : ' GMT') : s);
  return Number.isNaN(t) ? null : Math.floor(t / 1000);
}

function seconds(d: Date): number {
  return Math.floor(d.getTime() / 1000);
}
