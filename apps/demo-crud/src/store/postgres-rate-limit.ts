// The write rate limit's counts in PostgreSQL, so every instance on one database counts the same
// client's writes together: core's rateLimit() with this store limits a client across the whole
// deployment, not per instance.
import type { RateLimitHits, RateLimitStore } from '@sloe/core';
import type pg from 'pg';

/** A RateLimitStore in the `rate_limit_hits` table (migration 3). */
export class PostgresRateLimitStore implements RateLimitStore {
  readonly #pool: pg.Pool;
  /** The window whose predecessors this instance last swept away. */
  #swept = 0;

  /** Counts in the database behind `pool` (the user store's pool). */
  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** Counts one hit of `key` in the window starting at `windowStart`, in one statement. */
  async increment(key: string, windowStart: number, windowMs: number): Promise<RateLimitHits> {
    if (windowStart !== this.#swept) {
      this.#swept = windowStart;
      // Once per window and instance: counts older than the previous window are never read again.
      await this.#pool.query('DELETE FROM rate_limit_hits WHERE window_start < $1', [windowStart - windowMs]);
    }
    const result = await this.#pool.query<{ current: number; previous: number }>(
      `WITH hit AS (
         INSERT INTO rate_limit_hits (key, window_start, hits) VALUES ($1, $2, 1)
         ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1
         RETURNING hits)
       SELECT (SELECT hits FROM hit) AS current,
              COALESCE((SELECT hits FROM rate_limit_hits WHERE key = $1 AND window_start = $3), 0) AS previous`,
      [key, windowStart, windowStart - windowMs],
    );
    const row = result.rows[0]!;
    return { current: row.current, previous: row.previous };
  }
}
