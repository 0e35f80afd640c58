import type { Context, HandlerFunc } from '../context.js';
import { checkOptions, optionCheck } from './options-check.js';

/**
 * Which origins may read responses: `*` (any, without credentials), one origin, a list, a
 * RegExp tested against the Origin header, or a function answering true (echo the origin), a
 * string (send that origin) or false/undefined (no CORS headers).
 */
export type CorsOrigin =
  | string
  | readonly string[]
  | RegExp
  | ((origin: string, c: Context) => boolean | string | undefined | Promise<boolean | string | undefined>);

/** Options of {@link cors}. */
export interface CorsOptions {
  /** The allowed origins. Default `*`. */
  origin?: CorsOrigin;
  /** Sends `Access-Control-Allow-Credentials: true`; not allowed with origin `*`. Default false. */
  credentials?: boolean;
  /** Request headers a preflight allows. Default: the ones the preflight asks for, echoed. */
  allowHeaders?: readonly string[];
  /** Response headers scripts may read (`Access-Control-Expose-Headers`). Default none. */
  exposeHeaders?: readonly string[];
  /** Seconds a browser may cache a preflight (`Access-Control-Max-Age`). Default: not sent. */
  maxAge?: number;
}

const KNOWN = ['origin', 'credentials', 'allowHeaders', 'exposeHeaders', 'maxAge'];

type Allow = (origin: string, c: Context) => string | undefined | Promise<string | undefined>;

function allowOf(origin: CorsOrigin): Allow {
  if (typeof origin === 'string') return (o) => (o === origin ? o : undefined);
  if (origin instanceof RegExp) return (o) => (origin.test(o) ? o : undefined);
  if (typeof origin === 'function') {
    return async (o, c) => {
      const v = await origin(o, c);
      return v === true ? o : typeof v === 'string' && v !== '' ? v : undefined;
    };
  }
  const list = new Set(origin);
  return (o) => (list.has(o) ? o : undefined);
}

function appendVary(c: Context, name: string): void {
  c.writer.header().append('Vary', name);
}

/**
 * Cross-Origin Resource Sharing, as the Fetch standard's CORS protocol describes it. A preflight
 * (OPTIONS with Origin and Access-Control-Request-Method) on a path the Engine answers itself is
 * answered 204 with `Access-Control-Allow-Methods` set to that path's real `Allow` list; other
 * requests get the allow-origin headers and go on. A disallowed origin gets no CORS headers at
 * all (the browser then refuses), never an error. `Vary: Origin` is sent whenever the answer
 * depends on the Origin header, that is for every origin setting but `*`.
 */
export function cors(options: CorsOptions = {}): HandlerFunc {
  checkOptions('cors', options, KNOWN);
  const origin = options.origin ?? '*';
  const credentials = options.credentials ?? false;
  // The Fetch standard fails a credentialed request answered with `*`: refuse it here instead.
  optionCheck('cors', !(credentials && origin === '*'), 'option "credentials" needs an explicit "origin": browsers refuse `*` with credentials');
  optionCheck('cors', options.maxAge === undefined || (Number.isInteger(options.maxAge) && options.maxAge >= 0), 'option "maxAge" must be a whole number of seconds');
  const any = origin === '*';
  const allow = any ? undefined : allowOf(origin);
  const expose = options.exposeHeaders?.join(', ') ?? '';
  const allowHeaders = options.allowHeaders?.join(', ');
  const maxAge = options.maxAge === undefined ? undefined : String(options.maxAge);

  // Hot path: the whole answer is decided without awaiting, unless the origin option is a
  // function that returns a promise; the chain then goes on without a promise for this middleware.
  return function cors(c: Context): Promise<void> | undefined {
    const requestOrigin = c.header('origin');
    if (!any) appendVary(c, 'Origin');
    if (requestOrigin === undefined) {
      if (any) c.setHeader('Access-Control-Allow-Origin', '*');
      return undefined;
    }
    if (allow === undefined) {
      answer(c, '*');
      return undefined;
    }
    const allowed = allow(requestOrigin, c);
    if (typeof allowed === 'object') return allowed.then((origin) => {
        answer(c, origin);
      });
    answer(c, allowed);
    return undefined;
  };

  // The CORS headers for an allowed origin (none for a refused one), and a preflight's answer.
  function answer(c: Context, allowed: string | undefined): void {
    if (allowed === undefined) return;
    c.setHeader('Access-Control-Allow-Origin', allowed);
    if (credentials) c.setHeader('Access-Control-Allow-Credentials', 'true');
    if (expose !== '') c.setHeader('Access-Control-Expose-Headers', expose);
    // Not a preflight, or an OPTIONS route of the application's own (no Allow): it answers.
    if (c.method !== 'OPTIONS' || c.header('access-control-request-method') === undefined) return;
    const methods = c.writer.header().get('allow');
    if (methods === null) return;
    c.setHeader('Access-Control-Allow-Methods', methods);
    let headers = allowHeaders;
    if (headers === undefined) {
      headers = c.header('access-control-request-headers');
      appendVary(c, 'Access-Control-Request-Headers');
    }
    if (headers !== undefined && headers !== '') c.setHeader('Access-Control-Allow-Headers', headers);
    if (maxAge !== undefined) c.setHeader('Access-Control-Max-Age', maxAge);
    c.abort();
    c.noContent();
  }
}
