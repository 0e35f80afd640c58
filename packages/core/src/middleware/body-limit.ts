import { Context, type HandlerFunc } from '../context.js';
import { tooLarge } from '../request/read-body.js';
import { optionCheck } from './options-check.js';

// The limit of each bodyLimit() middleware, so the Engine can let its transport accept the
// largest one.
const limits = new WeakMap<HandlerFunc, number>();

/** The byte limit of a `bodyLimit()` middleware, or undefined for any other handler. */
export function bodyLimitOf(h: HandlerFunc): number | undefined {
  return limits.get(h);
}

/**
 * Holds the bodies of the requests it sees to `bytes`, whatever their type, in place of the
 * Engine's `bodyLimit` and `multipartLimit`: smaller or larger (the Engine lets its transports
 * accept the largest limit any route's chain has). A declared Content-Length over it is answered
 * 413 `ERR_CORE_BODY_TOO_LARGE` at once, the connection closed so the body is never read; a
 * chunked body is refused as soon as it is read past it. The innermost `bodyLimit()` of a chain
 * wins; a route's own `bodyLimit` option wins over every middleware.
 */
export function bodyLimit(bytes: number): HandlerFunc {
  optionCheck('bodyLimit', Number.isSafeInteger(bytes) && bytes >= 0, `the limit must be a whole number of bytes, got ${String(bytes)}`);
  const fn = function bodyLimit(c: Context): void {
    const base = Context.bodyLimits(c);
    if (!Context.setBodyLimits(c, { ...base, body: bytes, multipart: bytes })) return;
    if (c.req.contentLength <= bytes) return;
    c.setHeader('Connection', 'close');
    c.abortWithError(tooLarge(bytes));
  };
  limits.set(fn, bytes);
  return fn;
}
