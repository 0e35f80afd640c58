// How long the primary waits before replacing a worker that died: at once after a worker that
// ran a while, then doubling for each one that died young, so a crash loop does not spin.

/** A worker that lived at least this long (ms) did not die of a crash loop. */
export const STABLE_UPTIME_MS = 5000;
const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 10_000;

/**
 * The delay before the next fork after `crashes` consecutive workers died within
 * `STABLE_UPTIME_MS` of starting: 0 for none, then 100 ms doubling up to 10 s.
 */
export function restartDelay(crashes: number): number {
  if (crashes <= 0) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (crashes - 1), MAX_DELAY_MS);
}
