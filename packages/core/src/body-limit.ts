import { Context, type HandlerFunc } from './context.js';
import type { BodyLimits } from './request/body.js';
import { bodyKind } from './request/content-type.js';
import { tooLarge } from './request/read-body.js';

/**
 * The step the Engine puts before a route's validation and handlers: a request whose declared
 * Content-Length is over the route's limit for its body type is answered 413 (and the
 * connection closed, so its body is never read) without running them. A chunked body is held
 * to the same limit as it is read.
 */
export function declaredLengthCheck(limits: BodyLimits): HandlerFunc {
  const smallest = Math.min(limits.body, limits.multipart);
  return function bodyLimit(c: Context): void {
    const declared = c.req.contentLength;
    // Hot path: a body under both limits (or none) costs one comparison.
    if (declared <= smallest) return;
    // A bodyLimit() middleware earlier in the chain may have set this request's limits.
    const own = Context.bodyLimits(c);
    const limit = bodyKind(c.header('content-type')) === 'multipart' ? own.multipart : own.body;
    if (declared <= limit) return;
    c.setHeader('Connection', 'close');
    c.abortWithError(tooLarge(limit));
  };
}
