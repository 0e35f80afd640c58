import { Context, type HandlerFunc } from '../context.js';
import { HttpError } from '../errors.js';
import { checkOptions, optionCheck } from './options-check.js';

/** Options of {@link timeout}. */
export interface TimeoutOptions {
  /** The status answered when the time is up and nothing was written. Default 503. */
  status?: number;
}

/**
 * Gives the rest of the chain `ms` milliseconds. When they run out, `c.signal` aborts (its
 * reason the HttpError `ERR_CORE_TIMEOUT`) so the handler's fetches, queries and streams stop,
 * and, when nothing was written yet, the request is answered at once with `status` (503 by
 * default) and ends. The handler may still be running: whatever it answers later is dropped,
 * never sent as a second response, and logged once as a warning. A response already started
 * cannot be replaced: the handler is left to stop on the aborted signal (`c.stream` and
 * `c.sse` stop by themselves) and the response ends when it returns.
 */
export function timeout(ms: number, options: TimeoutOptions = {}): HandlerFunc {
  optionCheck('timeout', Number.isSafeInteger(ms) && ms > 0, `the time must be a positive whole number of milliseconds, got ${String(ms)}`);
  checkOptions('timeout', options, ['status']);
  const status = options.status ?? 503;
  optionCheck('timeout', Number.isInteger(status) && status >= 400 && status <= 599, `option "status" must be an error status (400-599), got ${String(status)}`);
  return async function timeout(c: Context): Promise<void> {
    const controller = Context.abortable(c);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<false>((resolve) => {
      timer = setTimeout(resolve, ms, false);
    });
    const running = c.next();
    let inTime: boolean;
    try {
      inTime = await Promise.race([running.then(() => true), expired]);
    } finally {
      clearTimeout(timer);
    }
    if (inTime) return;
    const err = new HttpError(status, `no answer within ${ms} ms`, { code: 'ERR_CORE_TIMEOUT', expose: true });
    controller.abort(err);
    if (c.written || c.writer.headersSent) {
      await running;
      return;
    }
    const started = performance.now();
    running.catch((late: unknown) => {
      // Stopping on the aborted signal is what the handler should do: only a real failure, or
      // an answer it tried to give (refused: the request ended), is worth a line.
      if (late !== err && !(late instanceof Error && late.name === 'AbortError')) lateAnswer(c, ms, started, late);
    });
    c.abortWithError(err);
  };
}

// The handler failed after its request was answered, most often because it tried to answer
// then (ERR_CORE_CONTEXT_ENDED): what it wrote was dropped. Logged once, as a warning.
function lateAnswer(c: Context, ms: number, started: number, err: unknown): void {
  const after = Math.round(ms + performance.now() - started);
  c.log.warn({ err, route: c.fullPath(), ms: after }, `timeout: the handler went on after ${ms} ms and failed once the request was answered; nothing it wrote then was sent`);
}
