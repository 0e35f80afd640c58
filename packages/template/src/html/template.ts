// HTMLTemplate: Go's html/template.Template. It wraps a text Template set and escapes each
// template once, the first time it is executed: the escape pass rewrites the parse trees
// in place, and every later execution runs the same compiled, escaped code.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { TemplateExecError, TemplateUsageError } from '../errors.js';
import { glob } from '../glob.js';
import { goQuote } from '../parse/lexer.js';
import { pipedValueFuncs } from '../exec/compile.js';
import { copyTree, type Tree } from '../parse/node.js';
import { executeTree, setTree, Template, templateSet, type FuncMap } from '../template.js';
import { contextString, State, textContext } from './context.js';
import { EscapeErrorInfo, TemplateEscapeError } from './error.js';
import { Escaper, type TreeSet } from './escape.js';
import { escaperFuncs } from './funcs.js';

/** What associated HTML templates share (Go's nameSpace). */
class NameSpace {
  readonly set = new Map<string, HTMLTemplate>();
  /** Set by the first execution; the set can no longer be parsed into. */
  escaped = false;
  readonly esc: Escaper;

  constructor(treeSet: TreeSet) {
    this.esc = new Escaper(treeSet);
  }
}

/** Marks a template escaped without error. */
const escapeOK = Symbol('escaped');

// Internal access between HTMLTemplate and the functions below, set in its static block.
let recordEscape: (t: HTMLTemplate, name: string, err: Error | null) => void;
let escaperOf: (t: HTMLTemplate) => Escaper;
let textOf: (t: HTMLTemplate) => Template;
/** The text template and namespace the next constructed HTMLTemplate wraps (see wrap). */
let pendingInit: { text: Template; ns: NameSpace } | null = null;

/** An HTMLTemplate wrapping an existing text template in an existing namespace. */
function wrap(name: string, text: Template, ns: NameSpace): HTMLTemplate {
  pendingInit = { text, ns };
  return new HTMLTemplate(name);
}

/**
 * A text/template set with contextual auto-escaping: every action is escaped for where it
 * appears in the HTML (text, attribute, URL, JavaScript, CSS, ...). Same surface as
 * `Template`; escaping happens once, at the first execution.
 *
 * ```ts
 * const t = new HTMLTemplate('page').parse('<a href="{{.URL}}">{{.Title}}</a>');
 * t.execute({ URL: 'javascript:alert(1)', Title: '<b>' });
 * // '<a href="#ZgotmplZ">&lt;b&gt;</a>'
 * ```
 */
export class HTMLTemplate {
  #text: Template;
  #ns: NameSpace;
  #escapeErr: Error | typeof escapeOK | null = null;

  /** A new, empty set whose first template is `name`. */
  constructor(name: string) {
    const init = pendingInit;
    pendingInit = null;
    if (init !== null) {
      this.#text = init.text;
      this.#ns = init.ns;
      return;
    }
    this.#text = new Template(name);
    this.#ns = newNameSpace(this.#text);
    this.#ns.set.set(name, this);
  }

  /** The template's name. */
  name(): string {
    return this.#text.name();
  }

  /** The template's parse tree (escaped once the template has run), or null. */
  get tree(): Tree | null {
    return this.#text.tree;
  }

  /** A new template associated with this one: same set, functions and delimiters. */
  new(name: string): HTMLTemplate {
    const t = wrap(name, this.#text.new(name), this.#ns);
    this.#ns.set.set(name, t);
    return t;
  }

  /** Adds functions to the set; must be called before parsing text that uses them. */
  funcs(funcMap: FuncMap): this {
    this.#text.funcs(funcMap);
    return this;
  }

  /** Sets the action delimiters for later parses; empty strings mean `{{` and `}}`. */
  delims(left: string, right: string): this {
    this.#text.delims(left, right);
    return this;
  }

  /** Sets options, as `Template.option` (`missingkey=...`). */
  option(...options: string[]): this {
    this.#text.option(...options);
    return this;
  }

  /** Execution limits, as `Template.limits`. */
  limits(limits: { maxDepth?: number; maxOutput?: number }): this {
    this.#text.limits(limits);
    return this;
  }

  /** Parses `text` into this template; `define`/`block` add named templates. */
  parse(text: string): this {
    this.#checkCanParse();
    this.#text.parse(text);
    this.#sync();
    return this;
  }

  /** Adds `tree` as template `name` of the set, as in Go. */
  addParseTree(name: string, tree: Tree): HTMLTemplate {
    this.#checkCanParse();
    const text = this.#text.addParseTree(name, tree);
    const t = wrap(name, text, this.#ns);
    this.#ns.set.set(name, t);
    return t;
  }

  /** Parses each file as a template named by its base name (the first may be this one). */
  parseFiles(...paths: string[]): this {
    this.#checkCanParse();
    if (paths.length === 0) throw new TemplateUsageError('html/template: no files named in call to ParseFiles', this.name());
    for (const path of paths) {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (e) {
        throw new TemplateUsageError(`open ${path}: ${e instanceof Error ? e.message : String(e)}`, this.name());
      }
      const name = basename(path);
      (name === this.name() ? this : this.new(name)).parse(text);
    }
    return this;
  }

  /** Parses the files matching a Go glob pattern, as parseFiles does. */
  parseGlob(pattern: string): this {
    this.#checkCanParse();
    const paths = glob(pattern, this.name());
    if (paths.length === 0) throw new TemplateUsageError(`html/template: pattern matches no files: \`${pattern}\``, this.name());
    return this.parseFiles(...paths);
  }

  /** The associated template of that name. */
  lookup(name: string): HTMLTemplate | undefined {
    return this.#ns.set.get(name);
  }

  /** Every template of the set. */
  templates(): HTMLTemplate[] {
    return [...this.#ns.set.values()];
  }

  /** Go's DefinedTemplates: `; defined templates are: "a", "b"`, or '' when none. */
  definedTemplates(): string {
    return this.#text.definedTemplates();
  }

  /**
   * A copy of the set, with its own trees, that can be parsed into further. Only a set that
   * has not run yet can be cloned.
   */
  clone(): HTMLTemplate {
    if (this.#escapeErr !== null) throw cannotClone(this.name());
    const textClone = this.#text.clone();
    const members = templateSet(textClone).members;
    const ns = newNameSpace(textClone);
    const ret = wrap(this.name(), textClone, ns);
    ns.set.set(this.name(), ret);
    for (const [name, x] of members) {
      const src = this.#ns.set.get(name);
      if (src === undefined || src.#escapeErr !== null) throw cannotClone(this.name());
      if (x.tree !== null) setTree(x, copyTree(x.tree));
      ns.set.set(name, name === this.name() ? ret : wrap(name, x, ns));
    }
    return ret;
  }

  /** Escapes (the first time) and executes this template. Throws TemplateEscapeError or TemplateExecError. */
  execute(data?: unknown): string {
    this.#escape();
    return executeTree(this.#text, this.name(), data);
  }

  /** Escapes (the first time) and executes the associated template `name`. */
  executeTemplate(name: string, data?: unknown): string {
    const t = this.#lookupAndEscapeTemplate(name);
    return executeTree(t.#text, name, data);
  }

  #checkCanParse(): void {
    if (this.#ns.escaped) throw new TemplateUsageError('html/template: cannot Parse after Execute', this.name());
  }

  /** Gives every template of the text set an HTML wrapper (Go's Parse bookkeeping). */
  #sync(): void {
    for (const [name, text] of templateSet(this.#text).members) {
      const t = this.#ns.set.get(name);
      if (t === undefined) this.#ns.set.set(name, wrap(name, text, this.#ns));
      else t.#text = text;
    }
  }

  #escape(): void {
    this.#ns.escaped = true;
    if (this.#escapeErr === null) {
      const tree = this.#text.tree;
      if (tree === null || tree.root === null) {
        throw new TemplateExecError('ERR_TEMPLATE_EXEC', `template: ${goQuote(this.name())} is an incomplete or empty template`, this.name());
      }
      escapeTemplate(this, this.name());
    } else if (this.#escapeErr !== escapeOK) {
      throw this.#escapeErr;
    }
  }

  #lookupAndEscapeTemplate(name: string): HTMLTemplate {
    this.#ns.escaped = true;
    const t = this.#ns.set.get(name);
    if (t === undefined) throw new TemplateExecError('ERR_TEMPLATE_EXEC', `html/template: ${goQuote(name)} is undefined`, name);
    if (t.#escapeErr !== null && t.#escapeErr !== escapeOK) throw t.#escapeErr;
    const tree = t.#text.tree;
    if (tree === null || tree.root === null) {
      throw new TemplateExecError('ERR_TEMPLATE_EXEC', `html/template: ${goQuote(name)} is an incomplete template`, name);
    }
    if (t.#escapeErr === null) escapeTemplate(t, name);
    return t;
  }

  // Gives the module's functions access to private state: recordEscape stores the outcome of
  // escaping template `name` of t's set (an unsafe template loses its tree and never runs).
  static {
    recordEscape = (t, name, err) => {
      const member = t.#ns.set.get(name);
      if (member === undefined) return;
      if (err === null) {
        member.#escapeErr = escapeOK;
        return;
      }
      member.#escapeErr = err;
      setTree(member.#text, null);
    };
    escaperOf = (t) => t.#ns.esc;
    textOf = (t) => t.#text;
  }
}

function cannotClone(name: string): TemplateUsageError {
  return new TemplateUsageError(`html/template: cannot Clone ${goQuote(name)} after it has executed`, name);
}

/** A namespace whose escaper reads and extends the text set behind `text`. */
function newNameSpace(text: Template): NameSpace {
  const set = templateSet(text);
  let ns: NameSpace | null = null;
  ns = new NameSpace({
    lookup(name: string): Tree | null | undefined {
      const member = set.members.get(name);
      if (member !== undefined) return member.tree;
      // Created with new() but never parsed: known, but incomplete.
      return ns?.set.has(name) === true ? null : undefined;
    },
    add(name: string, tree: Tree): void {
      text.addParseTree(name, tree);
    },
  });
  return ns;
}

/**
 * Escapes template `name` of t's set from the text context. On success the edits are
 * committed, the escapers installed and compiled code dropped; on failure the template is
 * marked unusable and the error thrown.
 */
function escapeTemplate(t: HTMLTemplate, name: string): void {
  const esc = escaperOf(t);
  const text = textOf(t);
  const tree = text.tree;
  const [c] = esc.escapeTree(textContext, tree?.root ?? null, name, 0);
  let info: EscapeErrorInfo | null = null;
  if (c.err !== null) {
    info = c.err;
    info.name = name;
  } else if (c.state !== State.Text) {
    info = new EscapeErrorInfo('ErrEndContext', null, 0, `ends in a non-text context: ${contextString(c)}`);
    info.name = name;
  }
  if (info !== null) {
    const err = new TemplateEscapeError(info);
    recordEscape(t, name, err);
    throw err;
  }
  esc.commit();
  const set = templateSet(text);
  for (const [fname, fn] of Object.entries(escaperFuncs)) {
    set.internalFuncs.set(fname, fn);
    pipedValueFuncs.add(fn);
  }
  set.invalidate();
  recordEscape(t, name, null);
}
