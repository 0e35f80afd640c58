// Go's parseRange and the multipart/byteranges sizes of net/http/fs.go (RFC 9110 §14).

/** One byte range of a resource. */
export interface HttpRange {
  start: number;
  length: number;
}

/** Why a Range was refused: Go's "invalid range" and errNoOverlap. */
export type RangeError_ = 'invalid range' | 'invalid range: failed to overlap';

/**
 * Parses a Range header for a resource of `size` bytes as Go 1.19 does: the ranges (none for an
 * empty header), or the error to answer 416 with.
 */
export function parseRange(s: string, size: number): HttpRange[] | RangeError_ {
  if (s === '') return [];
  const prefix = 'bytes=';
  if (!s.startsWith(prefix)) return 'invalid range';
  const ranges: HttpRange[] = [];
  let noOverlap = false;
  for (const raw of s.slice(prefix.length).split(',')) {
    const ra = raw.trim();
    if (ra === '') continue;
    const dash = ra.indexOf('-');
    if (dash < 0) return 'invalid range';
    const start = ra.slice(0, dash).trim();
    const end = ra.slice(dash + 1).trim();
    if (start === '') {
      // A suffix: the last `end` bytes.
      if (end === '' || end[0] === '-') return 'invalid range';
      let i = parseInt64(end);
      if (i === null || i < 0) return 'invalid range';
      if (i > size) i = size;
      ranges.push({ start: size - i, length: i });
      continue;
    }
    const i = parseInt64(start);
    if (i === null || i < 0) return 'invalid range';
    if (i >= size) {
      noOverlap = true;
      continue;
    }
    if (end === '') {
      ranges.push({ start: i, length: size - i });
      continue;
    }
    let j = parseInt64(end);
    if (j === null || i > j) return 'invalid range';
    if (j >= size) j = size - 1;
    ranges.push({ start: i, length: j - i + 1 });
  }
  if (noOverlap && ranges.length === 0) return 'invalid range: failed to overlap';
  return ranges;
}

/** The Content-Range value of `r` in a resource of `size` bytes. */
export function contentRange(r: HttpRange, size: number): string {
  return `bytes ${r.start}-${r.start + r.length - 1}/${size}`;
}

/** The header of one part of a multipart/byteranges body (Go's multipart.Writer, fields sorted). */
export function partHeader(boundary: string, first: boolean, r: HttpRange, contentType: string, size: number): string {
  return `${first ? '' : '\r\n'}--${boundary}\r\nContent-Range: ${contentRange(r, size)}\r\nContent-Type: ${contentType}\r\n\r\n`;
}

/** The closing delimiter of a multipart body. */
export function closeDelimiter(boundary: string): string {
  return `\r\n--${boundary}--\r\n`;
}

// strconv.ParseInt(s, 10, 64) for what a Range can hold: digits (an optional sign) within 2^53.
function parseInt64(s: string): number | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}
