// Every escaping error code is documented in the package README's html mode section with an
// example, and that example raises it: the README's table is run as a test. Two codes are kept
// for Go's list only and are documented as never raised; their examples show what happens instead.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { escapeErrorCodes, HTMLTemplate, TemplateEscapeError, type EscapeErrorCode } from '../../src/html/index.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** Codes Go declares but never raises (see the README): the example does not fail with them. */
const neverRaised: Partial<Record<EscapeErrorCode, string | null>> = {
  // Go reports a range whose body changes the context as a branch-end error.
  ErrRangeLoopReentry: 'ErrBranchEnd',
  // Go 1.21 and later escape actions in template literals instead.
  ErrJSTemplate: null,
};

/** The code spans of a README table cell (`a`, `` b `c` ``), with `\|` read as `|`. */
function codeSpans(cell: string): string[] {
  return [...cell.matchAll(/(`+) ?(.+?) ?\1(?!`)/g)].map((m) => m[2]!.replaceAll('\\|', '|'));
}

/** The code an html template fails with on execution, or null when it runs. */
function codeOf(text: string): string | null {
  try {
    new HTMLTemplate('t').parse(text).execute({ C: true, X: 'x', N: 1 });
    return null;
  } catch (e) {
    if (e instanceof TemplateEscapeError) return e.code;
    throw e;
  }
}

describe('html error codes', () => {
  for (const code of escapeErrorCodes) {
    const row = new RegExp(`^\\| \`${code}\` \\| (.+) \\| (.+) \\|$`, 'm').exec(readme);

    it(`${code} has a row in the README's error table`, () => {
      expect(row, code).to.not.equal(null);
    });

    const examples = row === null ? [] : codeSpans(row[1]!);
    const expected = code in neverRaised ? neverRaised[code]! : code;
    it(`${code}: the README's example${examples.length > 1 ? 's' : ''} ${code in neverRaised ? 'do not raise it' : 'raise it'}`, () => {
      expect(examples).to.not.deep.equal([]);
      if (code in neverRaised) expect(row![2]).to.match(/never raised|kept for Go's list/);
      for (const text of examples) expect(codeOf(text), text).to.equal(expected);
    });
  }
});
