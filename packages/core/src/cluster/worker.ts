// The worker's side of `listen({ workers })`: listen as a single process would, tell the primary,
// and drain when the primary (or a signal to the whole process group) says so.
import cluster from 'node:cluster';
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
    void close().finally(leave);
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

// How long a drained worker waits for the primary to acknowledge its leaving before it exits anyway.
const LEAVE_TIMEOUT_MS = 5000;

/**
 * Exits once the primary has seen this worker leave. With round-robin scheduling the primary
 * accepts connections and hands each to a worker over IPC: a handle sent before the primary
 * learnt that this worker's server closed is still on its way. node:cluster hands such a handle
 * back when it arrives, but only to a worker that is still there: one that exits at once loses it,
 * and the client's connection hangs, neither answered nor closed. `worker.disconnect()` waits for
 * the primary's acknowledgement, and IPC keeps order, so every handle sent before it has been
 * handed back by then.
 */
function leave(): void {
  const worker = cluster.worker;
  if (worker === undefined || !worker.isConnected()) process.exit(0);
  setTimeout(() => process.exit(0), LEAVE_TIMEOUT_MS).unref();
  process.once('disconnect', () => process.exit(0));
  worker.disconnect();
}
