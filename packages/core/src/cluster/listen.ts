// listen({ workers }): which side of the cluster this process is, and what it does there.
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import { CoreError } from '../errors.js';
import type { Listening } from '../serving.js';
import { WorkerPool } from './primary.js';
import { serveAsWorker } from './worker.js';

/** What `listen({ workers })` needs from its Engine. */
export interface ClusterHost {
  readonly logger: Logger;
  readonly closeTimeout: number;
  /** Listens in this process, as `listen()` without `workers`. */
  listen(): Promise<Listening>;
  /** Drains the Engine, as `close()`. */
  close(): Promise<void>;
  /** Binds the worker's id into every log line of the Engine. */
  bindWorker(id: number): void;
  /** Hands the primary's pool to the Engine, whose close() then drains the workers. */
  supervise(pool: Listening): void;
}

/** The number of workers `workers` asks for: `'auto'` is one per available CPU. */
export function workerCount(workers: number | 'auto'): number {
  if (workers === 'auto') return availableParallelism();
  if (!Number.isSafeInteger(workers) || workers < 1) throw new CoreError('ERR_CORE_OPTIONS', `listen: workers must be a whole number of at least 1 or 'auto', not ${String(workers)}`);
  return workers;
}

/**
 * In the primary: forks the workers and resolves once all listen, with their shared address and
 * a close() that drains them. In a worker: listens in this process and obeys the primary.
 */
export function listenClustered(host: ClusterHost, workers: number | 'auto'): Promise<Listening> {
  const n = workerCount(workers);
  const worker = cluster.worker;
  if (cluster.isPrimary || worker === undefined) {
    return WorkerPool.start(n, host.logger, host.closeTimeout).then((pool) => {
      host.supervise(pool);
      return pool;
    });
  }
  host.bindWorker(worker.id);
  return serveAsWorker(() => host.listen(), () => host.close());
}
