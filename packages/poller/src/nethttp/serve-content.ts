// serveContent: Go's http.ServeContent. Sends a resource of known size honouring conditional
// requests and Range (one range, or several as multipart/byteranges), with its type taken from
// the handler's header, the name's extension, or sniffed from its first 512 bytes.
import { randomBytes } from 'node:crypto';
import type { Request, ResponseWriter } from '../http/handler.js';
import { httpError } from './error.js';
import { checkPreconditions } from './preconditions.js';
import { closeDelimiter, contentRange, parseRange, partHeader, type HttpRange } from './http-range.js';
import { typeByExtension } from './mime-types.js';
import { detectContentType } from './sniff.js';

/** A resource whose bytes can be read by range: a file, or bytes in memory. */
export interface ContentSource {
  /** The size in bytes. */
  readonly size: number;
  /** The bytes [start, start + length), in chunks. */
  read(start: number, length: number): AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

/**
 * Go's `http.ServeContent`: answers `r` with `content`, named `name` (its extension picks the
 * Content-Type when the handler set none) and modified at `modtime` (null when unknown), with
 * Last-Modified, conditional requests (If-Match, If-None-Match against the ETag the handler set,
 * If-Modified-Since, If-Unmodified-Since, If-Range), and Range: 206 with Content-Range, several
 * ranges as multipart/byteranges, 416 for a range that does not overlap.
 */
export async function serveContent(w: ResponseWriter, r: Request, name: string, modtime: Date | null, content: ContentSource | Uint8Array): Promise<void> {
  const src = content instanceof Uint8Array ? bytesSource(content) : content;
  const h = w.header();
  if (modtime !== null && modtime.getTime() !== 0) h.set('Last-Modified', modtime.toUTCString());
  const pre = checkPreconditions(w, r, modtime);
  if (pre.done) {
    await w.end();
    return;
  }
  let ctype = h.get('content-type');
  if (ctype === null) {
    ctype = typeByExtension(name);
    if (ctype === '') ctype = detectContentType(await first512(src));
    h.set('Content-Type', ctype);
  }
  const size = src.size;
  let ranges = parseRange(pre.range, size);
  if (typeof ranges === 'string') {
    if (ranges === 'invalid range: failed to overlap') h.set('Content-Range', `bytes */${size}`);
    await httpError(w, ranges, 416);
    return;
  }
  // A request for more than the whole resource is answered with the whole (Go's sumRangesSize check).
  if (ranges.reduce((n, x) => n + x.length, 0) > size) ranges = [];
  let code = 200;
  let sendSize = size;
  let boundary = '';
  if (ranges.length === 1) {
    const ra = ranges[0]!;
    sendSize = ra.length;
    code = 206;
    h.set('Content-Range', contentRange(ra, size));
  } else if (ranges.length > 1) {
    boundary = randomBytes(30).toString('hex');
    sendSize = multipartSize(ranges, boundary, ctype, size);
    code = 206;
    h.set('Content-Type', `multipart/byteranges; boundary=${boundary}`);
  }
  h.set('Accept-Ranges', 'bytes');
  if (h.get('content-encoding') === null) h.set('Content-Length', String(sendSize));
  w.writeHeader(code);
  if (r.method === 'HEAD') {
    await w.end();
    return;
  }
  if (ranges.length <= 1) {
    const ra = ranges[0] ?? { start: 0, length: size };
    for await (const chunk of src.read(ra.start, ra.length)) await w.write(chunk);
  } else {
    for (let i = 0; i < ranges.length; i++) {
      const ra = ranges[i]!;
      await w.write(partHeader(boundary, i === 0, ra, ctype, size));
      for await (const chunk of src.read(ra.start, ra.length)) await w.write(chunk);
    }
    await w.write(closeDelimiter(boundary));
  }
  await w.end();
}

function multipartSize(ranges: HttpRange[], boundary: string, ctype: string, size: number): number {
  let n = Buffer.byteLength(closeDelimiter(boundary));
  ranges.forEach((ra, i) => {
    n += Buffer.byteLength(partHeader(boundary, i === 0, ra, ctype, size)) + ra.length;
  });
  return n;
}

async function first512(src: ContentSource): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of src.read(0, Math.min(512, src.size))) parts.push(chunk);
  return Buffer.concat(parts);
}

function bytesSource(b: Uint8Array): ContentSource {
  return {
    size: b.length,
    *read(start, length) {
      yield b.subarray(start, start + length);
    },
  };
}
