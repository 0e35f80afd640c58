import type { Context, HandlerFunc } from '../context.js';
import { documentMiddleware } from '../openapi/middleware-doc.js';
import { checkOptions, optionCheck, requireOption } from './options-check.js';

/** What a store answers for one request: the hits counted in its window and in the one before. */
export interface RateLimitHits {
  /** Hits in the current window, this one included. */
  current: number;
  /** Hits in the previous window (0 when it is unknown or expired). */
  previous: number;
}

/**
 * Where `rateLimit` counts hits. `increment` adds one hit for `key` in the window that starts at
 * `windowStart` (a multiple of `windowMs`, in ms since the epoch) and answers the counts; it may
 * be asynchronous, so several instances can share one store (Redis `INCR` with an expiry of two
 * windows is enough). A store keeps a key's counts for at least two windows.
 */
export interface RateLimitStore {
  increment(key: string, windowStart: number, windowMs: number): RateLimitHits | Promise<RateLimitHits>;
}

/** Options of {@link rateLimit}. */
export interface RateLimitOptions {
  /** Requests allowed per window. */
  limit: number;
  /** The window's length in milliseconds. */
  windowMs: number;
  /** Whose requests are counted together. Default `c.clientIP()` (which honours `trustedProxies`). */
  key?: (c: Context) => string | Promise<string>;
  /** Where the hits are counted. Default a {@link MemoryRateLimitStore} of its own. */
  store?: RateLimitStore;
  /**
   * Default false: a fixed window, reset at each multiple of `windowMs`. True: a sliding window,
   * the previous window's hits weighted by how much of it still overlaps the last `windowMs`.
   */
  sliding?: boolean;
}

interface Entry {
  start: number;
  current: number;
  previous: number;
}

/**
 * A {@link RateLimitStore} in the process's memory: each key's counts expire two windows after
 * they were last hit, and at most `maxKeys` keys are kept (the least recently hit go first), so
 * a flood of distinct clients cannot grow it without bound.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #entries = new Map<string, Entry>();
  readonly #maxKeys: number;

  /** Creates the store, keeping at most `maxKeys` keys (default 100 000). */
  constructor(options: { maxKeys?: number } = {}) {
    checkOptions('MemoryRateLimitStore', options, ['maxKeys']);
    this.#maxKeys = options.maxKeys ?? 100_000;
    optionCheck('MemoryRateLimitStore', Number.isSafeInteger(this.#maxKeys) && this.#maxKeys > 0, '"maxKeys" must be a positive whole number');
  }

  /** The number of keys held. */
  get size(): number {
    return this.#entries.size;
  }

  /** Counts one hit for `key` in the window starting at `windowStart`. */
  increment(key: string, windowStart: number, windowMs: number): RateLimitHits {
    const entries = this.#entries;
    let e = entries.get(key);
    if (e !== undefined) entries.delete(key);
    if (e === undefined || e.start < windowStart - windowMs) e = { start: windowStart, current: 0, previous: 0 };
    else if (e.start < windowStart) e = { start: windowStart, current: 0, previous: e.current };
    e.current++;
    // Re-inserted last: the Map's order is the order of the last hit, oldest first.
    entries.set(key, e);
    for (const [k, old] of entries) {
      if (entries.size <= this.#maxKeys && old.start >= windowStart - windowMs) break;
      entries.delete(k);
    }
    return { current: e.current, previous: e.previous };
  }
}

/**
 * Limits each client to `limit` requests per `windowMs`. Every answer carries the IETF
 * `RateLimit-Policy` (`"default";q=<limit>;w=<seconds>`) and `RateLimit`
 * (`"default";r=<remaining>;t=<seconds to reset>`) headers of draft-ietf-httpapi-ratelimit-headers;
 * a request over the limit is answered 429 with `Retry-After` and the chain stops.
 */
export function rateLimit(options: RateLimitOptions): HandlerFunc {
  checkOptions('rateLimit', options, ['limit', 'windowMs', 'key', 'store', 'sliding']);
  requireOption('rateLimit', options, 'limit');
  requireOption('rateLimit', options, 'windowMs');
  const { limit, windowMs } = options;
  optionCheck('rateLimit', Number.isSafeInteger(limit) && limit > 0, '"limit" must be a positive whole number');
  optionCheck('rateLimit', Number.isSafeInteger(windowMs) && windowMs > 0, '"windowMs" must be a positive whole number of milliseconds');
  optionCheck('rateLimit', options.key === undefined || typeof options.key === 'function', '"key" must be a function of the Context');
  optionCheck('rateLimit', options.store === undefined || typeof (options.store as Partial<RateLimitStore>).increment === 'function', '"store" must have an increment method');
  const keyOf = options.key ?? ((c: Context) => c.clientIP());
  const store = options.store ?? new MemoryRateLimitStore();
  const sliding = options.sliding === true;
  const policy = `"default";q=${limit};w=${Math.ceil(windowMs / 1000)}`;
  const doc = { responses: { 429: 'Too many requests: retry after the time in Retry-After' } };
  return documentMiddleware(async function rateLimit(c: Context): Promise<void> {
    const now = Date.now();
    const start = now - (now % windowMs);
    const hits = await store.increment(await keyOf(c), start, windowMs);
    const elapsed = (now - start) / windowMs;
    const used = sliding ? hits.current + Math.floor(hits.previous * (1 - elapsed)) : hits.current;
    const reset = Math.max(1, Math.ceil((start + windowMs - now) / 1000));
    c.setHeader('RateLimit-Policy', policy);
    c.setHeader('RateLimit', `"default";r=${Math.max(0, limit - used)};t=${reset}`);
    if (used <= limit) return;
    c.setHeader('Retry-After', String(reset));
    c.abortWithStatusJSON(429, { error: 'too many requests' });
  }, doc);
}
