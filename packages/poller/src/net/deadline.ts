// One direction's deadline, as Go's pollDesc keeps `rd`/`wd` and their timers: absolute,
// re-settable, at most one timer, none while unset. Extending it does not re-arm the timer:
// an early firing re-arms for the remainder, so a server that pushes its deadline forward on
// every request pays for no timer churn.
import type { DeadlineTime } from './conn.js';

/** The time source and timers a deadline uses; a fake clock lets tests drive time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Schedules `fn` after `ms` milliseconds; the handle must not keep the process alive. */
  setTimer(fn: () => void, ms: number): unknown;
  /** Cancels a timer from `setTimer`. */
  clearTimer(handle: unknown): void;
}

/** The real clock: `Date.now` and unreferenced `setTimeout` timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimer: (handle) => {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

/** Converts a `DeadlineTime` to epoch milliseconds, 0 meaning none. */
export function deadlineMillis(t: DeadlineTime): number {
  if (t === null || t === undefined) return 0;
  const ms = typeof t === 'number' ? t : t.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`invalid deadline: ${String(t)}`);
  return ms;
}

/** A direction's deadline: tells whether it has passed and calls `onExpire` when it passes. */
export class Deadline {
  readonly #clock: Clock;
  readonly #onExpire: () => void;
  /** Epoch ms; 0 when unset. */
  #at = 0;
  /** When the armed timer fires (epoch ms); meaningful only while `#timer` is set. */
  #firesAt = 0;
  #timer: unknown = undefined;
  #expired = false;

  constructor(clock: Clock, onExpire: () => void) {
    this.#clock = clock;
    this.#onExpire = onExpire;
  }

  /** True while the deadline is in the past: every operation of this direction fails. */
  get expired(): boolean {
    return this.#expired;
  }

  /** True while a timer is armed (at most one exists). */
  get armed(): boolean {
    return this.#timer !== undefined;
  }

  /** Sets (or clears, with 0) the deadline; a past one expires at once. */
  set(at: number): void {
    this.#at = at;
    if (at === 0) {
      this.#expired = false;
      this.#disarm();
      return;
    }
    const delay = at - this.#clock.now();
    if (delay <= 0) {
      this.#disarm();
      this.#expire();
      return;
    }
    this.#expired = false;
    // A timer firing at or before the new deadline is kept: it re-arms for the remainder.
    if (this.#timer !== undefined && this.#firesAt <= at) return;
    this.#disarm();
    this.#arm(delay);
  }

  /** Cancels the timer for good (the connection is closed). */
  dispose(): void {
    this.#at = 0;
    this.#disarm();
  }

  #arm(delay: number): void {
    this.#firesAt = this.#clock.now() + delay;
    this.#timer = this.#clock.setTimer(this.#fire, delay);
  }

  #disarm(): void {
    if (this.#timer === undefined) return;
    this.#clock.clearTimer(this.#timer);
    this.#timer = undefined;
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    if (this.#at === 0) return;
    const remaining = this.#at - this.#clock.now();
    if (remaining > 0) {
      this.#arm(remaining);
      return;
    }
    this.#expire();
  };

  #expire(): void {
    this.#expired = true;
    this.#onExpire();
  }
}
