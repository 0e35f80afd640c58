// Tests that need something outside the repository (PostgreSQL, Chromium) are pending with the
// reason in their title when it is missing, except under CI=true where missing is a failure.
import type { Context } from 'mocha';

/** Marks the current test pending because of `reason`, or fails it under CI=true. */
export function pendingBecause(ctx: Context, reason: string): void {
  if (process.env.CI === 'true') throw new Error(`${reason} (required under CI=true)`);
  if (ctx.currentTest !== undefined) ctx.currentTest.title += ` [pending: ${reason}]`;
  ctx.skip();
}

/** A short random suffix that keeps the names of parallel test runs apart. */
export function runId(): string {
  return `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}
