// The AbortSignal of a request served over one of node's streams.
import type { EventEmitter } from 'node:events';

/**
 * A signal that aborts when `stream` closes before the response is complete: at once when it
 * is already `destroyed`, never once `responded()`. The reason is an `AbortError` saying
 * `message`.
 */
export function closeSignal(stream: EventEmitter, destroyed: boolean, responded: () => boolean, message: string): AbortSignal {
  const controller = new AbortController();
  if (responded()) return controller.signal;
  if (destroyed) {
    controller.abort(gone(message));
    return controller.signal;
  }
  stream.once('close', () => {
    if (!responded()) controller.abort(gone(message));
  });
  return controller.signal;
}

function gone(message: string): Error {
  return Object.assign(new Error(message), { name: 'AbortError' });
}
