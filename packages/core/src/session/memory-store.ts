import type { SessionRecord, SessionStore } from './store.js';

/** Options of {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /** Most sessions kept; past it, the least recently saved is dropped. Default 10000. */
  max?: number;
}

interface Entry {
  json: string;
  expires: number;
}

/**
 * A {@link SessionStore} in this process's memory: bounded (the least recently saved session
 * goes first) and expiring (an expired session reads as none and is dropped). Sessions do not
 * survive a restart and are not shared between instances: for one process, or tests.
 */
export class MemoryStore implements SessionStore {
  readonly #max: number;
  // A Map iterates in insertion order: re-inserting on save keeps the oldest first.
  readonly #entries = new Map<string, Entry>();

  /** Creates an empty store. */
  constructor(options: MemoryStoreOptions = {}) {
    const max = options.max ?? 10000;
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`MemoryStore: max must be a positive integer, got ${String(max)}`);
    this.#max = max;
  }

  /** The number of sessions held, expired ones not yet dropped included. */
  get size(): number {
    return this.#entries.size;
  }

  get(id: string): SessionRecord | undefined {
    const e = this.#entries.get(id);
    if (e === undefined) return undefined;
    if (e.expires <= Date.now()) {
      this.#entries.delete(id);
      return undefined;
    }
    return JSON.parse(e.json) as SessionRecord;
  }

  set(id: string, record: SessionRecord, ttlMs: number): void {
    this.#entries.delete(id);
    this.#entries.set(id, { json: JSON.stringify(record), expires: Date.now() + ttlMs });
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }

  destroy(id: string): void {
    this.#entries.delete(id);
  }
}
