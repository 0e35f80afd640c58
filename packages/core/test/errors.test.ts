// Every code @sloe/core raises is in its catalogue, in the ERR_CORE_<WHAT> dialect, documented
// in the README with its status, and raised somewhere in the sources.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { CoreError, coreErrorStatus } from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

// The sources without the catalogue itself: a code only declared is a promise nothing keeps.
const srcDir = new URL('../src/', import.meta.url);
const sources = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => {
    const text = readFileSync(new URL(f, srcDir), 'utf8');
    return f === 'errors.ts' ? text.slice(text.indexOf('export const coreErrorStatus')) : text;
  })
  .join('\n');

describe('core error codes', () => {
  const codes = Object.entries(coreErrorStatus);

  it('the catalogue lists the codes', () => {
    expect(codes.length).to.be.greaterThan(10);
  });

  for (const [code, status] of codes) {
    it(`${code} is documented with status ${status}`, () => {
      expect(readme).to.include(`| \`${code}\` | ${status} |`);
    });
    it(`${code} is raised somewhere`, () => {
      expect(sources.includes(`'${code}'`), code).to.equal(true);
    });
    it(`${code} is in the ERR_CORE_<WHAT> dialect`, () => {
      expect(code).to.match(/^ERR_CORE_[A-Z0-9_]+$/);
    });
  }

  it('the README documents no code the catalogue lacks', () => {
    const documented = [...readme.matchAll(/^\| `(ERR_CORE_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.filter((c) => !(c! in coreErrorStatus))).to.deep.equal([]);
  });

  it('a CoreError answers the status its code has in the catalogue', () => {
    const e = new CoreError('ERR_CORE_NEXT_TWICE', 'x');
    expect([e.code, e.status]).to.deep.equal(['ERR_CORE_NEXT_TWICE', coreErrorStatus.ERR_CORE_NEXT_TWICE]);
  });
});
