// The Template API, the JavaScript value mapping (DESIGN.md) and the error classes.
import { expect } from 'chai';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadPatternError, TemplateError, TemplateExecError, TemplateParseError, TemplateUsageError } from '../src/errors.js';
import { HTMLTemplate } from '../src/html/template.js';
import { Template } from '../src/template.js';

function render(text: string, data?: unknown, funcs: Record<string, (...a: never[]) => unknown> = {}): string {
  return new Template('t').funcs(funcs).parse(text).execute(data);
}

function execError(text: string, data?: unknown): TemplateExecError {
  try {
    render(text, data);
  } catch (e) {
    if (e instanceof TemplateExecError) return e;
    throw e;
  }
  throw new Error('no error');
}

class Point {
  constructor(
    public X: number,
    public Y: number,
  ) {}

  Sum(): number {
    return this.X + this.Y;
  }

  Scale(k: number): Point {
    return new Point(this.X * k, this.Y * k);
  }
}

describe('Template', () => {
  describe('JavaScript values as Go sees them', () => {
    const cases: { name: string; text: string; data: unknown; want: string }[] = [
      { name: 'class instance fields are struct fields', text: '{{.X}},{{.Y}}', data: new Point(1, 2), want: '1,2' },
      { name: 'a function-valued property is a method with this bound', text: '{{.Sum}}', data: new Point(1, 2), want: '3' },
      { name: 'methods take arguments and chain', text: '{{(.Scale 3).Sum}}', data: new Point(1, 2), want: '9' },
      { name: 'a Map is a map with sorted keys', text: '{{range $k, $v := .}}{{$k}}={{$v}} {{end}}', data: new Map([['b', 2], ['a', 1]]), want: 'a=1 b=2 ' },
      { name: 'a Map key is reached as a field', text: '{{.a}}', data: new Map([['a', 'x']]), want: 'x' },
      { name: 'an iterable ranges like a channel', text: '{{range $i, $e := .}}{{$i}}{{$e}}{{end}}', data: new Set(['p', 'q']), want: '0p1q' },
      { name: 'a generator ranges', text: '{{range .}}{{.}}{{end}}', data: (function* () { yield 1; yield 2; })(), want: '12' },
      { name: 'range over an integer (current Go)', text: '{{range 3}}{{.}}{{end}}', data: null, want: '012' },
      { name: 'else with (current Go)', text: '{{with .a}}a{{else with .b}}b={{.}}{{else}}none{{end}}', data: { b: 2 }, want: 'b=2' },
      { name: 'a bigint is an int64', text: '{{.}} {{printf "%T" .}}', data: 2n ** 62n, want: '4611686018427387904 int64' },
      { name: 'undefined and null are nil', text: '{{.a}} {{print .b}}', data: { a: undefined, b: null }, want: '<no value> <nil>' },
    ];
    for (const c of cases) it(c.name, () => expect(render(c.text, c.data)).to.equal(c.want));

    it('reports a missing struct field as an exec error with Go\'s message', () => {
      expect(execError('{{.Z}}', new Point(1, 2)).message).to.equal('template: t:1:2: executing "t" at <.Z>: can\'t evaluate field Z in type main.Point');
    });
  });

  describe('the deliberate JavaScript-number rule', () => {
    const cases: { name: string; text: string; data: unknown; want: string }[] = [
      { name: 'an integral number compares with a float constant', text: '{{if gt .Price 9.99}}dear{{end}}', data: { Price: 10 }, want: 'dear' },
      { name: '%f formats an integral number', text: '{{printf "%.2f" .Price}}', data: { Price: 10 }, want: '10.00' },
      { name: 'eq of an integral number and a float constant', text: '{{eq .n 2.0}}', data: { n: 2 }, want: 'true' },
      { name: 'lt mixes integral and fractional numbers', text: '{{lt .a .b}}', data: { a: 1, b: 1.5 }, want: 'true' },
    ];
    for (const c of cases) it(c.name, () => expect(render(c.text, c.data)).to.equal(c.want));

    it('still refuses to compare a string with a number', () => {
      expect(execError('{{lt .s .n}}', { s: 'a', n: 1 }).message).to.equal(
        'template: t:1:2: executing "t" at <lt .s .n>: error calling lt: incompatible types for comparison',
      );
    });
  });

  describe('template sets', () => {
    it('new() adds an associated template that others can call', () => {
      const t = new Template('page').parse('[{{template "row" .}}]');
      t.new('row').parse('{{.}}!');
      expect(t.execute('x')).to.equal('[x!]');
      expect(t.lookup('row')?.name()).to.equal('row');
      expect(t.templates().map((x) => x.name()).sort()).to.deep.equal(['page', 'row']);
    });

    it('definedTemplates lists the set in Go\'s format', () => {
      const t = new Template('a').parse('{{define "b"}}x{{end}}');
      expect(t.definedTemplates()).to.equal('; defined templates are: "a", "b"');
      expect(new Template('empty').definedTemplates()).to.equal('');
    });

    it('a later non-empty define replaces an earlier one; an empty one does not', () => {
      const t = new Template('t').parse('{{define "x"}}one{{end}}{{template "x"}}');
      t.new('u').parse('{{define "x"}}two{{end}}');
      t.new('v').parse('{{define "x"}} {{/* empty */}} {{end}}');
      expect(t.execute()).to.equal('two');
    });

    it('redefining a template in the same text is a parse error', () => {
      expect(() => new Template('t').parse('{{define "x"}}a{{end}}{{define "x"}}b{{end}}')).to.throw(
        TemplateParseError,
        'template: t:1: template: multiple definition of template "x"',
      );
    });

    it('clone() copies the set so pages can define the same blocks', () => {
      const layout = new Template('layout').parse('<main>{{block "content" .}}default{{end}}</main>');
      const a = layout.clone();
      a.new('a').parse('{{define "content"}}page A{{end}}');
      const b = layout.clone();
      b.new('b').parse('{{define "content"}}page B{{end}}');
      expect([layout.execute(), a.execute(), b.execute()]).to.deep.equal(['<main>default</main>', '<main>page A</main>', '<main>page B</main>']);
    });

    it('executeTemplate of an unknown name fails with Go\'s message', () => {
      expect(() => new Template('t').parse('x').executeTemplate('nope', null)).to.throw(
        TemplateExecError,
        'template: no template "nope" associated with template "t"',
      );
    });

    it('executing an unparsed template fails with Go\'s message', () => {
      expect(() => new Template('t').execute()).to.throw(TemplateExecError, 'template: t: "t" is an incomplete or empty template');
    });

    it('delims() changes the action delimiters of later parses', () => {
      expect(new Template('t').delims('<<', '>>').parse('<<.>> {{.}}').execute(1)).to.equal('1 {{.}}');
    });
  });

  describe('options and funcs', () => {
    it('rejects an unknown option', () => {
      expect(() => new Template('t').option('missingkey=maybe')).to.throw(TemplateUsageError, 'unrecognized option: missingkey=maybe');
    });

    it('rejects a function name that is not an identifier', () => {
      expect(() => new Template('t').funcs({ 'a-b': () => 1 })).to.throw(TemplateUsageError, 'function name "a-b" is not a valid identifier');
    });

    it('a func that throws is an exec error naming it, with the cause kept', () => {
      const boom = new Error('went wrong');
      let err: unknown;
      try {
        render('{{explode}}', null, { explode: () => { throw boom; } });
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(TemplateExecError);
      expect((err as TemplateExecError).message).to.equal('template: t:1:2: executing "t" at <explode>: error calling explode: went wrong');
      expect((err as TemplateExecError).cause).to.equal(boom);
    });

    it('a plain function gets nil for a missing value and a number for a float constant', () => {
      const seen: unknown[] = [];
      render('{{probe .missing 1.0 2.5 "s"}}', {}, { probe: (...a: unknown[]) => seen.push(...a) });
      expect(seen).to.deep.equal([null, 1, 2.5, 's']);
    });

    it('a user func can override a builtin', () => {
      expect(render('{{len "abc"}}', null, { len: () => 'mine' })).to.equal('mine');
    });
  });

  describe('errors', () => {
    it('TemplateParseError carries name, line and code', () => {
      try {
        new Template('page').parse('a\nb\n{{.x');
        expect.fail('no error');
      } catch (e) {
        expect(e).to.be.instanceOf(TemplateError);
        expect(e).to.include({ code: 'ERR_TEMPLATE_PARSE', templateName: 'page', line: 3, name: 'TemplateParseError' });
      }
    });

    it('TemplateExecError carries name, line, Go\'s byte column and code', () => {
      // Go positions a field chain at its last field: `.b`, byte 6 of line 2.
      const e = execError('é\n  {{.a.b}}', { a: 1 });
      expect(e).to.include({ code: 'ERR_TEMPLATE_EXEC', templateName: 't', line: 2, column: 6 });
      expect(execError('é {{.a.b}}', { a: 1 }).column).to.equal(7); // é is two bytes (checked against Go)
    });
  });

  describe('limits', () => {
    it('deep recursion ends in ERR_TEMPLATE_DEPTH, not a crash', () => {
      const t = new Template('t').parse('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}');
      expect(() => t.execute(1)).to.throw(TemplateExecError, 'exceeded maximum template depth (1000)').with.property('code', 'ERR_TEMPLATE_DEPTH');
    });

    it('a recursion deeper than the stack allows also ends in ERR_TEMPLATE_DEPTH', () => {
      const t = new Template('t').limits({ maxDepth: 1_000_000 }).parse('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}');
      expect(() => t.execute(1)).to.throw(TemplateExecError).with.property('code', 'ERR_TEMPLATE_DEPTH');
    });

    it('huge output ends in ERR_TEMPLATE_OUTPUT_LIMIT', () => {
      const t = new Template('t').limits({ maxOutput: 10_000 }).parse('{{range .}}0123456789{{end}}');
      expect(() => t.execute(2000)).to.throw(TemplateExecError).with.property('code', 'ERR_TEMPLATE_OUTPUT_LIMIT');
    });
  });

  describe('files', () => {
    let dir = '';
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'sloe-template-'));
      mkdirSync(join(dir, 'pages'));
      writeFileSync(join(dir, 'base.html'), '<h1>{{block "title" .}}Site{{end}}</h1>{{template "body" .}}');
      writeFileSync(join(dir, 'pages', 'home.html'), '{{define "title"}}Home{{end}}{{define "body"}}hi {{.}}{{end}}');
      writeFileSync(join(dir, 'pages', 'note.txt'), 'not a page');
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('parseFiles names templates by base name', () => {
      const t = new Template('base.html').parseFiles(join(dir, 'base.html'), join(dir, 'pages', 'home.html'));
      expect(t.templates().map((x) => x.name()).sort()).to.deep.equal(['base.html', 'body', 'home.html', 'title']);
      expect(t.execute('you')).to.equal('<h1>Home</h1>hi you');
    });

    it('parseGlob matches with Go\'s patterns', () => {
      const t = new Template('base.html').parseGlob(join(dir, '*.html')).parseGlob(join(dir, 'p?ges', '[gh]*.html'));
      expect(t.lookup('note.txt')).to.equal(undefined);
      expect(t.execute('glob')).to.equal('<h1>Home</h1>hi glob');
    });

    it('parseGlob with a malformed pattern fails with ERR_TEMPLATE_BAD_PATTERN, in both modes', () => {
      for (const t of [new Template('t'), new HTMLTemplate('t')]) {
        expect(() => t.parseGlob(join(dir, '[x-')))
          .to.throw(BadPatternError, 'syntax error in pattern')
          .that.includes({ code: 'ERR_TEMPLATE_BAD_PATTERN', templateName: 't' });
      }
    });

    it('parseGlob with no match fails', () => {
      expect(() => new Template('t').parseGlob(join(dir, '*.none'))).to.throw(TemplateUsageError, 'pattern matches no files');
    });
  });
});
