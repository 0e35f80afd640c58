// OutputBatch: the response bytes of one connection on their way out. Pieces (status lines,
// headers, bodies; a string is UTF-8 text) are queued and leave together: one write for one
// piece, one corked writev for several, so a run of pipelined responses costs one system call.
// A write the client does not take is bounded by sendTimeout, past which the connection is
// dropped without draining what it holds.
import type { PollableConn } from '../net/conn.js';
import { DeadlineExceededError } from '../net/errors.js';
import type { ResolvedTransportOptions } from './options.js';
import { RESOLVED } from '../resolved.js';

const ignore = (): void => undefined;

/** The limits an OutputBatch applies. */
type BatchLimits = Pick<ResolvedTransportOptions, 'writeHighWaterMark' | 'maxBufferedResponseBytes' | 'sendTimeout'>;

/** The queued output of one connection. */
export class OutputBatch {
  readonly #io: PollableConn;
  readonly #limits: BatchLimits;
  readonly #onStuck: (err: DeadlineExceededError) => void;
  #out: (Uint8Array | string)[] = [];
  #outBytes = 0;
  // The promise of the last write, and how many writes the client is not taking.
  #lastWrite: Promise<void> = RESOLVED;
  #stalled = 0;
  #congested = false;
  #detached = false;

  /**
   * `onStuck` is called when a write stalled past sendTimeout: the connection is to be dropped
   * (its linger already set to 0, so what the client did not take is discarded).
   */
  constructor(io: PollableConn, limits: BatchLimits, onStuck: (err: DeadlineExceededError) => void) {
    this.#io = io;
    this.#limits = limits;
    this.#onStuck = onStuck;
  }

  /** True while pieces are queued. */
  get pending(): boolean {
    return this.#out.length > 0;
  }

  /**
   * True when the last `queue` wrote the batch and the connection then held more than
   * maxBufferedResponseBytes the client has not taken: the server should stop serving ahead.
   */
  get congested(): boolean {
    return this.#congested;
  }

  /**
   * Queues `piece` (`byteLength` bytes once encoded). Resolves at once while the queued and
   * unsent bytes stay under writeHighWaterMark; past it the batch is written, and the promise
   * is that write's (bounded by sendTimeout when the client is not taking it). The promise's
   * rejection is always handled, as a handler may ignore it.
   */
  queue(piece: Uint8Array | string, byteLength: number): Promise<void> {
    this.#congested = false;
    this.#out.push(piece);
    this.#outBytes += byteLength;
    // Hot path: below the high-water mark nothing is written yet.
    if (this.#outBytes + this.#io.writeBuffered < this.#limits.writeHighWaterMark) return RESOLVED;
    const written = this.write();
    const buffered = this.#io.writeBuffered;
    if (buffered === 0) {
      if (written !== RESOLVED) written.catch(ignore);
      return written;
    }
    this.#congested = buffered > this.#limits.maxBufferedResponseBytes;
    return this.#bounded(written);
  }

  /** Writes what is queued, if anything, without waiting for it (a failure surfaces on the next read or write). */
  flush(): void {
    if (this.#outBytes > 0 || this.#out.length > 0) this.#writeOut();
  }

  /** Writes what is queued: one write for one piece, one corked writev for several. */
  write(): Promise<void> {
    const out = this.#out;
    this.#out = [];
    this.#outBytes = 0;
    let written: Promise<void>;
    if (out.length === 1) {
      const only = out[0]!;
      written = typeof only === 'string' ? this.#io.writeText(only) : this.#io.write(only);
    } else {
      written = this.#io.writev(out);
    }
    return (this.#lastWrite = written);
  }

  /**
   * Writes the batch; returns a promise when the caller must wait for the client to take it
   * first: after a full run of responses (`full`) whenever the connection did not take all of
   * it, otherwise only past maxBufferedResponseBytes. The wait is bounded by sendTimeout.
   */
  drain(full: boolean): void | Promise<void> {
    if (this.#out.length > 0) this.#writeOut();
    const buffered = this.#io.writeBuffered;
    if (buffered === 0 || (!full && buffered <= this.#limits.maxBufferedResponseBytes)) return;
    return this.#bounded(this.#lastWrite);
  }

  /** The connection was hijacked: its deadlines are no longer the batch's to clear or act on. */
  detach(): void {
    this.#detached = true;
  }

  // A batch the connection took at once gets no rejection handler (a reaction per request).
  #writeOut(): void {
    const written = this.write();
    if (written !== RESOLVED) written.catch(ignore);
  }

  // A write the client is not taking: bounded by sendTimeout, past which the connection is
  // dropped. Returns `write`, its rejection already handled.
  #bounded(write: Promise<void>): Promise<void> {
    this.#stalled++;
    this.#io.setWriteDeadline(Date.now() + this.#limits.sendTimeout);
    write.then(this.#unstalled, this.#stallFailed);
    return write;
  }

  readonly #unstalled = (): void => {
    if (--this.#stalled === 0 && !this.#detached) this.#io.setWriteDeadline(null);
  };

  readonly #stallFailed = (err: unknown): void => {
    this.#stalled--;
    if (!(err instanceof DeadlineExceededError) || this.#detached) return;
    // The client is not reading: what it has not taken is dropped with it, not drained.
    this.#io.setLinger(0);
    this.#onStuck(err);
  };
}
