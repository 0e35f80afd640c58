// Template rendering: the same page (a title and a 100-row table whose fields need escaping)
// rendered by @sloe/template in html mode (HTMLTemplate) and text mode (Template), Handlebars,
// Eta, a hand-written JavaScript string builder with escaping (the limit), and Go's
// html/template (./go-template, when `go` is on the PATH).
//
//   npm run bench template            BENCH_RUNS=5 BENCH_MS=300 by default
//
// Each engine runs in a fresh process: warm-up, then BENCH_RUNS timed runs of BENCH_MS each;
// the median microseconds per render is reported, with ratios against sloe's html mode.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { Eta } from 'eta';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const runMs = Number(process.env.BENCH_MS ?? 300);
const thisFile = fileURLToPath(import.meta.url);
const benchDir = path.dirname(thisFile);

// ---- the page ----

interface Row {
  ID: number;
  Name: string;
  Email: string;
  Bio: string;
  Score: number;
  Active: boolean;
}
interface Page {
  Title: string;
  Rows: Row[];
}

/** The page's data: deterministic, with markup, quotes and ampersands that must be escaped. */
function pageData(): Page {
  const rows: Row[] = [];
  for (let i = 0; i < 100; i++) {
    rows.push({
      ID: i + 1,
      Name: `User ${i} <script>alert(${i})</script>`,
      Email: `user${i}@example.com`,
      Bio: `"Quoted" & 'apostrophes' <i>row ${i}</i>`,
      Score: ((i * 37) % 1000) / 8 + 0.005,
      Active: i % 3 !== 0,
    });
  }
  return { Title: 'Users & <Friends>', Rows: rows };
}

/** Go template syntax, shared by @sloe/template (both modes) and Go's html/template. */
const goTemplate = `<!DOCTYPE html>
<html>
<head><title>{{.Title}}</title></head>
<body>
<h1>{{.Title}}</h1>
<table>
<tr><th>ID</th><th>Name</th><th>Email</th><th>Bio</th><th>Score</th></tr>
{{range .Rows}}<tr class="{{if .Active}}active{{else}}inactive{{end}}">
<td>{{.ID}}</td><td><a href="/users/{{.ID}}">{{.Name}}</a></td><td>{{.Email}}</td><td>{{.Bio}}</td><td>{{printf "%.2f" .Score}}</td>
</tr>
{{end}}</table>
</body>
</html>
`;

/**
 * Text mode does not escape by itself: the same page with Go's `html` built-in on every field
 * that needs it, so that all engines produce a safe page.
 */
const goTextTemplate = goTemplate.replace(/\{\{\.(Title|Name|Email|Bio)\}\}/g, '{{html .$1}}');

const handlebarsTemplate = `<!DOCTYPE html>
<html>
<head><title>{{Title}}</title></head>
<body>
<h1>{{Title}}</h1>
<table>
<tr><th>ID</th><th>Name</th><th>Email</th><th>Bio</th><th>Score</th></tr>
{{#each Rows}}<tr class="{{#if Active}}active{{else}}inactive{{/if}}">
<td>{{ID}}</td><td><a href="/users/{{ID}}">{{Name}}</a></td><td>{{Email}}</td><td>{{Bio}}</td><td>{{fixed2 Score}}</td>
</tr>
{{/each}}</table>
</body>
</html>
`;

const etaTemplate = `<!DOCTYPE html>
<html>
<head><title><%= it.Title %></title></head>
<body>
<h1><%= it.Title %></h1>
<table>
<tr><th>ID</th><th>Name</th><th>Email</th><th>Bio</th><th>Score</th></tr>
<% for (const r of it.Rows) { %><tr class="<%= r.Active ? 'active' : 'inactive' %>">
<td><%= r.ID %></td><td><a href="/users/<%= r.ID %>"><%= r.Name %></a></td><td><%= r.Email %></td><td><%= r.Bio %></td><td><%= r.Score.toFixed(2) %></td>
</tr>
<% } %></table>
</body>
</html>
`;

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

function escapeHTML(s: string): string {
  return s.replace(/[&<>"']/g, (c) => htmlEscapes[c]!);
}

/** The limit: the page as one function of string concatenation, escaping each field. */
function handWritten(page: Page): string {
  let s = '<!DOCTYPE html>\n<html>\n<head><title>' + escapeHTML(page.Title) + '</title></head>\n<body>\n<h1>';
  s += escapeHTML(page.Title) + '</h1>\n<table>\n<tr><th>ID</th><th>Name</th><th>Email</th><th>Bio</th><th>Score</th></tr>\n';
  for (const r of page.Rows) {
    s += '<tr class="' + (r.Active ? 'active' : 'inactive') + '">\n<td>' + String(r.ID) + '</td><td><a href="/users/';
    s += String(r.ID) + '">' + escapeHTML(r.Name) + '</a></td><td>' + escapeHTML(r.Email) + '</td><td>';
    s += escapeHTML(r.Bio) + '</td><td>' + r.Score.toFixed(2) + '</td>\n</tr>\n';
  }
  return s + '</table>\n</body>\n</html>\n';
}

// ---- one engine, in its own process ----

type Render = (page: Page) => string;

/** What @sloe/template is expected to export; checked at run time while it is being built. */
interface SloeTemplate {
  parse(text: string): SloeTemplate;
  execute(data: unknown): string;
}
type SloeTemplateClass = new (name: string) => SloeTemplate;

async function sloeRenderer(exportName: 'Template' | 'HTMLTemplate', text: string): Promise<Render | string> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import('../packages/template/src/index.js')) as Record<string, unknown>;
  } catch (err) {
    return `@sloe/template does not load yet (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
  }
  const ctor = mod[exportName];
  if (typeof ctor !== 'function') return `@sloe/template does not export ${exportName} yet`;
  const t = new (ctor as SloeTemplateClass)('page').parse(text);
  return (page) => t.execute(page);
}

async function renderer(engine: string): Promise<Render | string> {
  switch (engine) {
    case 'sloe-html':
      return sloeRenderer('HTMLTemplate', goTemplate);
    case 'sloe-text':
      return sloeRenderer('Template', goTextTemplate);
    case 'handlebars': {
      const hb = Handlebars.create();
      hb.registerHelper('fixed2', (n: number) => n.toFixed(2));
      return hb.compile<Page>(handlebarsTemplate);
    }
    case 'eta': {
      const eta = new Eta({ autoEscape: true, useWith: false });
      const fn = eta.compile(etaTemplate);
      return (page) => eta.render(fn, page);
    }
    case 'hand-written':
      return handWritten;
    default:
      return `unknown engine ${engine}`;
  }
}

/** Microseconds per render over about `ms` milliseconds. */
function measure(render: Render, page: Page, ms: number): number {
  let n = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(ms) * 1_000_000n;
  let elapsed = 0n;
  while (elapsed < limit) {
    for (let i = 0; i < 10; i++) sink += render(page).length;
    n += 10;
    elapsed = process.hrtime.bigint() - start;
  }
  if (sink === 0) throw new Error('rendered nothing');
  return Number(elapsed) / 1000 / n;
}

interface RunResult {
  median?: number;
  runs?: number[];
  skipped?: string;
}

async function worker(engine: string, outFile: string | undefined): Promise<void> {
  const page = JSON.parse(readFileSync(process.env.BENCH_DATA!, 'utf8')) as Page;
  const render = await renderer(engine);
  if (typeof render === 'string') {
    console.log(JSON.stringify({ skipped: render } satisfies RunResult));
    return;
  }
  if (outFile !== undefined) writeFileSync(outFile, render(page));
  measure(render, page, runMs); // warm-up
  const perRun: number[] = [];
  for (let i = 0; i < runs; i++) perRun.push(measure(render, page, runMs));
  console.log(JSON.stringify({ median: median(perRun), runs: perRun } satisfies RunResult));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

// ---- the driver ----

function lastJSONLine(stdout: string): RunResult {
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as RunResult;
  } catch {
    return { skipped: `no result (${line || 'no output'})` };
  }
}

function runNode(engine: string, dir: string): RunResult {
  const out = path.join(dir, `${engine}.html`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', thisFile, '--engine', engine, '--out', out], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_DATA: path.join(dir, 'data.json') },
  });
  if (r.status !== 0) return { skipped: `failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}` };
  const res = lastJSONLine(r.stdout);
  if (res.median !== undefined) {
    const problem = checkOutput(readFileSync(out, 'utf8'));
    if (problem !== undefined) return { skipped: `wrong output: ${problem}` };
  }
  return res;
}

function runGo(dir: string): RunResult {
  if (spawnSync('go', ['version'], { encoding: 'utf8' }).status !== 0) return { skipped: 'go is not on the PATH' };
  const bin = path.join(dir, 'go-template');
  const build = spawnSync('go', ['build', '-o', bin, '.'], { cwd: path.join(benchDir, 'go-template'), encoding: 'utf8' });
  if (build.status !== 0) return { skipped: `go build failed: ${build.stderr.trim()}` };
  const tmpl = path.join(dir, 'page.tmpl');
  writeFileSync(tmpl, goTemplate);
  const args = ['-template', tmpl, '-data', path.join(dir, 'data.json'), '-runs', String(runs), '-ms', String(runMs)];
  const r = spawnSync(bin, [...args, '-out', path.join(dir, 'go.html')], { encoding: 'utf8' });
  if (r.status !== 0) return { skipped: `failed: ${r.stderr.trim()}` };
  return lastJSONLine(r.stdout);
}

/** A rendering must have its 100 rows and no unescaped markup from the data. */
function checkOutput(html: string): string | undefined {
  const rows = html.split('<tr class=').length - 1;
  if (rows !== 100) return `${rows} rows instead of 100`;
  if (html.includes('<script>') || html.includes('<i>row')) return 'data markup left unescaped';
  return undefined;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sloe-template-bench-'));
  try {
    writeFileSync(path.join(dir, 'data.json'), JSON.stringify(pageData()));
    console.log(`template: a title and a 100-row table, median of ${runs} runs of ${runMs} ms, each engine in a fresh process`);
    const results = new Map<string, RunResult>();
    for (const engine of ['sloe-html', 'sloe-text', 'handlebars', 'eta', 'hand-written']) {
      results.set(engine, runNode(engine, dir));
    }
    results.set('go-html/template', runGo(dir));
    report(results, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(results: Map<string, RunResult>, dir: string): void {
  const base = results.get('sloe-html')?.median;
  console.log('');
  console.log(`${'engine'.padEnd(18)}${'µs/render'.padStart(11)}${'renders/s'.padStart(11)}  vs sloe-html`);
  for (const [engine, r] of results) {
    if (r.median === undefined) {
      console.log(`${engine.padEnd(18)}  skipped: ${r.skipped ?? 'unknown'}`);
      continue;
    }
    const ratio = base === undefined ? '' : `${(r.median / base).toFixed(2)}x`;
    console.log(`${engine.padEnd(18)}${r.median.toFixed(1).padStart(11)}${Math.round(1e6 / r.median).toString().padStart(11)}  ${ratio}`);
  }
  if (base === undefined) {
    console.log('\nsloe-html has no result: the targets cannot be checked');
    return;
  }
  console.log('');
  target('html mode >= 5x faster than Go html/template', results.get('go-html/template')?.median, (m) => m / base, 5, '>=');
  target('html mode faster than Eta', results.get('eta')?.median, (m) => m / base, 1, '>');
  target('html mode within 2x of the hand-written builder', results.get('hand-written')?.median, (m) => base / m, 2, '<=');
  compareWithGo(dir);
}

function target(name: string, other: number | undefined, ratio: (m: number) => number, bound: number, op: '>=' | '>' | '<='): void {
  if (other === undefined) {
    console.log(`target: ${name}: not measured`);
    return;
  }
  const r = ratio(other);
  const met = op === '>=' ? r >= bound : op === '>' ? r > bound : r <= bound;
  console.log(`target: ${name}: ${r.toFixed(2)}x ${met ? 'met' : 'MISSED'}`);
}

/** Whether sloe's html mode printed exactly what Go's html/template printed. */
function compareWithGo(dir: string): void {
  let sloe: string;
  let go: string;
  try {
    sloe = readFileSync(path.join(dir, 'sloe-html.html'), 'utf8');
    go = readFileSync(path.join(dir, 'go.html'), 'utf8');
  } catch {
    return;
  }
  if (sloe === go) {
    console.log('output: sloe-html is byte-identical to Go html/template');
    return;
  }
  let i = 0;
  while (i < sloe.length && sloe[i] === go[i]) i++;
  console.log(`output: sloe-html differs from Go html/template at byte ${i}:`);
  console.log(`  sloe: ${JSON.stringify(sloe.slice(Math.max(0, i - 30), i + 50))}`);
  console.log(`  go:   ${JSON.stringify(go.slice(Math.max(0, i - 30), i + 50))}`);
}

const engineArg = process.argv.indexOf('--engine');
if (engineArg >= 0) {
  const outArg = process.argv.indexOf('--out');
  await worker(process.argv[engineArg + 1]!, outArg >= 0 ? process.argv[outArg + 1] : undefined);
} else {
  await main();
}
