import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Context, HandlerFunc } from '../context.js';
import { CoreError } from '../errors.js';

/** Options of `app.docs(path, options)`. */
export interface DocsOptions {
  /** The page's title. Default `API documentation`. */
  title?: string;
  /** The URL of the OpenAPI document the page shows. Default the Engine's (its `openapi.path`), else `<path>/openapi.json`. */
  documentUrl?: string;
}

/** One route of the documentation page. */
export interface DocsRoute {
  pattern: string;
  handler: HandlerFunc;
}

/**
 * The policy of every answer of the page: its own scripts and styles from its own origin, the
 * images Swagger UI inlines as data URLs, the document fetched from the same origin, nothing
 * else (no inline script, no eval, no other origin, no framing by others).
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

// The files of swagger-ui-dist the page loads, with their types.
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

// Starts Swagger UI on the document named by the page's data-url: a file of its own, since the
// policy allows no inline script.
const INIT = `const root = document.getElementById('swagger-ui');
window.ui = SwaggerUIBundle({ url: root.dataset.url, domNode: root, deepLinking: true });
`;

/** The folder of swagger-ui-dist; throws ERR_CORE_OPTIONS naming the package when it is not installed. */
function swaggerUiDir(): string {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  } catch {
    throw new CoreError('ERR_CORE_OPTIONS', 'app.docs() serves Swagger UI from the swagger-ui-dist package, which is not installed: npm install swagger-ui-dist');
  }
}

function escapeHTML(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The page at `base` and the files it loads under `base/`, each answered with {@link DOCS_CSP}. */
export function docsPage(base: string, options: DocsOptions & { documentUrl: string }): { routes: DocsRoute[] } {
  const dir = swaggerUiDir();
  const prefix = base.replace(/\/$/, '');
  const title = escapeHTML(options.title ?? 'API documentation');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${prefix}/swagger-ui.css">
<link rel="icon" type="image/png" href="${prefix}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui" data-url="${escapeHTML(options.documentUrl)}"></div>
<script src="${prefix}/swagger-ui-bundle.js"></script>
<script src="${prefix}/init.js"></script>
</body>
</html>
`;
  const routes: DocsRoute[] = [{ pattern: base, handler: answer('text/html; charset=utf-8', () => html) }];
  routes.push({ pattern: `${prefix}/init.js`, handler: answer('text/javascript; charset=utf-8', () => INIT) });
  for (const [file, type] of Object.entries(ASSETS)) {
    let bytes: Buffer | undefined;
    // Read on first request, then kept: the bundle is about 1.5 MB.
    routes.push({ pattern: `${prefix}/${file}`, handler: answer(type, () => (bytes ??= readFileSync(path.join(dir, file)))) });
  }
  return { routes };
}

function answer(type: string, body: () => string | Uint8Array): HandlerFunc {
  return function docs(c: Context): void {
    c.setHeader('Content-Security-Policy', DOCS_CSP);
    c.setHeader('X-Content-Type-Options', 'nosniff');
    c.setHeader('Cache-Control', 'no-cache');
    c.data(200, type, body());
  };
}
