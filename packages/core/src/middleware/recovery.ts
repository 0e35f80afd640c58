import { Context, type HandlerFunc } from '../context.js';
import { errorStatus } from '../errors.js';

/**
 * Turns an error thrown (or a promise rejected) by any later handler into a response: the
 * error's status (500 unless it is an HttpError) with a JSON or text body per Accept. Server
 * errors are logged with their stack; the error is also recorded in `c.errors`.
 */
export function recovery(): HandlerFunc {
  return async function recovery(c: Context): Promise<void> {
    try {
      await c.next();
    } catch (err) {
      c.abort();
      c.error(err);
      const status = errorStatus(err);
      const answered = Context.answerError(c, err);
      if (!answered) Context.failAfterWrite(c, err);
      else if (status >= 500) Context.reportFailure(c, err, 'handler failed');
      else c.log.debug({ err }, 'request rejected');
    }
  };
}
