/** What a session holds: JSON-serializable values by key. */
export type SessionRecord = Record<string, unknown>;

/**
 * Where `session({ store })` keeps sessions on the server side; the cookie then carries only
 * the (signed) session id. Every method may be asynchronous, so a store can be Redis, SQL or a
 * file. A store that keeps the record by reference must copy it: the session changes its own
 * copy afterwards.
 */
export interface SessionStore {
  /** The record saved under `id`, or undefined when there is none or it has expired. */
  get(id: string): Promise<SessionRecord | undefined> | SessionRecord | undefined;
  /** Saves `record` under `id`, to expire `ttlMs` milliseconds from now (replacing any earlier). */
  set(id: string, record: SessionRecord, ttlMs: number): Promise<void> | void;
  /** Forgets `id` (a destroyed or regenerated session); no error when it is unknown. */
  destroy(id: string): Promise<void> | void;
}
