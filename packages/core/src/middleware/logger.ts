import type { Context, HandlerFunc } from '../context.js';

/** Options of the logger middleware. */
export interface LoggerOptions {
  /** Paths not logged (health checks). Default none. */
  skip?: readonly string[];
  /** The response header echoing the request id. Default `X-Request-Id`; false sends none. */
  requestIdHeader?: string | false;
}

/**
 * Logs one line per request through the request's child logger (bound to its request id, taken
 * from X-Request-Id or generated, and echoed back): method, path, status, bytes, duration.
 */
export function logger(options: LoggerOptions = {}): HandlerFunc {
  const skip = new Set(options.skip ?? []);
  const header = options.requestIdHeader ?? 'X-Request-Id';
  return async function logger(c: Context): Promise<void> {
    const start = performance.now();
    if (header !== false) c.setHeader(header, c.requestId);
    try {
      await c.next();
    } finally {
      if (!skip.has(c.path)) {
        const ms = Math.round((performance.now() - start) * 1000) / 1000;
        c.log.info({ method: c.method, path: c.path, status: c.responseStatus, bytes: c.responseSize, ms }, 'request');
      }
    }
  };
}
