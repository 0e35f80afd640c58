import { realpathSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Context, HandlerFunc } from './context.js';
import { CoreError, HttpError } from './errors.js';
import { checkOptions, optionCheck } from './middleware/options-check.js';
import { contentTypeOf } from './render/mime.js';
import { sendFile } from './render/send-file.js';
import { acceptedEncodings } from './request/accept-encoding.js';

/** Options of `static(prefix, dir)`. */
export interface StaticOptions {
  /** The file served for a directory. Default `index.html`; false serves no directory. */
  index?: string | false;
  /** Whether files whose name starts with a dot are served. Default false. */
  dotfiles?: boolean;
  /** `Cache-Control: public, max-age=<maxAge>` in seconds on every file served. Default: no Cache-Control. */
  maxAge?: number;
  /** Adds `immutable` to the `maxAge` Cache-Control (for fingerprinted file names). Needs `maxAge`. */
  immutable?: boolean;
  /**
   * Cache-Control by file: `[pattern, value]` pairs tried in order against the path under the
   * directory (`/js/app.1f3a.js`); the first that matches gives the header, the others fall back
   * to `maxAge` / `immutable`. An empty value sends no Cache-Control for the files it matches.
   */
  cacheControl?: readonly (readonly [RegExp, string])[];
  /**
   * Serve a file's precompressed sibling (`app.js.br`, `app.js.gz`) to a client that accepts
   * its coding, with `Content-Encoding` and the original's Content-Type; every file then
   * answers `Vary: Accept-Encoding`. Default true.
   */
  precompressed?: boolean;
}

// The siblings looked for, by the coding they hold.
const SIBLINGS = { br: '.br', gzip: '.gz' } as const;

/** Checks `static`'s options, throwing `ERR_CORE_OPTIONS` naming a wrong key. */
function checkStaticOptions(options: StaticOptions): void {
  checkOptions('static', options, ['index', 'dotfiles', 'maxAge', 'immutable', 'cacheControl', 'precompressed']);
  optionCheck('static', options.precompressed === undefined || typeof options.precompressed === 'boolean', '"precompressed" must be a boolean');
  const { maxAge, immutable, cacheControl } = options;
  optionCheck('static', maxAge === undefined || (Number.isSafeInteger(maxAge) && maxAge >= 0), '"maxAge" must be a whole number of seconds');
  optionCheck('static', immutable !== true || maxAge !== undefined, '"immutable" needs "maxAge"');
  optionCheck(
    'static',
    cacheControl === undefined || (Array.isArray(cacheControl) && cacheControl.every((e) => Array.isArray(e) && e[0] instanceof RegExp && typeof e[1] === 'string' && !/[\r\n]/.test(e[1]))),
    '"cacheControl" must be a list of [RegExp, value] pairs',
  );
}

/** The Cache-Control chosen for `relative` (a path under the root, starting with `/`), or undefined. */
function cacheControlOf(options: StaticOptions, relative: string): string | undefined {
  for (const [pattern, value] of options.cacheControl ?? []) {
    pattern.lastIndex = 0;
    if (pattern.test(relative)) return value === '' ? undefined : value;
  }
  if (options.maxAge === undefined) return undefined;
  return `public, max-age=${options.maxAge}${options.immutable === true ? ', immutable' : ''}`;
}

function notFound(): HttpError {
  return new HttpError(404, 'file not found');
}

/** Resolves a request path under `root`, or undefined when it would leave it or is not allowed. */
export function resolveUnder(root: string, requested: string, dotfiles: boolean): string | undefined {
  if (requested.includes('\0') || requested.includes('\\')) return undefined;
  const segments = requested.split('/').filter((s) => s !== '' && s !== '.');
  for (const s of segments) {
    if (s === '..') return undefined;
    if (!dotfiles && s.startsWith('.')) return undefined;
  }
  const full = path.join(root, ...segments);
  return full === root || full.startsWith(root + path.sep) ? full : undefined;
}

/** True when a request path ends like a directory's: in `/`, or in a `.` segment. */
function namesDirectory(requested: string): boolean {
  return requested.endsWith('/') || requested.endsWith('/.') || requested === '.';
}

/** The handler behind `static(prefix, dir)`: serves `*filepath` from `dir`, never outside it. */
export function serveStatic(dir: string, options: StaticOptions = {}): HandlerFunc {
  checkStaticOptions(options);
  let root: string;
  try {
    root = realpathSync(path.resolve(dir));
  } catch {
    throw new CoreError('ERR_CORE_STATIC_ROOT', `static directory ${JSON.stringify(dir)} does not exist`);
  }
  const index = options.index ?? 'index.html';
  const dotfiles = options.dotfiles ?? false;
  const precompressed = options.precompressed ?? true;
  return async function serveStatic(c: Context): Promise<void> {
    const requested = c.params['filepath'] ?? '';
    let file = resolveUnder(root, requested, dotfiles);
    if (file === undefined) throw notFound();
    let st = await stat(file).catch(() => undefined);
    // A path ending in a slash names a directory: a file asked for that way is not found, as
    // the file system itself answers (ENOTDIR), so `/a.txt/` never serves `/a.txt`.
    if (st?.isFile() === true && namesDirectory(requested)) throw notFound();
    if (st?.isDirectory() === true) {
      if (index === false) throw notFound();
      file = path.join(file, index);
      st = await stat(file).catch(() => undefined);
    }
    if (st?.isFile() !== true) throw notFound();
    // A symlink inside the root may point outside it.
    const real = await realpath(file);
    if (real !== root && !real.startsWith(root + path.sep)) throw notFound();
    const cache = cacheControlOf(options, '/' + path.relative(root, real).split(path.sep).join('/'));
    if (cache !== undefined) c.setHeader('Cache-Control', cache);
    if (precompressed) {
      appendVary(c, 'Accept-Encoding');
      const sibling = await siblingOf(root, real, c.header('accept-encoding'));
      if (sibling !== undefined) {
        c.setHeader('Content-Encoding', sibling.coding);
        await sendFile(c, sibling.file, contentTypeOf(path.extname(real)));
        return;
      }
    }
    await c.file(real);
  };
}

function appendVary(c: Context, name: string): void {
  const h = c.writer.header();
  const vary = h.get('vary');
  if (vary === null) h.set('Vary', name);
  else if (!vary.toLowerCase().split(',').some((t) => t.trim() === name.toLowerCase() || t.trim() === '*')) h.set('Vary', `${vary}, ${name}`);
}

/** The best precompressed sibling of `file` the client accepts, if one exists under `root`. */
async function siblingOf(root: string, file: string, acceptEncoding: string | undefined): Promise<{ file: string; coding: string } | undefined> {
  for (const coding of acceptedEncodings(acceptEncoding, ['br', 'gzip'] as const)) {
    const sibling = file + SIBLINGS[coding];
    const st = await stat(sibling).catch(() => undefined);
    if (st?.isFile() !== true) continue;
    const real = await realpath(sibling);
    if (real.startsWith(root + path.sep)) return { file: real, coding };
  }
  return undefined;
}
