// The only reasons a test may be skipped: it needs a service or program outside the repository
// that this machine lacks. Everything else a test needs is in the repository (test/data). Under
// CI=true nothing may be missing, so a skip is a failure there. The summary reporter
// (scripts/summary-reporter.cjs) counts the skips by need; a skip it cannot attribute to one of
// these fails the run.

/** What a test may need from the machine, as the summary line names it. */
export const NEEDS = {
  postgresql: 'PostgreSQL',
  chromium: 'Chromium',
} as const;

/** A key of {@link NEEDS}. */
export type Need = keyof typeof NEEDS;

/** Where the reporter finds the need behind each skipped test or suite (same process). */
const REGISTRY = Symbol.for('sloe.test.skips');

/** Why a test or suite was skipped. */
export interface Skip {
  need: Need;
  /** What exactly is missing, e.g. `TEST_DATABASE_URL is not set`. */
  detail: string;
}

type Registry = WeakMap<object, Skip>;

function registry(): Registry {
  const g = globalThis as { [REGISTRY]?: Registry };
  g[REGISTRY] ??= new WeakMap();
  return g[REGISTRY];
}

/**
 * Skips the current test (called from `it`) or every test of the current suite (called from a
 * hook) because the machine lacks `need`; `detail` says what is missing. Under CI=true it throws
 * instead: CI provides everything.
 */
export function skipBecause(ctx: Mocha.Context, need: Need, detail: string): never {
  if (process.env.CI === 'true') throw new Error(`${NEEDS[need]} is required under CI=true: ${detail}`);
  const runnable = ctx.test;
  // A hook (`before`, `beforeEach`) skips the tests of its suite: the suite carries the reason.
  // (Mocha's typings omit `type`, which every runnable has: 'test' or 'hook'.)
  const isHook = (runnable as { type?: string } | undefined)?.type === 'hook';
  const target = isHook ? runnable?.parent : runnable;
  if (target !== undefined) registry().set(target, { need, detail });
  ctx.skip();
}
