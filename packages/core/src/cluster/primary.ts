// The primary's side of `listen({ workers })`: it forks the workers (each runs the entry script
// again and listens on the shared port), replaces one that dies (with a growing delay when they
// keep dying young), replaces them one by one on SIGHUP, and drains them all on SIGTERM.
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { CoreError } from '../errors.js';
import type { Listening } from '../serving.js';
import { isListening, type DrainMessage, type ListeningMessage } from './messages.js';
import { STABLE_UPTIME_MS, restartDelay } from './restart-delay.js';

// How long past the Engine's closeTimeout a draining worker may take before it is killed.
const KILL_GRACE_MS = 2000;

/** The workers of one `listen({ workers })`, supervised by the primary. */
export class WorkerPool {
  readonly #log: Logger;
  readonly #closeTimeout: number;
  readonly #live = new Set<Worker>();
  // Workers told to drain: their exit is expected.
  readonly #retiring = new Set<Worker>();
  #crashes = 0;
  #closing: Promise<void> | undefined;
  #rolling: Promise<void> | undefined;
  // SIGHUPs not yet acted on: one arriving during a rolling restart asks for another after it.
  #hangups = 0;

  private constructor(log: Logger, closeTimeout: number) {
    this.#log = log;
    this.#closeTimeout = closeTimeout;
  }

  /**
   * Forks `size` workers and resolves, once every one listens, with the address they share and
   * a `close()` that drains them all. Rejects with `ERR_CORE_CLUSTER` when a worker exits before
   * it listens (the entry script failed in the worker).
   */
  static async start(size: number, log: Logger, closeTimeout: number): Promise<Listening> {
    const pool = new WorkerPool(log, closeTimeout);
    let first: ListeningMessage;
    try {
      [first] = (await Promise.all(Array.from({ length: size }, () => pool.#spawn()))) as [ListeningMessage];
    } catch (err) {
      await pool.close();
      throw err;
    }
    pool.#watchSignals();
    log.info({ workers: size, address: first.address }, 'workers listening');
    return { port: first.port, host: first.host, address: first.address, close: () => pool.close() };
  }

  /** Drains every worker (each finishes its requests within closeTimeout), then resolves. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#unwatchSignals();
      // A worker forked meanwhile (a replacement, a rolling restart's) is drained as it listens.
      while (this.#live.size > 0) await Promise.all([...this.#live].map((w) => this.#retire(w)));
    })();
    return this.#closing;
  }

  // Forks a worker and resolves when it listens; rejects if it exits first.
  #spawn(): Promise<ListeningMessage> {
    const worker = cluster.fork();
    const started = Date.now();
    this.#live.add(worker);
    return new Promise((resolve, reject) => {
      let listening = false;
      worker.on('message', (m: unknown) => {
        if (!isListening(m) || listening) return;
        listening = true;
        if (this.#closing !== undefined) void this.#retire(worker);
        resolve(m);
      });
      worker.once('exit', (code: number | null, signal: string | null) => {
        this.#live.delete(worker);
        const expected = this.#retiring.delete(worker);
        if (!listening) {
          reject(new CoreError('ERR_CORE_CLUSTER', `worker ${worker.id} exited (${signal ?? `code ${code}`}) before it listened`));
        }
        if (!expected && listening) this.#replace(worker, Date.now() - started, code, signal);
      });
    });
  }

  // A worker died: fork another, at once after one that ran a while, later after a crash loop.
  #replace(dead: Worker, uptime: number, code: number | null, signal: string | null): void {
    if (this.#closing !== undefined) return;
    this.#crashes = uptime < STABLE_UPTIME_MS ? this.#crashes + 1 : 0;
    const delay = restartDelay(this.#crashes);
    this.#log.error({ worker: dead.id, pid: dead.process.pid, code, signal, restartInMs: delay }, 'worker died');
    setTimeout(() => {
      if (this.#closing !== undefined) return;
      this.#spawn().catch((err: unknown) => {
        this.#log.error({ err }, 'worker failed to start');
        this.#replace(dead, 0, null, null);
      });
    }, delay);
  }

  // Tells a worker to drain and waits for it to exit; kills it if it takes too long.
  #retire(worker: Worker): Promise<void> {
    if (worker.isDead()) return Promise.resolve();
    const already = this.#retiring.has(worker);
    this.#retiring.add(worker);
    return new Promise((resolve) => {
      const kill = setTimeout(() => worker.process.kill('SIGKILL'), this.#closeTimeout + KILL_GRACE_MS);
      worker.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      if (already) return;
      const drain: DrainMessage = { sloe: 'drain' };
      if (worker.isConnected()) worker.send(drain);
      else worker.process.kill('SIGTERM');
    });
  }

  /** Replaces the workers one at a time: a new one listens before an old one drains. */
  async #roll(): Promise<void> {
    this.#log.info({ workers: this.#live.size }, 'rolling restart');
    for (const old of [...this.#live]) {
      if (this.#closing !== undefined) return;
      if (this.#retiring.has(old)) continue;
      await this.#spawn();
      await this.#retire(old);
    }
    this.#log.info({ workers: this.#live.size }, 'rolling restart done');
  }

  readonly #onHangup = (): void => {
    this.#hangups++;
    if (this.#rolling !== undefined) return;
    const run = async (): Promise<void> => {
      while (this.#hangups > 0 && this.#closing === undefined) {
        this.#hangups = 0;
        await this.#roll();
      }
    };
    this.#rolling = run()
      .catch((err: unknown) => {
        this.#log.error({ err }, 'rolling restart failed');
      })
      .finally(() => {
        this.#rolling = undefined;
      });
  };

  readonly #onStop = (signal: NodeJS.Signals): void => {
    this.#log.info({ signal }, 'stopping workers');
    void this.close().then(() => {
      // Ours was the only handler: the process ends as the signal asked, once drained.
      if (process.listenerCount(signal) === 0) process.exit(0);
    });
  };

  #watchSignals(): void {
    process.on('SIGHUP', this.#onHangup);
    process.once('SIGTERM', this.#onStop);
    process.once('SIGINT', this.#onStop);
  }

  #unwatchSignals(): void {
    process.off('SIGHUP', this.#onHangup);
    process.off('SIGTERM', this.#onStop);
    process.off('SIGINT', this.#onStop);
  }
}
