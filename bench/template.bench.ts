// Template rendering: the same page (a title and a 100-row table whose fields need escaping)
// rendered by @sloe/template in html mode (HTMLTemplate) and text mode (Template), Handlebars,
// Eta, a hand-written JavaScript string builder with escaping (the limit), and Go's
// html/template (./go-template, when `go` is on the PATH).
//
//   npm run bench template            BENCH_RUNS=5 BENCH_MS=300 by default
//
// A run is one fresh process per engine: a warm-up of BENCH_MS, then BENCH_MS timed, both in
// CPU time (user + system, so that other load on the machine is not counted). The
// engines take turns, run after run, so that a load spike on the (shared, noisy) machine falls
// on all of them alike; the median of the BENCH_RUNS runs is reported, with ratios against
// sloe's html mode.
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

const needsEscape = /[&<>"']/;

/** HTML escaping as fast as plain JavaScript gets it: a regex test, then one pass. */
function escapeHTML(s: string): string {
  if (!needsEscape.test(s)) return s;
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    let r: string;
    switch (s.charCodeAt(i)) {
      case 38:
        r = '&amp;';
        break;
      case 60:
        r = '&lt;';
        break;
      case 62:
        r = '&gt;';
        break;
      case 34:
        r = '&#34;';
        break;
      case 39:
        r = '&#39;';
        break;
      default:
        continue;
    }
    out += s.slice(last, i) + r;
    last = i + 1;
  }
  return out + s.slice(last);
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

/** The CPU time this process has used, in microseconds (user and system, every thread). */
function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/**
 * CPU microseconds per render over about `ms` milliseconds of CPU time. CPU time rather than
 * wall time, so that other processes on a shared machine do not count against an engine.
 */
function measure(render: Render, page: Page, ms: number): number {
  let n = 0;
  let sink = 0;
  const start = cpuMicros();
  let elapsed = 0;
  while (elapsed < ms * 1000) {
    for (let i = 0; i < 10; i++) sink += render(page).length;
    n += 10;
    elapsed = cpuMicros() - start;
  }
  if (sink === 0) throw new Error('rendered nothing');
  return elapsed / n;
}

interface RunResult {
  us?: number;
  /** The median over runs of this engine's time over sloe-html's in the same run. */
  ratio?: number;
  /** The range of the runs, for the report. */
  range?: string;
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
  console.log(JSON.stringify({ us: measure(render, page, runMs) } satisfies RunResult));
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

function runNode(engine: string, dir: string, out: string | undefined): RunResult {
  const args = [thisFile, '--engine', engine, ...(out === undefined ? [] : ['--out', out])];
  const r = spawnSync(process.execPath, ['--import', 'tsx', ...args], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_DATA: path.join(dir, 'data.json') },
  });
  if (r.status !== 0) return { skipped: `failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}` };
  const res = lastJSONLine(r.stdout);
  if (res.us !== undefined && out !== undefined) {
    const problem = checkOutput(readFileSync(out, 'utf8'));
    if (problem !== undefined) return { skipped: `wrong output: ${problem}` };
  }
  return res;
}

/** Builds the Go program; its path, or why it cannot run. */
function buildGo(dir: string): { bin: string } | { skipped: string } {
  if (spawnSync('go', ['version'], { encoding: 'utf8' }).status !== 0) return { skipped: 'go is not on the PATH' };
  const bin = path.join(dir, 'go-template');
  const build = spawnSync('go', ['build', '-o', bin, '.'], { cwd: path.join(benchDir, 'go-template'), encoding: 'utf8' });
  if (build.status !== 0) return { skipped: `go build failed: ${build.stderr.trim()}` };
  writeFileSync(path.join(dir, 'page.tmpl'), goTemplate);
  return { bin };
}

function runGo(bin: string, dir: string, out: string | undefined): RunResult {
  const args = ['-template', path.join(dir, 'page.tmpl'), '-data', path.join(dir, 'data.json'), '-runs', '1', '-ms', String(runMs)];
  const r = spawnSync(bin, [...args, ...(out === undefined ? [] : ['-out', out])], { encoding: 'utf8' });
  if (r.status !== 0) return { skipped: `failed: ${r.stderr.trim()}` };
  const res = lastJSONLine(r.stdout) as RunResult & { median?: number };
  return res.median === undefined ? res : { us: res.median };
}

/** A rendering must have its 100 rows and no unescaped markup from the data. */
function checkOutput(html: string): string | undefined {
  const rows = html.split('<tr class=').length - 1;
  if (rows !== 100) return `${rows} rows instead of 100`;
  if (html.includes('<script>') || html.includes('<i>row')) return 'data markup left unescaped';
  return undefined;
}

const nodeEngines = ['sloe-html', 'sloe-text', 'handlebars', 'eta', 'hand-written'];

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sloe-template-bench-'));
  try {
    writeFileSync(path.join(dir, 'data.json'), JSON.stringify(pageData()));
    console.log(`template: a title and a 100-row table; CPU µs per render, median of ${runs} runs, each a fresh process per engine (${runMs} ms warm-up, ${runMs} ms timed)`);
    const results = new Map<string, { us: number[]; skipped?: string }>();
    const go = buildGo(dir);
    const engines = [...nodeEngines, 'go-html/template'];
    for (const e of engines) results.set(e, { us: [] });
    if ('skipped' in go) results.set('go-html/template', { us: [], skipped: go.skipped });
    for (let round = 0; round < runs; round++) {
      for (const engine of engines) {
        const slot = results.get(engine)!;
        if (slot.skipped !== undefined) continue;
        // The first run also writes the rendering, to check it.
        const out = round === 0 ? path.join(dir, `${engine.replace('/', '-')}.html`) : undefined;
        const r = engine === 'go-html/template' && 'bin' in go ? runGo(go.bin, dir, out) : runNode(engine, dir, out);
        if (r.us === undefined) slot.skipped = r.skipped ?? 'no result';
        else slot.us.push(r.us);
      }
    }
    const medians = new Map<string, RunResult>();
    const base = results.get('sloe-html')!;
    for (const [engine, r] of results) {
      const range = `${Math.min(...r.us).toFixed(0)}–${Math.max(...r.us).toFixed(0)}`;
      // Ratios are taken run by run, between processes that ran moments apart, so that a
      // change of load between runs does not skew them.
      const paired = base.skipped === undefined && base.us.length === r.us.length;
      const ratio = paired ? median(r.us.map((us, i) => us / base.us[i]!)) : undefined;
      medians.set(engine, r.skipped !== undefined ? { skipped: r.skipped } : { us: median(r.us), range, ratio });
    }
    report(medians, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(results: Map<string, RunResult>, dir: string): void {
  const base = results.get('sloe-html')?.us;
  const ratioOf = (engine: string): number | undefined => results.get(engine)?.ratio;
  console.log('');
  console.log(`${'engine'.padEnd(18)}${'µs/render'.padStart(11)}${'runs (µs)'.padStart(13)}${'renders/s'.padStart(11)}  vs sloe-html (median of per-run ratios)`);
  for (const [engine, r] of results) {
    if (r.us === undefined) {
      console.log(`${engine.padEnd(18)}  skipped: ${r.skipped ?? 'unknown'}`);
      continue;
    }
    const ratio = r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}x`;
    const cols = r.us.toFixed(1).padStart(11) + (r.range ?? '').padStart(13) + Math.round(1e6 / r.us).toString().padStart(11);
    console.log(`${engine.padEnd(18)}${cols}  ${ratio}`);
  }
  if (base === undefined) {
    console.log('\nsloe-html has no result: the targets cannot be checked');
    return;
  }
  console.log('');
  target('html mode >= 5x faster than Go html/template', ratioOf('go-html/template'), (r) => r, 5, '>=');
  target('html mode faster than Eta', ratioOf('eta'), (r) => r, 1, '>');
  target('html mode within 2x of the hand-written builder', ratioOf('hand-written'), (r) => 1 / r, 2, '<=');
  compareWithGo(dir);
}

function target(name: string, other: number | undefined, ratio: (r: number) => number, bound: number, op: '>=' | '>' | '<='): void {
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
    go = readFileSync(path.join(dir, 'go-html-template.html'), 'utf8');
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
