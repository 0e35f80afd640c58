// IdlePool: the keep-alive connections not serving a request, per host (Go's Transport.idleConn),
// most recently used first, bounded per host, closed after sitting idle too long. One timer for
// the whole pool, set for the oldest connection's expiry.
import type { PersistConn } from './persist-conn.js';

/** The idle connections of one transport. */
export class IdlePool {
  readonly #maxPerHost: number;
  readonly #timeout: number;
  readonly #idle = new Map<string, PersistConn[]>();
  #timer: NodeJS.Timeout | null = null;
  #timerAt = 0;

  /** `maxPerHost` connections per key at most; each closed after `timeout` ms idle (0: never). */
  constructor(maxPerHost: number, timeout: number) {
    this.#maxPerHost = maxPerHost;
    this.#timeout = timeout;
  }

  /** The most recently idled usable connection for `key`, taken out of the pool, or null. */
  take(key: string, now: number): PersistConn | null {
    const list = this.#idle.get(key);
    if (list === undefined) return null;
    while (list.length > 0) {
      const pc = list.pop()!;
      pc.idle = false;
      if (pc.reusable && !this.#expired(pc, now)) return pc;
      pc.close();
    }
    return null;
  }

  /** Puts `pc` in the pool, or closes it when its host already has `maxPerHost` idle connections. */
  put(pc: PersistConn, now: number): void {
    let list = this.#idle.get(pc.key);
    if (list === undefined) {
      list = [];
      this.#idle.set(pc.key, list);
    }
    if (list.length >= this.#maxPerHost || !pc.reusable) {
      pc.close();
      return;
    }
    pc.idle = true;
    pc.idleSince = now;
    list.push(pc);
    // A server closing an idle connection, or sending bytes nobody asked for, ends its use.
    pc.watchIdle(() => {
      if (pc.idle) this.#remove(pc);
    });
    this.#arm(now + this.#timeout);
  }

  /** The number of idle connections for `key`. */
  count(key: string): number {
    return this.#idle.get(key)?.length ?? 0;
  }

  /** Closes every idle connection (Go's `CloseIdleConnections`). */
  closeAll(): void {
    for (const list of this.#idle.values()) for (const pc of list) pc.close();
    this.#idle.clear();
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #expired(pc: PersistConn, now: number): boolean {
    return this.#timeout > 0 && now - pc.idleSince >= this.#timeout;
  }

  #remove(pc: PersistConn): void {
    const list = this.#idle.get(pc.key);
    const i = list?.indexOf(pc) ?? -1;
    if (i >= 0) list!.splice(i, 1);
    pc.close();
  }

  #arm(at: number): void {
    if (this.#timeout <= 0 || (this.#timer !== null && this.#timerAt <= at)) return;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(this.#sweep, Math.max(0, at - Date.now()));
    this.#timer.unref();
  }

  readonly #sweep = (): void => {
    this.#timer = null;
    const now = Date.now();
    let next = Infinity;
    for (const [key, list] of this.#idle) {
      // Oldest first: the list is in idling order.
      while (list.length > 0 && this.#expired(list[0]!, now)) list.shift()!.close();
      if (list.length > 0) next = Math.min(next, list[0]!.idleSince + this.#timeout);
      else this.#idle.delete(key);
    }
    if (next !== Infinity) this.#arm(next);
  };
}
