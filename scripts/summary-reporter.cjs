// Mocha reporter: mocha's spec output, then one closing line computed from the run's own events,
// so CI reads real results and not a guess:
//   `N passed, M failed, K skipped (K1 need PostgreSQL: TEST_DATABASE_URL is not set; ...)`
// A test may be skipped only through test/support/skip.ts, which records the need (PostgreSQL or
// Chromium) where this reporter finds it; any other skip is counted as `without a reason`, and
// scripts/test.mjs fails the run on it (and on any skip at all under CI=true).
'use strict';
const Mocha = require('mocha');
const { EVENT_RUN_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;

/** The display names of the needs of test/support/skip.ts. */
const NEEDS = { postgresql: 'PostgreSQL', chromium: 'Chromium' };

/** The recorded skip of a test, found on the test or the nearest suite around it. */
function skipOf(test) {
  const registry = globalThis[Symbol.for('sloe.test.skips')];
  for (let r = test; registry !== undefined && r !== undefined && r !== null; r = r.parent) {
    const skip = registry.get(r);
    if (skip !== undefined) return skip;
  }
  return undefined;
}

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    /** need -> { count, details } */
    const byNeed = new Map();
    const unexplained = [];
    runner.on(EVENT_TEST_PASS, () => { passed++; });
    runner.on(EVENT_TEST_FAIL, () => { failed++; });
    runner.on(EVENT_TEST_PENDING, (test) => {
      skipped++;
      const skip = skipOf(test);
      if (skip === undefined || !(skip.need in NEEDS)) {
        unexplained.push(test.fullTitle());
        return;
      }
      const entry = byNeed.get(skip.need) ?? { count: 0, details: new Set() };
      entry.count++;
      entry.details.add(skip.detail);
      byNeed.set(skip.need, entry);
    });
    runner.once(EVENT_RUN_END, () => {
      const reasons = [...byNeed].map(([need, e]) => `${e.count} need ${NEEDS[need]}: ${[...e.details].join(', ')}`);
      if (unexplained.length > 0) reasons.push(`${unexplained.length} without a reason`);
      const why = reasons.length > 0 ? ` (${reasons.join('; ')})` : '';
      // Registered after the spec reporter's epilogue, so this line is the last one printed.
      process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped${why}\n`);
      const out = process.env.SLOE_TEST_SUMMARY;
      if (out) {
        const skips = Object.fromEntries([...byNeed].map(([need, e]) => [need, e.count]));
        require('node:fs').writeFileSync(out, JSON.stringify({ passed, failed, skipped, skips, unexplained }));
      }
    });
  }
}

module.exports = SummaryReporter;
