// Go's fmt.Sprintf, Sprint and Sprintln: every expected string in golden.ts was printed by real
// Go's fmt (regenerate with `go run .` in ./golden; see golden/main.go), never by this package.
import { expect } from 'chai';
import { sprint, sprintf, sprintln } from '../../src/fmt/index.js';
import {
  compositesCases,
  errorsCases,
  floatsCases,
  integersCases,
  randomCases,
  sprintCases,
  sprintlnCases,
  stringsCases,
  type PrintfCase,
} from './golden.js';

const tables: [string, PrintfCase[]][] = [
  ['integers, bools and runes', integersCases],
  ['strings', stringsCases],
  ['floats', floatsCases],
  ['composite values', compositesCases],
  ['error forms, indexes, * and flags', errorsCases],
  ['random flags, widths, precisions and verbs', randomCases],
];

describe('fmt: Sprintf as Go prints it', () => {
  for (const [title, cases] of tables) {
    describe(title, () => {
      for (const [name, format, args, want] of cases) {
        it(name, () => {
          expect(sprintf(format, ...args)).to.equal(want);
        });
      }
    });
  }
});

describe('fmt: Sprint and Sprintln as Go prints them', () => {
  for (const [name, args, want] of sprintCases) {
    it(`Sprint: ${name}`, () => {
      expect(sprint(...args)).to.equal(want);
    });
  }
  for (const [name, args, want] of sprintlnCases) {
    it(`Sprintln: ${name}`, () => {
      expect(sprintln(...args)).to.equal(want);
    });
  }
});

// Printers are pooled: state left by one call (a bad index, flags) must not reach the next.
// The expected strings are what Go prints for each call on its own (checked with a Go program).
describe('fmt: calls do not share state', () => {
  const calls: [name: string, format: string, args: unknown[], want: string][] = [
    ['a bad index', '%[3]d', [1], '%!d(BADINDEX)'],
    ['then a plain verb', '%d', [1], '1'],
    ['flags', '%+#08.3x', [255], '  +0x0ff'],
    ['then no flags', '%x', [255], 'ff'],
    ['an explicit index', '%[2]d', [1, 2], '2'],
    ['then unused arguments are reported', '%d', [1, 2], '1%!(EXTRA int=2)'],
  ];
  it('prints each call as if it were the first', () => {
    expect(calls.map(([, format, args]) => sprintf(format, ...args))).to.deep.equal(calls.map(([, , , want]) => want));
  });
});
