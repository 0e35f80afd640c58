// Runs the whole gotmpl-ref corpus (outputs real Go 1.19 gave) through the adapter and holds the
// pass rate: a case passes when the output matches byte for byte, or when Go failed and we fail
// with the same error kind. Results marked `deviation` are not scored (see the corpus README).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { run, type CorpusCase, type CorpusResult } from './adapter.js';

const DATA = new URL('../../../../test/data/template-cases/', import.meta.url);

interface Expected {
  id: string;
  output: string | null;
  error: 'parse' | 'exec' | null;
  message: string;
  deviation?: string;
}

/**
 * Every scored case that does not pass, and why. A case missing here that fails is a
 * regression; a case listed here that passes must be removed from the list.
 */
const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  // Current Go ranges over integers (Go 1.22); the corpus records Go 1.19's error here
  // without marking the result as a go-version deviation.
  'range/021-range-number-data': 'follows current Go: range over an int iterates',
};

function passes(exp: Expected, got: CorpusResult): boolean {
  if ('unsupported' in got) return false;
  if (exp.error === null) return 'output' in got && got.output === exp.output;
  return 'error' in got && got.error === exp.error;
}

function load<T>(file: string): T[] {
  return JSON.parse(readFileSync(new URL(file, DATA), 'utf8')) as T[];
}

describe('Go template corpus (gotmpl-ref, Go 1.19)', function () {
  this.timeout(120_000);
  const failures = new Map<string, string>();
  let scored = { text: 0, html: 0 };
  let passed = { text: 0, html: 0 };
  let htmlAvailable = false;

  before(() => {
    const cases = load<CorpusCase>('public.cases.json');
    const expected = new Map(load<Expected>('public.expected.json').map((e) => [e.id, e]));
    scored = { text: 0, html: 0 };
    passed = { text: 0, html: 0 };
    for (const c of cases) {
      const exp = expected.get(c.id);
      if (exp === undefined || exp.deviation !== undefined) continue;
      const mode = c.mode === 'html' ? 'html' : 'text';
      const got = run(c);
      if (mode === 'html' && !('unsupported' in got)) htmlAvailable = true;
      scored[mode]++;
      if (passes(exp, got)) passed[mode]++;
      else failures.set(c.id, `${mode}: expected ${JSON.stringify(exp.error ?? exp.output)}, got ${JSON.stringify(got)}`);
    }
  });

  it('fails no scored text-mode case beyond the listed known failures', () => {
    const unexpected = [...failures].filter(([id, why]) => why.startsWith('text') && KNOWN_FAILURES[id] === undefined);
    expect(unexpected.map(([id, why]) => `${id}: ${why}`)).to.deep.equal([]);
  });

  it('lists no known failure that now passes', () => {
    const fixed = Object.keys(KNOWN_FAILURES).filter((id) => !failures.has(id));
    expect(fixed).to.deep.equal([]);
  });

  it('matches at least 99% of the scored text-mode cases', () => {
    expect(passed.text / scored.text).to.be.at.least(0.99);
  });

  it('matches at least 99% of all scored cases, html mode included', () => {
    expect(htmlAvailable, 'the html cases ran').to.equal(true);
    const rate = (passed.text + passed.html) / (scored.text + scored.html);
    expect(rate).to.be.at.least(0.99);
  });
});
