// `npm run bench patterns`: how long one hostile 64 KiB JSON body holds the event loop in core's
// validation, for schema patterns and string formats known to backtrack on JavaScript's RegExp.
// Each case is one route with one schema, sent one body through app.inject (no socket): the time
// printed is the whole request, parse and validation included, the first one (cold: the pattern
// compiled and its matcher built) and the best of five after. The budget is 50 ms per request.
// For comparison the first case also runs on JavaScript's RegExp, on a tenth of the input (the
// whole would take about ten seconds: the time grows with the square of the length).
//
//   node --import tsx bench/patterns.bench.ts
import { Engine } from '@sloe/core';

const SIZE = 65_400;
const BUDGET_MS = 50;
const EMAIL = String.raw`^\s*[^\s@]+@[^\s@]+\.[^\s@]+\s*$`;

interface Case {
  name: string;
  field: object;
  value: string;
}

const cases: Case[] = [
  { name: 'email pattern, "a@" + dots + "@"', field: { type: 'string', maxLength: 254, pattern: EMAIL }, value: `a@${'.'.repeat(SIZE)}@` },
  { name: '(a+)+$ on a...a!', field: { type: 'string', pattern: '(a+)+$' }, value: `${'a'.repeat(SIZE)}!` },
  { name: '^(\\w+\\s?)*$ on words then !', field: { type: 'string', pattern: String.raw`^(\w+\s?)*$` }, value: `${'ab '.repeat(SIZE / 3)}!` },
  { name: 'patternProperties ^(a|aa)+$ key', field: { type: 'object', patternProperties: { '^(a|aa)+$': { type: 'string' } } }, value: `${'a'.repeat(SIZE)}!` },
  { name: 'format url, "http://" + ":"s + "/"', field: { type: 'string', format: 'url' }, value: `http://${':'.repeat(SIZE)}/` },
  { name: 'format url, "http://" + "1."s + "/"', field: { type: 'string', format: 'url' }, value: `http://${'1.'.repeat(SIZE / 2)}/` },
  { name: 'format email, "a@" + dots + "@"', field: { type: 'string', format: 'email' }, value: `a@${'.'.repeat(SIZE)}@` },
  { name: 'format email, "a--"s + "!"', field: { type: 'string', format: 'email' }, value: `${'a--'.repeat(SIZE / 3)}!` },
  { name: 'format hostname, "a-"s + "!"', field: { type: 'string', format: 'hostname' }, value: `${'a-'.repeat(SIZE / 2)}!` },
  { name: 'format uri, "a:" + "1"s + "!"', field: { type: 'string', format: 'uri' }, value: `a:${'1'.repeat(SIZE)}!` },
  { name: 'format uri-reference, "P-a"s + " "', field: { type: 'string', format: 'uri-reference' }, value: `${'P-a'.repeat(SIZE / 3)} ` },
  { name: 'format uri-template, "a?"s + "."', field: { type: 'string', format: 'uri-template' }, value: `${'a?'.repeat(SIZE / 2)}.` },
  { name: 'format date-time, "2020-01-01T" + "T"s', field: { type: 'string', format: 'date-time' }, value: `2020-01-01T${'T'.repeat(SIZE)}` },
  { name: 'format ipv6, "1:"s + "!"', field: { type: 'string', format: 'ipv6' }, value: `${'1:'.repeat(SIZE / 2)}!` },
  { name: 'format duration, "P" + "1"s + "!"', field: { type: 'string', format: 'duration' }, value: `P${'1'.repeat(SIZE)}!` },
];

async function timeOne(app: Engine, body: string): Promise<{ ms: number; status: number }> {
  const t0 = performance.now();
  const res = await app.inject({ method: 'POST', url: '/', headers: { 'content-type': 'application/json' }, body });
  return { ms: performance.now() - t0, status: res.status };
}

let worst = 0;
console.log('case'.padEnd(44), 'status', 'first ms', 'best ms');
for (const c of cases) {
  const app = new Engine();
  app.post('/', { schema: { body: { type: 'object', properties: { v: c.field } } } }, (ctx) => ctx.string(200, 'ok'));
  const v = (c.field as { type: string }).type === 'object' ? { [c.value]: 'x' } : c.value;
  const body = JSON.stringify({ name: 'x', v });
  const first = await timeOne(app, body);
  let best = Infinity;
  for (let i = 0; i < 5; i++) best = Math.min(best, (await timeOne(app, body)).ms);
  worst = Math.max(worst, first.ms, best);
  console.log(c.name.padEnd(44), String(first.status).padEnd(6), first.ms.toFixed(1).padStart(8), best.toFixed(1).padStart(7));
}

const tenth = `a@${'.'.repeat(SIZE / 10)}@`;
const t0 = performance.now();
new RegExp(EMAIL, 'u').test(tenth);
const native = performance.now() - t0;
console.log(`\nJavaScript's RegExp, email pattern on a tenth of the input (${tenth.length} chars): ${native.toFixed(1)} ms (x100 for the whole)`);
console.log(`slowest request above: ${worst.toFixed(1)} ms (budget ${BUDGET_MS} ms): ${worst <= BUDGET_MS ? 'within' : 'OVER'}`);
process.exitCode = worst <= BUDGET_MS ? 0 : 1;
