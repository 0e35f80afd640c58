import { randomBytes } from 'node:crypto';
import type { SessionRecord } from './store.js';

/**
 * The typed keys of `c.session`: declare them by augmenting this interface,
 * `declare module '@sloe/core' { interface SessionData { userId: number } }`, and
 * `c.session.get('userId')` is a `number | undefined`. Other keys stay readable as `get<T>(key)`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by declaration merging
export interface SessionData {}

const FLASH = '__flash';

/** A new random session id: 24 bytes, base64url. */
export function newSessionId(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * A request's session, `c.session`: a record of JSON values. Changes are tracked, and the
 * session is written back (cookie and store) only when something changed. Values are kept by
 * reference: after changing an object inside one, `set` it again so the change is seen.
 */
export class Session {
  #id: string;
  #data: SessionRecord;
  #isNew: boolean;
  #changed = false;
  #destroyed = false;
  #previousId: string | undefined;

  /** Created by the `session()` middleware: a loaded record, or a new empty one. */
  constructor(id: string, data: SessionRecord | undefined) {
    this.#id = id;
    this.#data = data ?? {};
    this.#isNew = data === undefined;
  }

  /** The session id (the store's key; with the cookie store, an id carried inside the cookie). */
  get id(): string {
    return this.#id;
  }

  /** True when no session came with the request (or it was tampered with or expired). */
  get isNew(): boolean {
    return this.#isNew;
  }

  /** True when something was set, deleted, read once, regenerated or destroyed. */
  get changed(): boolean {
    return this.#changed;
  }

  /** True after `destroy()`. */
  get destroyed(): boolean {
    return this.#destroyed;
  }

  /** The id this session had before `regenerate()`, if it was regenerated. */
  get previousId(): string | undefined {
    return this.#previousId;
  }

  /** A value, or undefined. */
  get<K extends keyof SessionData>(key: K): SessionData[K] | undefined;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the type it stored
  get<T = unknown>(key: string): T | undefined;
  get(key: string): unknown {
    return key === FLASH ? undefined : this.#data[key];
  }

  /** Sets a value (JSON-serializable). */
  set<K extends keyof SessionData>(key: K, value: SessionData[K]): void;
  set(key: string, value: unknown): void;
  set(key: string, value: unknown): void {
    this.#revive();
    this.#data[key] = value;
    this.#changed = true;
  }

  // A value set after destroy() starts a new session under a new id.
  #revive(): void {
    if (!this.#destroyed) return;
    this.#destroyed = false;
    this.#previousId ??= this.#id;
    this.#id = newSessionId();
  }

  /** Removes a value. */
  delete(key: string): void {
    if (!(key in this.#data)) return;
    Reflect.deleteProperty(this.#data, key);
    this.#changed = true;
  }

  /** True when `key` is set. */
  has(key: string): boolean {
    return key !== FLASH && key in this.#data;
  }

  /** Adds a message under `key` for the next request to read once with {@link flashes}. */
  flash(key: string, value: unknown): void {
    this.#revive();
    const all = this.#flashes();
    (all[key] ??= []).push(value);
    this.#data[FLASH] = all;
    this.#changed = true;
  }

  /** The messages flashed under `key`, removed as they are read (so shown once); [] for none. */
  flashes(key: string): unknown[] {
    const all = this.#flashes();
    const out = all[key];
    if (out === undefined) return [];
    Reflect.deleteProperty(all, key);
    if (Object.keys(all).length === 0) Reflect.deleteProperty(this.#data, FLASH);
    this.#changed = true;
    return out;
  }

  #flashes(): Record<string, unknown[]> {
    const f = this.#data[FLASH];
    return typeof f === 'object' && f !== null && !Array.isArray(f) ? (f as Record<string, unknown[]>) : {};
  }

  /**
   * Gives the session a new id, keeping its values, and forgets the old id in the store: call
   * it when a user logs in, so an id planted before login (session fixation) is worthless.
   */
  regenerate(): void {
    this.#previousId ??= this.#id;
    this.#id = newSessionId();
    this.#destroyed = false;
    this.#changed = true;
  }

  /** Empties the session and, when the response is written, clears its cookie and store entry. */
  destroy(): void {
    this.#data = {};
    this.#destroyed = true;
    this.#changed = true;
  }

  /** The record to save. */
  toRecord(): SessionRecord {
    return this.#data;
  }
}
