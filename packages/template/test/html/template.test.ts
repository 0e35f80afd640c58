// HTMLTemplate's API: escaping once at the first execution, derived templates per calling
// context, errors that stick, and the rules on parse and clone after execution. Expected
// strings were printed by a Go 1.19.8 program doing the same with html/template (the program
// calls Execute, DefinedTemplates, Tree.Root.String(), Parse, Clone, AddParseTree and
// ExecuteTemplate, after Go's own TestAliasedParseTreeDoesNotOverescape, TestIdempotentExecute,
// TestOrphanedTemplate and TestPipeToMethodIsEscaped).
import { expect } from 'chai';
import { nodeString } from '../../src/parse/format.js';
import { TemplateError, TemplateExecError, TemplateUsageError } from '../../src/errors.js';
import { HTMLTemplate, TemplateEscapeError } from '../../src/html/index.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

function twoContexts(): HTMLTemplate {
  const t = new HTMLTemplate('t').parse('{{template "s" .}}<a href="{{template "s" .}}">');
  t.new('s').parse('{{.}}');
  return t;
}

describe('HTMLTemplate', () => {
  it('escapes a template called in two contexts through a derived copy', () => {
    const t = twoContexts();
    expect(t.execute('javascript:&')).to.equal('javascript:&amp;<a href="#ZgotmplZ">');
    expect(t.definedTemplates()).to.include('"s$htmltemplate_stateURL_delimDoubleQuote_attrURL"');
    const root = t.tree?.root;
    expect(root && nodeString(root)).to.equal('{{template "s" .}}<a href="{{template "s$htmltemplate_stateURL_delimDoubleQuote_attrURL" .}}">');
    const s = t.lookup('s')?.tree?.root;
    expect(s && nodeString(s)).to.equal('{{. | _html_template_htmlescaper}}');
  });

  it('escapes once: a second execution reuses the rewritten tree', () => {
    const t = twoContexts();
    t.execute('a');
    const before = t.lookup('s')?.tree?.root;
    const text = before && nodeString(before);
    expect(t.execute('<')).to.equal('&lt;<a href="%3c">');
    const after = t.lookup('s')?.tree?.root;
    expect(after && nodeString(after)).to.equal(text);
  });

  it('rewrites predefined escapers as Go does', () => {
    const t = new HTMLTemplate('h').parse('<b>{{. | html}}</b><a title={{.}}>{{html "<" "&"}}</a><a href="?q={{. | urlquery}}">');
    expect(t.execute('a b<')).to.equal('<b>a b&lt;</b><a title=a&#32;b&lt;>&lt;&amp;</a><a href="?q=a&#43;b%3C">');
    const root = t.tree?.root;
    expect(root && nodeString(root)).to.equal(
      '<b>{{. | html}}</b><a title={{. | _html_template_nospaceescaper}}>{{_eval_args_ "<" "&" | html}}</a><a href="?q={{. | urlquery | _html_template_attrescaper}}">',
    );
  });

  it('refuses to parse after execution', () => {
    const t = twoContexts();
    t.execute('x');
    const e = thrown(() => t.parse('x'));
    expect(e).to.be.instanceOf(TemplateUsageError);
    expect((e as Error).message).to.equal('html/template: cannot Parse after Execute');
  });

  it('refuses to clone after execution', () => {
    const t = twoContexts();
    t.execute('x');
    const e = thrown(() => t.clone());
    expect(e).to.be.instanceOf(TemplateUsageError);
    expect((e as Error).message).to.equal('html/template: cannot Clone "t" after it has executed');
  });

  it('reports an undefined template name', () => {
    const e = thrown(() => twoContexts().executeTemplate('nope', null));
    expect(e).to.be.instanceOf(TemplateExecError);
    expect((e as Error).message).to.equal('html/template: "nope" is undefined');
  });

  it('keeps an escaping error: the template never runs', () => {
    const u = new HTMLTemplate('u').parse('<a href="{{.}}');
    const want = 'html/template:u: ends in a non-text context: {stateURL delimDoubleQuote urlPartNone jsCtxRegexp attrURL elementNone <nil>}';
    for (let i = 0; i < 2; i++) {
      const e = thrown(() => u.execute(1));
      expect(e).to.be.instanceOf(TemplateEscapeError);
      expect(e).to.be.instanceOf(TemplateError);
      expect((e as TemplateEscapeError).code).to.equal('ErrEndContext');
      expect((e as Error).message).to.equal(want);
    }
  });

  it('clones a set so that each copy is escaped on its own', () => {
    const v = new HTMLTemplate('v').parse('{{define "x"}}a{{end}}<p>{{template "x"}}</p>');
    const c = v.clone();
    c.parse('{{define "x"}}<b>{{.}}</b>{{end}}');
    expect(v.execute('<')).to.equal('<p>a</p>');
    expect(c.execute('<')).to.equal('<p><b></b></p>');
  });

  it('reports a template that was never parsed', () => {
    const e = thrown(() => new HTMLTemplate('w').execute(null));
    expect((e as Error).message).to.equal('template: "w" is an incomplete or empty template');
  });

  it('reports a call of a template created but never parsed', () => {
    const y = new HTMLTemplate('y').parse('{{template "z"}}');
    y.new('z');
    const e = thrown(() => y.execute(null));
    expect(e).to.be.instanceOf(TemplateEscapeError);
    expect((e as TemplateEscapeError).code).to.equal('ErrNoSuchTemplate');
    expect((e as Error).message).to.equal('html/template:y:1:11: "z" is an incomplete or empty template');
  });

  it('runs an empty defined template', () => {
    const x = new HTMLTemplate('x').parse('{{define "e"}}{{end}}{{template "e"}}');
    expect(x.executeTemplate('x', null)).to.equal('');
  });

  it('does not escape a parse tree twice when two names share it', () => {
    const t = new HTMLTemplate('foo').parse('<{{.}}>');
    const tree = t.tree;
    if (tree === null) throw new Error('no tree');
    const t2 = t.addParseTree('bar', tree);
    expect(t.executeTemplate('foo', '<baz>') + t2.executeTemplate('bar', '<baz>')).to.equal('&lt;&lt;baz&gt;>&lt;&lt;baz&gt;>');
  });

  it('gives the same output whichever template of the set runs first', () => {
    const u = new HTMLTemplate('').parse(
      '{{define "main"}}<body>{{template "hello"}}</body>{{end}}{{define "hello"}}Hello, {{"Ladies & Gentlemen!"}}{{end}}',
    );
    let out = '';
    for (let i = 0; i < 2; i++) out += u.executeTemplate('hello', null) + u.executeTemplate('main', null);
    expect(out).to.equal(
      'Hello, Ladies &amp; Gentlemen!<body>Hello, Ladies &amp; Gentlemen!</body>Hello, Ladies &amp; Gentlemen!<body>Hello, Ladies &amp; Gentlemen!</body>',
    );
  });

  it('refuses a parse into a template added after execution', () => {
    const o = new HTMLTemplate('t1').parse('test');
    o.execute(null);
    const e = thrown(() => o.new('foo').parse('bar'));
    expect((e as Error).message).to.equal('html/template: cannot Parse after Execute');
  });

  it('escapes the result of a function the value is piped to', () => {
    const p = new HTMLTemplate('x').funcs({ m: () => '<b>' }).parse('{{0 | m}}');
    expect(p.execute(null)).to.equal('&lt;b&gt;');
  });

  it('lists its templates and looks them up by name', () => {
    const t = twoContexts();
    expect(t.templates().map((x) => x.name()).sort()).to.deep.equal(['s', 't']);
    expect(t.lookup('s')?.name()).to.equal('s');
    expect(t.lookup('nope')).to.equal(undefined);
  });
});
