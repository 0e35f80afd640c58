import type { Context, HandlerFunc } from '../context.js';
import { bodyKind } from '../request/content-type.js';

const ALLOWED = new Set(['PUT', 'PATCH', 'DELETE']);

/**
 * `pre` middleware: a POST carrying a form field `_method` (or an `X-HTTP-Method-Override`
 * header) of PUT, PATCH or DELETE is routed as that method, so HTML forms can reach them.
 */
export function methodOverride(): HandlerFunc {
  return async function methodOverride(c: Context): Promise<void> {
    if (c.method !== 'POST') return;
    let m = c.header('x-http-method-override');
    if (m === undefined) {
      const kind = bodyKind(c.header('content-type'));
      if (kind === 'urlencoded' || kind === 'multipart') m = await c.postForm('_method');
    }
    if (m !== undefined && ALLOWED.has(m.toUpperCase())) c.overrideMethod(m);
  };
}
