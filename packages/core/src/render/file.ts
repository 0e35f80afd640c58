import type { Stats } from 'node:fs';
import path from 'node:path';
import { contentTypeOf } from './mime.js';

/** What to answer for a file request, decided from the file's stats and the request headers. */
export interface FilePlan {
  /** 200, 206, 304 or 416. */
  status: number;
  /** Response headers to set. */
  headers: [string, string][];
  /** First byte to send (inclusive). */
  start: number;
  /** Last byte to send (inclusive); below `start` for an empty body. */
  end: number;
}

/** The conditional and range request headers a file answer depends on. */
export interface FileRequest {
  ifNoneMatch: string | null | undefined;
  ifModifiedSince: string | null | undefined;
  range: string | null | undefined;
  ifRange: string | null | undefined;
}

/** A weak ETag from size and modification time, as most static servers make it. */
export function etagOf(stat: Stats): string {
  return `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
}

function matchesEtag(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

/** Plans the answer for `file` (of `contentType`, by default its extension's): Content-Type, ETag, Last-Modified, 304, Range (one range) and 416. */
export function planFile(file: string, stat: Stats, req: FileRequest, contentType = contentTypeOf(path.extname(file))): FilePlan {
  const etag = etagOf(stat);
  const lastModified = stat.mtime.toUTCString();
  const headers: [string, string][] = [
    ['Content-Type', contentType],
    ['ETag', etag],
    ['Last-Modified', lastModified],
    ['Accept-Ranges', 'bytes'],
  ];
  const size = stat.size;
  const notModified =
    req.ifNoneMatch !== null && req.ifNoneMatch !== undefined
      ? matchesEtag(req.ifNoneMatch, etag)
      : req.ifModifiedSince !== null && req.ifModifiedSince !== undefined && Math.floor(stat.mtimeMs / 1000) <= Math.floor(Date.parse(req.ifModifiedSince) / 1000);
  if (notModified) return { status: 304, headers, start: 0, end: -1 };
  const range = req.range;
  const rangeApplies = range !== null && range !== undefined && (req.ifRange === null || req.ifRange === undefined || req.ifRange === etag || req.ifRange === lastModified);
  if (rangeApplies) {
    const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    if (m !== null && (m[1] !== '' || m[2] !== '')) {
      let start: number;
      let end: number;
      if (m[1] === '') {
        start = Math.max(0, size - Number(m[2]));
        end = size - 1;
      } else {
        start = Number(m[1]);
        end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
      }
      if (start >= size || start > end) {
        headers.push(['Content-Range', `bytes */${size}`]);
        return { status: 416, headers, start: 0, end: -1 };
      }
      headers.push(['Content-Range', `bytes ${start}-${end}/${size}`], ['Content-Length', String(end - start + 1)]);
      return { status: 206, headers, start, end };
    }
  }
  headers.push(['Content-Length', String(size)]);
  return { status: 200, headers, start: 0, end: size - 1 };
}
