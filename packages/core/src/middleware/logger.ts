import { Context, type HandlerFunc } from '../context.js';

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
 * When the Engine's logger does not write `info` lines (level `warn` or `silent`), the request
 * id is still echoed but nothing is timed and no child logger is made.
 */
export function logger(options: LoggerOptions = {}): HandlerFunc {
  const skip = new Set(options.skip ?? []);
  const header = options.requestIdHeader ?? 'X-Request-Id';
  return function logger(c: Context): Promise<void> | undefined {
    if (header !== false) c.setHeader(header, c.requestId);
    // Nothing to write after the chain: it goes on without this middleware waiting for it.
    if (!Context.logs(c, 'info') || skip.has(c.path)) return undefined;
    return logged(c);
  };
}

async function logged(c: Context): Promise<void> {
  const start = performance.now();
  try {
    await c.next();
  } finally {
    const ms = Math.round((performance.now() - start) * 1000) / 1000;
    c.log.info({ method: c.method, path: c.path, status: c.responseStatus, bytes: c.responseSize, ms }, 'request');
  }
}
