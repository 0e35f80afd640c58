// Runs the one mocha process over every package and app (see .mocharc.json). Fails when a test
// failed, and also when the run executed no test at all (an empty run proves nothing).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const mocha = require.resolve('mocha/bin/mocha.js');
const dir = mkdtempSync(path.join(tmpdir(), 'sloe-test-'));
const summaryFile = path.join(dir, 'summary.json');
const result = spawnSync(process.execPath, [mocha, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, SLOE_TEST_SUMMARY: summaryFile },
});
let summary = null;
try {
  summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
} catch {
  summary = null;
}
rmSync(dir, { recursive: true, force: true });
if (summary === null) {
  console.error('test run ended without a summary: mocha did not finish');
  process.exit(result.status || 1);
}
if (summary.passed + summary.failed === 0) {
  console.error('no test ran');
  process.exit(1);
}
process.exit(summary.failed > 0 ? 1 : (result.status ?? 1));
