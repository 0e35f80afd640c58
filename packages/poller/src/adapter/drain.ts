// Waiting for a writable stream to drain, bounded by the send timeout.
import type { EventEmitter } from 'node:events';
import { ClosedError, DeadlineExceededError } from '../net/errors.js';

/**
 * Resolves when `stream` emits 'drain'; rejects with `ClosedError` when it closes first. A
 * client that does not take the bytes within `timeoutMs` is given up: `onTimeout` drops it and
 * the wait rejects with `DeadlineExceededError`.
 */
export function drained(stream: EventEmitter, timeoutMs: number, onTimeout: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (): void => {
      clearTimeout(timer);
      stream.off('drain', onDrain);
      stream.off('close', onClose);
    };
    const onDrain = (): void => {
      settle();
      resolve();
    };
    const onClose = (): void => {
      settle();
      reject(new ClosedError('write'));
    };
    const timer = setTimeout(() => {
      settle();
      onTimeout();
      reject(new DeadlineExceededError('write'));
    }, timeoutMs);
    stream.once('drain', onDrain);
    stream.once('close', onClose);
  });
}
