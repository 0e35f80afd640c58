// Tests that need something outside the repository (PostgreSQL, Chromium) are skipped with the
// reason when it is missing, except under CI=true where missing is a failure (test/support/skip.ts).
import type { Context } from 'mocha';
import { skipBecause } from '../../../../test/support/skip.js';
import type { Need } from '../../../../test/support/skip.js';

/** Skips the current test or suite because the machine lacks `need` (`detail` says how), or fails it under CI=true. */
export function pendingBecause(ctx: Context, need: Need, detail: string): never {
  return skipBecause(ctx, need, detail);
}

/** A short random suffix that keeps the names of parallel test runs apart. */
export function runId(): string {
  return `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}
