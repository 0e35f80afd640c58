// fileServer: Go's http.FileServer(http.Dir(root)). Serves the files under `root` by request path
// (never outside it), with Go's redirects (`/index.html` to `./`, a directory without its slash
// to the slash, a file with one to without), `index.html` for a directory, a listing when there
// is none, and every file through serveContent (Range, conditional requests, content type).
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import type { Handler, Request, ResponseWriter } from '../http/handler.js';
import { clean, escapePath } from './clean-path.js';
import { httpError } from './error.js';
import { notModifiedSince, writeNotModified } from './preconditions.js';
import { serveContent, type ContentSource } from './serve-content.js';

const CHUNK = 64 * 1024;

/**
 * Go's `http.FileServer(http.Dir(root))`: a Handler serving the file tree under `root`. The
 * request path is decoded and cleaned, then looked up under `root`: a path can never name
 * anything outside it. A missing file is 404 `404 page not found`, one that may not be read 403.
 */
export function fileServer(root: string): Handler {
  const base = path.resolve(root);
  return {
    async serveHTTP(w, r) {
      let upath: string;
      try {
        upath = decodeURIComponent(r.path);
      } catch {
        await httpError(w, '400 Bad Request', 400);
        return;
      }
      if (!upath.startsWith('/')) upath = '/' + upath;
      await serveFile(w, r, base, clean(upath), upath);
    },
  };
}

async function serveFile(w: ResponseWriter, r: Request, base: string, name: string, urlPath: string): Promise<void> {
  if (name.endsWith('/index.html')) {
    await localRedirect(w, r, './');
    return;
  }
  const file = resolveUnder(base, name);
  let info = await statOrNull(w, file);
  if (info === null) return;
  let target = file;
  if (info.isDirectory()) {
    if (!urlPath.endsWith('/')) {
      await localRedirect(w, r, path.posix.basename(urlPath) + '/');
      return;
    }
    const index = path.join(file, 'index.html');
    const ii = await stat(index).catch(() => null);
    if (ii !== null && !ii.isDirectory()) {
      info = ii;
      target = index;
    }
  } else if (urlPath.endsWith('/')) {
    await localRedirect(w, r, '../' + path.posix.basename(urlPath));
    return;
  }
  if (info.isDirectory()) {
    if (notModifiedSince(r, info.mtime)) {
      writeNotModified(w);
      await w.end();
      return;
    }
    w.header().set('Last-Modified', info.mtime.toUTCString());
    await dirList(w, target);
    return;
  }
  let fh: FileHandle;
  try {
    fh = await open(target, 'r');
  } catch (err) {
    await fsError(w, err);
    return;
  }
  try {
    await serveContent(w, r, path.basename(target), info.mtime, fileSource(fh, info.size));
  } finally {
    await fh.close();
  }
}

// The path under base that a cleaned request path names; `..` cannot climb out of a path that
// starts at `/`, and the join is checked again.
function resolveUnder(base: string, name: string): string {
  const p = path.join(base, clean('/' + name));
  return p === base || p.startsWith(base + path.sep) ? p : base;
}

async function statOrNull(w: ResponseWriter, file: string): Promise<Stats | null> {
  try {
    return await stat(file);
  } catch (err) {
    await fsError(w, err);
    return null;
  }
}

// Go's toHTTPError.
async function fsError(w: ResponseWriter, err: unknown): Promise<void> {
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') await httpError(w, '404 page not found', 404);
  else if (code === 'EACCES' || code === 'EPERM') await httpError(w, '403 Forbidden', 403);
  else await httpError(w, '500 Internal Server Error', 500);
}

/** Go's localRedirect: 301 to a path relative to the request's, the query kept, no body. */
async function localRedirect(w: ResponseWriter, r: Request, newPath: string): Promise<void> {
  const q = r.rawQuery;
  w.header().set('Location', q === '' ? newPath : `${newPath}?${q}`);
  w.writeHeader(301);
  await w.end();
}

// Go 1.19's dirList: the entries sorted by name, directories with a slash, in a <pre>.
async function dirList(w: ResponseWriter, dir: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    await httpError(w, 'Error reading directory', 500);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let html = '<pre>\n';
  for (const e of entries) {
    const name = e.isDirectory() ? e.name + '/' : e.name;
    html += `<a href="${urlPath(name)}">${escapeHtml(name)}</a>\n`;
  }
  html += '</pre>\n';
  w.header().set('Content-Type', 'text/html; charset=utf-8');
  await w.end(html);
}

// url.URL{Path: name}.String(): the path escaped, "./" before a first segment holding a colon.
function urlPath(name: string): string {
  const out = escapePath(name);
  return out.split('/')[0]!.includes(':') ? './' + out : out;
}

// Go's htmlReplacer.
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c]!);
}

function fileSource(fh: FileHandle, size: number): ContentSource {
  return {
    size,
    async *read(start, length) {
      let pos = start;
      let left = length;
      while (left > 0) {
        const buf = Buffer.allocUnsafe(Math.min(CHUNK, left));
        const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
        if (bytesRead === 0) return;
        pos += bytesRead;
        left -= bytesRead;
        yield buf.subarray(0, bytesRead);
      }
    },
  };
}
