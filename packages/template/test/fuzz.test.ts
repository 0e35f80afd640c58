// Fuzzing: any text either parses or fails with TemplateParseError, and a parsed template
// either executes or fails with TemplateExecError; nothing else escapes, nothing hangs.
// Seeded, so a failure reproduces; bounded in iterations and time.
import { expect } from 'chai';
import { TemplateExecError, TemplateParseError } from '../src/errors.js';
import { Template } from '../src/template.js';
import { prng } from '../../../test/support/prng.js';

const FRAGMENTS = [
  '{{', '}}', '{{- ', ' -}}', '{{/*', '*/}}', '.', '.A', '.b.c', '$', '$x', ':=', '=', '|', '(', ')', ' ', '\n', ',',
  'if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue', 'nil', 'true', 'false',
  '"s"', '`raw`', "'c'", '1', '-2', '0x1F', '1.5e3', '1_000', '0x1p-2', '1i', 'print', 'printf', 'len', 'index',
  'slice', 'and', 'or', 'not', 'eq', 'lt', 'html', 'js', 'call', '"%d"', 'text', '<b>', '\\', '"', "'", '`', '#', 'é',
];

const SEEDS = [
  '{{range $i, $e := .A}}{{if eq $i 0}}{{$e}}{{else}}{{break}}{{end}}{{end}}',
  '{{define "x"}}{{.}}{{end}}{{template "x" .b}}{{block "y" .}}z{{end}}',
  '{{with $v := .A}}{{printf "%v" $v | len}}{{else}}none{{end}}',
  '{{- /* c */ -}} {{(index .A 0).B}} {{and .A (or .b 1)}}',
];

function mutate(rand: () => number, text: string): string {
  const chars = Array.from(text);
  const n = 1 + Math.floor(rand() * 4);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(rand() * (chars.length + 1));
    const r = rand();
    if (r < 0.4) chars.splice(at, 1);
    else if (r < 0.8) chars.splice(at, 0, FRAGMENTS[Math.floor(rand() * FRAGMENTS.length)] ?? '');
    else chars.splice(at, 0, String.fromCharCode(Math.floor(rand() * 0x250)));
  }
  return chars.join('');
}

function randomText(rand: () => number): string {
  let s = '';
  const n = Math.floor(rand() * 24);
  for (let i = 0; i < n; i++) s += FRAGMENTS[Math.floor(rand() * FRAGMENTS.length)] ?? '';
  return s;
}

const DATA = { A: [{ B: 1 }, { B: 2 }], b: { c: 'x' } };

/** Parses and runs `text`; returns an error description when something other than our errors escapes. */
function probe(text: string): string | null {
  let t: Template;
  try {
    t = new Template('fuzz').limits({ maxDepth: 50, maxOutput: 100_000 }).parse(text);
  } catch (e) {
    return e instanceof TemplateParseError ? null : `parse threw ${String(e)}`;
  }
  try {
    t.execute(DATA);
  } catch (e) {
    if (!(e instanceof TemplateExecError)) return `execute threw ${String(e)}`;
  }
  return null;
}

describe('fuzz', function () {
  this.timeout(30_000);

  it('random and mutated texts parse or fail with TemplateParseError, and run or fail with TemplateExecError', () => {
    const rand = prng(0x5eed);
    const deadline = Date.now() + 5_000;
    const problems: string[] = [];
    let runs = 0;
    for (let i = 0; i < 4000 && Date.now() < deadline; i++) {
      const base = SEEDS[i % SEEDS.length] ?? '';
      const text = i % 2 === 0 ? mutate(rand, base) : randomText(rand);
      const problem = probe(text);
      if (problem !== null) problems.push(`${JSON.stringify(text)}: ${problem}`);
      runs++;
    }
    expect(problems.slice(0, 5)).to.deep.equal([]);
    expect(runs).to.be.greaterThan(500);
  });
});
