// `npm run bench [name...] [-- --flag value...]`: runs every bench/*.bench.ts (or the named ones)
// one after another; the arguments from the first `--flag` on are passed to each.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const benchDir = path.join(root, 'bench');
const firstFlag = process.argv.slice(2).findIndex((a) => a.startsWith('--'));
const wanted = firstFlag === -1 ? process.argv.slice(2) : process.argv.slice(2, 2 + firstFlag);
const flags = firstFlag === -1 ? [] : process.argv.slice(2 + firstFlag);
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${wanted.join(', ') || 'bench/*.bench.ts'}`);
  process.exit(1);
}
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(benchDir, f), ...flags], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
