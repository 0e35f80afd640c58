// loadHTMLGlob's dialect: Go's filepath.Match for each segment (@sloe/template's own matcher,
// so classes and escapes mean what they mean to parseGlob), plus `**` and `{a,b}`.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BadPatternError, filepathMatch } from '@sloe/template';
import { CoreError, Engine } from '../src/index.js';
import { compileGlob, expandBraces, globFiles } from '../src/render/glob.js';

/**
 * Segments in Go's dialect alone: pattern, name, and what Go 1.19's path/filepath.Match answers
 * ('bad': ErrBadPattern). The extended dialect must answer the same for each.
 */
const goCases: [string, string, boolean | 'bad'][] = [
  ['*.html', 'a.html', true],
  ['*.html', '.html', true],
  ['*.html', 'a.htm', false],
  ['?.html', 'ab.html', false],
  ['[ab].html', 'a.html', true],
  ['[ab].html', 'c.html', false],
  ['[^ab].html', 'c.html', true],
  ['[^ab].html', 'a.html', false],
  ['[a-c]*', 'b.txt', true],
  ['[a-c]*', 'd.txt', false],
  ['[\\]a].html', '].html', true],
  ['[]a].html', '].html', 'bad'],
  ['[.html', '[.html', 'bad'],
  ['[a-].html', 'a.html', 'bad'],
  ['[^].html', 'x.html', 'bad'],
  ['\\[.html', '[.html', true],
  ['\\*.html', '*.html', true],
  ['\\*.html', 'a.html', false],
  ['a\\', 'a', 'bad'],
  ['[{].html', '{.html', true],
  ['[,}].html', '}.html', true],
  ['a}b', 'a}b', true],
  ['a,b', 'a,b', true],
  ['[α-ω]', 'λ', true],
];

/** The extended dialect on relative paths: pattern, path, matches ('bad': BadPatternError). */
const extendedCases: [string, string, boolean | 'bad'][] = [
  ['*.html', 'd/a.html', false],
  ['*/*.html', 'd/a.html', true],
  ['**/*.html', 'a.html', true],
  ['**/*.html', 'd/a.html', true],
  ['**/*.html', 'd/e/a.html', true],
  ['**/*.html', 'd/e/a.txt', false],
  ['d/**/*.html', 'd/a.html', true],
  ['d/**/*.html', 'e/a.html', false],
  ['d/**', 'd/e/f', true],
  ['**', 'a/b/c', true],
  ['**/e/*.html', 'a/b/e/x.html', true],
  ['**/e/*.html', 'a/b/f/x.html', false],
  ['a**.html', 'ab/c.html', false],
  ['{a,b}.html', 'a.html', true],
  ['{a,b}.html', 'b.html', true],
  ['{a,b}.html', 'c.html', false],
  ['{a,b/c}/*.html', 'b/c/x.html', true],
  ['{a,b/c}/*.html', 'b/x.html', false],
  ['x{a,b{c,d}}', 'xbd', true],
  ['x{a,b{c,d}}', 'xb', false],
  ['{,_}page.html', 'page.html', true],
  ['{,_}page.html', '_page.html', true],
  ['{[ab],c}.html', 'b.html', true],
  ['{[,],c}.html', ',.html', true],
  ['\\{a,b\\}.html', '{a,b}.html', true],
  ['\\{a,b\\}.html', 'a.html', false],
  ['{*.html,*.tmpl}', 'a.tmpl', true],
  ['{a,b', 'a', 'bad'],
  ['{a,[}', 'a', 'bad'],
  ['{a,b}/[', 'a/x', 'bad'],
  ['a?b', 'a/b', false],
];

/** Whether the glob matches the `/`-separated path `p` (taken relative to the glob's base). */
function globMatches(pattern: string, p: string): boolean {
  const g = compileGlob(pattern);
  const rel = path.posix.relative(g.base, p);
  return !rel.startsWith('..') && g.matches(rel);
}

function outcome(run: () => boolean): boolean | 'bad' {
  try {
    return run();
  } catch (e) {
    if (e instanceof BadPatternError) return 'bad';
    throw e;
  }
}

describe("loadHTMLGlob's glob dialect", () => {
  describe("agrees with Go's filepath.Match on patterns without extensions", () => {
    for (const [pattern, name, want] of goCases) {
      it(`${pattern} against ${name}: ${String(want)}`, () => {
        expect(outcome(() => globMatches(pattern, name)), 'extended dialect').to.equal(want);
        expect(outcome(() => filepathMatch(pattern, name)), 'parseGlob dialect').to.equal(want);
      });
    }
  });

  describe('adds ** and {a,b}', () => {
    for (const [pattern, name, want] of extendedCases) {
      it(`${pattern} against ${name}: ${String(want)}`, () => {
        expect(outcome(() => globMatches(pattern, name))).to.equal(want);
      });
    }
  });

  it('expands braces in order, nested ones included, and leaves classes and escapes alone', () => {
    expect(expandBraces('x{a,b{c,d}}y')).to.deep.equal(['xay', 'xbcy', 'xbdy']);
    expect(expandBraces('{a,b}{1,2}')).to.deep.equal(['a1', 'a2', 'b1', 'b2']);
    expect(expandBraces('[{,]\\{a\\}')).to.deep.equal(['[{,]\\{a\\}']);
  });

  it('starts from the directory before the first segment with a wildcard, class, escape or brace', () => {
    expect(compileGlob('views/**/*.html').base).to.equal('views');
    expect(compileGlob('/srv/views/*.html').base).to.equal('/srv/views');
    expect(compileGlob('/*.html').base).to.equal('/');
    expect(compileGlob('*.html').base).to.equal('.');
    expect(compileGlob('views/[ab]/x.html').base).to.equal('views');
    expect(compileGlob('views/{a,b}/x.html').base).to.equal('views');
    expect(compileGlob('views/a\\*/x.html').base).to.equal('views');
    expect(compileGlob('views/page.html').base).to.equal('views');
  });

  describe('on files', () => {
    let dir = '';
    before(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'sloe-glob-'));
      for (const f of ['a.html', 'b.tmpl', 'c.txt', '[x].html', 'sub/d.html', 'sub/deep/e.html', 'other/f.html']) {
        mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        writeFileSync(path.join(dir, f), f);
      }
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('lists the matching files relative to the base, sorted', () => {
      const files = (p: string) => globFiles(compileGlob(`${dir}/${p}`));
      expect(files('**/*.html')).to.deep.equal(['[x].html', 'a.html', 'other/f.html', 'sub/d.html', 'sub/deep/e.html']);
      expect(files('*.{html,tmpl}')).to.deep.equal(['[x].html', 'a.html', 'b.tmpl']);
      expect(files('{sub,other}/*.html')).to.deep.equal(['other/f.html', 'sub/d.html']);
      expect(files('sub/**')).to.deep.equal(['d.html', 'deep/e.html']);
      expect(files('\\[x\\].html')).to.deep.equal(['[x].html']);
      expect(files('[x].html')).to.deep.equal([]);
    });

    it('loadHTMLGlob reads them, named by their path under the base', async () => {
      const app = new Engine();
      app.loadHTMLGlob(`${dir}/{sub,other}/**/*.html`);
      app.get('/:a/:b', (c) => c.html(200, `${c.param('a')}/${c.param('b')}`, null));
      app.get('/:a/:b/:c', (c) => c.html(200, `${c.param('a')}/${c.param('b')}/${c.param('c')}`, null));
      expect((await app.inject('/other/f.html')).body).to.equal('other/f.html');
      expect((await app.inject('/sub/deep/e.html')).body).to.equal('sub/deep/e.html');
    });

    it('a base directory that does not exist is ERR_CORE_NO_TEMPLATES naming the resolved directory', () => {
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        expect(() => new Engine().loadHTMLGlob('nodir/**/*.html'))
          .to.throw(CoreError, `${path.join(dir, 'nodir')} is not a directory`)
          .with.property('code', 'ERR_CORE_NO_TEMPLATES');
      } finally {
        process.chdir(cwd);
      }
    });

    it('a base that is a file is ERR_CORE_NO_TEMPLATES too', () => {
      expect(() => new Engine().loadHTMLGlob(`${dir}/a.html/*.html`))
        .to.throw(CoreError, `${path.join(dir, 'a.html')} is not a directory`)
        .with.property('code', 'ERR_CORE_NO_TEMPLATES');
    });

    it('a glob that matches nothing is ERR_CORE_NO_TEMPLATES naming the directory', () => {
      expect(() => new Engine().loadHTMLGlob(`${dir}/**/*.none`))
        .to.throw(CoreError, `in ${dir}`)
        .with.property('code', 'ERR_CORE_NO_TEMPLATES');
    });

    it('a malformed pattern is BadPatternError before any directory is read', () => {
      expect(() => new Engine().loadHTMLGlob('nodir/[x-/*.html')).to.throw(BadPatternError).with.property('code', 'ERR_TEMPLATE_BAD_PATTERN');
    });
  });
});
