// The application: an Engine serving the JSON API, the pages, the health check and the OpenAPI
// document over one UserRepository. Built by main.ts for real, and by the tests on a temporary
// store.
import { compress, Engine, HttpError, logger as requestLogger, methodOverride, rateLimit, recovery, secureHeaders, type HandlerFunc, type RouteOptions } from '@sloe/core';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { registerApi } from './http/api.js';
import type { Answers } from './http/answers.js';
import { BODY_TOO_LARGE } from './http/answers.js';
import { errorSchema, healthSchema } from './http/api-schemas.js';
import { documentOptions } from './http/document.js';
import { pageKeys } from './http/keys.js';
import { CONTENT_SECURITY_POLICY } from './http/csp.js';
import { registerPages, renderErrorPage } from './http/pages.js';
import type { UserRepository } from './store/repository.js';

/** Options of {@link createApp}. */
export interface AppOptions {
  /** The pino logger for request logs and errors. Default: none (silent). */
  logger?: Logger;
  /**
   * The secret the session cookie (which carries the flash message) and the CSRF token are keyed
   * with; instances behind one load balancer share it. Default: random per process.
   */
  sessionSecret?: string;
  /**
   * Writes (POST, PUT, PATCH, DELETE) each client may make per minute, counted in the store's
   * `rateLimitStore` when it has one (shared by every instance), else in memory; false for no
   * limit. Default 300.
   */
  writeRateLimit?: number | false;
  /** Proxies (addresses or CIDR ranges) whose X-Forwarded-For names the client. Default none. */
  trustedProxies?: readonly string[];
  /** Largest request body in bytes; more gets 413. Default: 65536. */
  bodyLimit?: number;
  /** The folder of the templates. Default: the package's `views/`. */
  viewsDir?: string;
  /** Serve the HTML pages under /users. Default: true; false serves the JSON API alone. */
  pages?: boolean;
}

/** The package's `views/` folder, from `src/` and from `dist/` alike. */
export const DEFAULT_VIEWS_DIR = fileURLToPath(new URL('../views/', import.meta.url));

/** Builds the application over `repo`. */
export function createApp(repo: UserRepository, options: AppOptions = {}): Engine {
  const keys = pageKeys(options.sessionSecret);
  const writes = options.writeRateLimit ?? 300;
  const answers: Answers = { writeLimit: writes !== false };
  const app = new Engine({
    logger: options.logger,
    openapi: documentOptions(),
    bodyLimit: options.bodyLimit ?? 65536,
    keys: [keys.session],
    trustedProxies: options.trustedProxies ?? [],
  });
  // Forms reach PUT and DELETE through `_method` on the pages only: on the API a cross-site form
  // could otherwise turn a POST into a DELETE that no CSRF token guards.
  const override = methodOverride();
  app.pre(async function pagesMethodOverride(c) {
    if (c.path === '/api' || c.path.startsWith('/api/')) return;
    try {
      await override(c);
    } catch (err) {
      // A form that cannot be read stays a POST: the page reading it again (the body reader keeps
      // the outcome) answers the error as an HTML page, which an answer from here could not be.
      if (!(err instanceof HttpError)) throw err;
    }
  });
  app.use(requestLogger({ skip: ['/healthz'] }), recovery());
  // Every answer carries the security headers; the pages' styles and scripts run by the nonce.
  app.use(secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, xFrameOptions: 'DENY' }));
  // Pages and lists over 1 KiB go out in br, gzip or deflate; a user's own answers are marked
  // no-transform, so their version ETag stays strong for If-Match (see api.ts).
  app.use(compress());
  // Counted in the store when instances share it (PostgreSQL), else in this process's memory.
  if (writes !== false) app.use(writesOnly(rateLimit({ limit: writes, windowMs: 60_000, store: repo.rateLimitStore })));
  const pages = options.pages ?? true;
  if (pages) app.loadHTMLGlob(`${(options.viewsDir ?? DEFAULT_VIEWS_DIR).replace(/\/$/, '')}/**/*.html`);

  app.get('/healthz', HEALTH_CHECK, async function healthz(c) {
    try {
      await repo.count();
      c.json(200, { status: 'ok' });
    } catch (err) {
      c.log.error({ err }, 'health check failed');
      c.json(503, { status: 'unavailable' });
    }
  });
  app.get('/', HOME, function home(c) {
    c.redirect(302, pages ? '/users' : '/api/users');
  });
  registerApi(app, repo, answers);
  app.docs('/docs', { title: 'sloe demo: users' });
  if (pages) registerPages(app, repo, keys.csrf, answers);
  app.noMethod(function methodNotAllowed(c) {
    const message = `${c.method} is not allowed on ${c.path}`;
    if (!pages || c.path === '/api' || c.path.startsWith('/api/')) c.json(405, { error: 'ERR_METHOD_NOT_ALLOWED', message });
    else renderErrorPage(c, 405, message);
  });
  app.noRoute(function notFound(c) {
    if (!pages || c.path === '/api' || c.path.startsWith('/api/')) c.json(404, { error: 'ERR_NOT_FOUND', message: `no route for ${c.method} ${c.path}` });
    else renderErrorPage(c, 404, 'There is no page at this address.');
  });
  return app;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Runs `limit` on writes only: reads are cheap and never refused. (The routes document its 429: see answers.ts.) */
function writesOnly(limit: HandlerFunc): HandlerFunc {
  return function writeRateLimit(c) {
    return UNSAFE.has(c.method) ? limit(c) : undefined;
  };
}

/** The health check's route options. */
const HEALTH_CHECK = {
  summary: 'Health check',
  operationId: 'health',
  tags: ['service'],
  schema: { response: { 200: healthSchema, 503: healthSchema, 413: errorSchema } },
  responses: { 200: 'The store answers: `{"status":"ok"}`.', 503: 'The store does not answer: `{"status":"unavailable"}`.', 413: BODY_TOO_LARGE },
} satisfies RouteOptions;

/** The home page's route options. */
const HOME = {
  summary: 'Home: to the list of users',
  operationId: 'home',
  tags: ['service'],
  schema: { response: { 413: errorSchema } },
  responses: { 302: { description: 'To /users (or /api/users without the pages).', headers: { Location: { description: 'The list.' } } }, 413: BODY_TOO_LARGE },
} satisfies RouteOptions;
