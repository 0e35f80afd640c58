// Mocha reporter: mocha's spec output, then one closing line `N passed, M failed, K skipped`
// computed from the run's own events, so CI reads real results and not a guess.
'use strict';
const Mocha = require('mocha');
const { EVENT_RUN_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    runner.on(EVENT_TEST_PASS, () => { passed++; });
    runner.on(EVENT_TEST_FAIL, () => { failed++; });
    runner.on(EVENT_TEST_PENDING, () => { skipped++; });
    runner.once(EVENT_RUN_END, () => {
      // Registered after the spec reporter's epilogue, so this line is the last one printed.
      process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
      const out = process.env.SLOE_TEST_SUMMARY;
      if (out) require('node:fs').writeFileSync(out, JSON.stringify({ passed, failed, skipped }));
    });
  }
}

module.exports = SummaryReporter;
