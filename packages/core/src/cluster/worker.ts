// The worker's side of `listen({ workers })`: listen as a single process would, tell the primary,
// and drain when the primary (or a signal to the whole process group) says so.
import type { Listening } from '../serving.js';
import { isDrain, type ListeningMessage } from './messages.js';

/**
 * Listens with `listen` and reports the address to the primary. node:cluster shares one
 * listening socket among the workers that listen on the same address, port 0 included (the
 * primary binds it once). On a drain message, SIGTERM or SIGINT, `close()`
 * drains the Engine and the worker exits; SIGHUP is the primary's to act on.
 */
export async function serveAsWorker(listen: () => Promise<Listening>, close: () => Promise<void>): Promise<Listening> {
  const l = await listen();
  let draining = false;
  const drain = (): void => {
    if (draining) return;
    draining = true;
    void close().finally(() => process.exit(0));
  };
  process.on('message', (m: unknown) => {
    if (isDrain(m)) drain();
  });
  process.on('SIGTERM', drain);
  process.on('SIGINT', drain);
  process.on('SIGHUP', () => undefined);
  const message: ListeningMessage = { sloe: 'listening', port: l.port, host: l.host, address: l.address };
  process.send?.(message);
  return l;
}
