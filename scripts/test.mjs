// Runs the one mocha process over every package and app (see .mocharc.json). Fails when a test
// failed, when the run executed no test at all (an empty run proves nothing), when a test was
// skipped for a reason other than a missing PostgreSQL or Chromium (test/support/skip.ts), and,
// under CI=true, when anything was skipped at all.
//
// `node scripts/test.mjs 'packages/router/test/**/*.test.ts'` runs only the given files, with
// the same options: mocha would otherwise add them to the configured spec instead of using them.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const mocha = require.resolve('mocha/bin/mocha.js');
const dir = mkdtempSync(path.join(tmpdir(), 'sloe-test-'));
const summaryFile = path.join(dir, 'summary.json');

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('-'));
if (files.length > 0) {
  const config = JSON.parse(readFileSync(path.join(root, '.mocharc.json'), 'utf8'));
  const reporter = path.resolve(root, config.reporter);
  const only = path.join(dir, 'mocharc.json');
  writeFileSync(only, JSON.stringify({ ...config, reporter, spec: files }));
  args.splice(0, args.length, '--config', only, ...args.filter((a) => a.startsWith('-')));
}

const result = spawnSync(process.execPath, [mocha, ...args], {
  stdio: 'inherit',
  cwd: root,
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
if (summary.unexplained.length > 0) {
  console.error(`skipped without a reason (only a missing PostgreSQL or Chromium may skip a test, through test/support/skip.ts):`);
  for (const title of summary.unexplained) console.error(`  ${title}`);
  process.exit(1);
}
if (process.env.CI === 'true' && summary.skipped > 0) {
  console.error(`${summary.skipped} skipped under CI=true, where nothing may be skipped`);
  process.exit(1);
}
process.exit(summary.failed > 0 ? 1 : (result.status ?? 1));
