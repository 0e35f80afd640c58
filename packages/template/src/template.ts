// Template: Go's text/template.Template with lower-camel-case method names.
//
// Hooks for html mode (src/html/), reachable by relative import and not exported from
// index.ts:
//   - `templateSet(t)` returns the TemplateSet (Go's `common`) shared by associated templates:
//     `members` (name -> Template), `funcs`, `internalFuncs` (where html registers its
//     escapers such as `_html_template_htmlescaper`, which it inserts into pipelines by name),
//     `missingKey`, and `invalidate()`, to call after rewriting trees so that compiled code
//     is rebuilt.
//   - `pipedValueFuncs` (exec/compile.ts) marks functions that take the piped value alone and
//     are called without Go's argument checks: html's escapers, on nearly every action.
//   - `t.tree` reads a template's parse tree (node.ts), `setTree(t, tree)` replaces it, and
//     `t.addParseTree(name, tree)` adds a tree under a name, as in Go.
//   - `t.clone()` copies the set; trees are shared (copy them with `copyTree` before rewriting).
//   - `executeTree(t, name, data)` runs the template of that name in t's set; execution
//     compiles each tree once into closures and caches it until `invalidate()`.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { TemplateExecError, TemplateParseError, TemplateUsageError } from './errors.js';
import { ExecFailure, State } from './exec/state.js';
import { NO_VALUE } from './exec/value.js';
import { glob } from './glob.js';
import { goQuote } from './parse/lexer.js';
import { isEmptyTree, type Tree } from './parse/node.js';
import { ParseFailure, parseTemplate } from './parse/parser.js';
import { TemplateSet } from './template-set.js';

/** Functions a template may call: name to function (a func signals failure by throwing). */
export type FuncMap = Record<string, (...args: never[]) => unknown>;

const IDENTIFIER = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

/** The TemplateSet of a template (internal hook for html mode). */
export let templateSet: (t: Template) => TemplateSet<Template>;
/** Replaces a template's tree (internal hook for html mode). */
export let setTree: (t: Template, tree: Tree | null) => void;

/**
 * A parsed template, associated with others in a set that shares names and functions.
 *
 * ```ts
 * const t = new Template('page').funcs({ upper: (s: string) => s.toUpperCase() }).parse('{{upper .}}');
 * t.execute('hi'); // "HI"
 * ```
 */
export class Template {
  readonly #name: string;
  #set: TemplateSet<Template>;
  #tree: Tree | null = null;
  #leftDelim = '';
  #rightDelim = '';

  static {
    templateSet = (t) => t.#set;
    setTree = (t, tree) => {
      t.#tree = tree;
      t.#set.invalidate();
    };
  }

  /** A new, empty template set whose first template is `name`. */
  constructor(name: string) {
    this.#name = name;
    this.#set = new TemplateSet<Template>();
  }

  /** The template's name. */
  name(): string {
    return this.#name;
  }

  /** The template's parse tree, or null before it is parsed. */
  get tree(): Tree | null {
    return this.#tree;
  }

  /** A new template associated with this one (same set, same delimiters). */
  new(name: string): Template {
    const t = new Template(name);
    t.#set = this.#set;
    t.#leftDelim = this.#leftDelim;
    t.#rightDelim = this.#rightDelim;
    return t;
  }

  /** Adds functions to the set; must be called before parsing text that uses them. */
  funcs(funcMap: FuncMap): this {
    for (const [name, fn] of Object.entries(funcMap)) {
      if (!IDENTIFIER.test(name)) throw new TemplateUsageError(`function name ${goQuote(name)} is not a valid identifier`, this.#name);
      if (typeof fn !== 'function') throw new TemplateUsageError(`value for ${name} not a function`, this.#name);
      this.#set.funcs.set(name, fn);
    }
    this.#set.invalidate();
    return this;
  }

  /** Sets the action delimiters for later parses; empty strings mean `{{` and `}}`. */
  delims(left: string, right: string): this {
    this.#leftDelim = left;
    this.#rightDelim = right;
    return this;
  }

  /** Sets options: `missingkey=default` (or `invalid`), `missingkey=zero`, `missingkey=error`. */
  option(...options: string[]): this {
    for (const opt of options) {
      const m = /^missingkey=(default|invalid|zero|error)$/.exec(opt);
      if (m === null) throw new TemplateUsageError(opt === '' ? 'empty option string' : `unrecognized option: ${opt}`, this.#name);
      this.#set.missingKey = m[1] === 'invalid' ? 'default' : (m[1] as 'default' | 'zero' | 'error');
    }
    this.#set.invalidate();
    return this;
  }

  /**
   * Limits that keep execution bounded: `maxDepth` (nested template calls, default 1000)
   * and `maxOutput` (output size in UTF-16 code units, default 64 Mi).
   */
  limits(limits: { maxDepth?: number; maxOutput?: number }): this {
    if (limits.maxDepth !== undefined) this.#set.maxDepth = limits.maxDepth;
    if (limits.maxOutput !== undefined) this.#set.maxOutput = limits.maxOutput;
    return this;
  }

  /**
   * Parses `text` as this template's body; `{{define}}` and `{{block}}` add named templates
   * to the set. Throws TemplateParseError.
   */
  parse(text: string): this {
    const trees = new Map<string, Tree>();
    try {
      parseTemplate(this.#name, text, trees, {
        leftDelim: this.#leftDelim,
        rightDelim: this.#rightDelim,
        hasFunction: (name) => this.#set.hasFunction(name),
      });
    } catch (e) {
      if (e instanceof ParseFailure) throw new TemplateParseError(e.message, e.templateName, e.line);
      throw e;
    }
    for (const [name, tree] of trees) this.addParseTree(name, tree);
    return this;
  }

  /**
   * Adds `tree` as template `name` of the set (this template when the names match). As in
   * Go, an empty tree never replaces a non-empty template of the same name.
   */
  addParseTree(name: string, tree: Tree): Template {
    const t = name === this.#name ? this : this.new(name);
    const old = this.#set.members.get(name);
    const replaces = !(old !== undefined && isEmptyTree(tree.root) && old.#tree !== null);
    if (replaces) this.#set.members.set(name, t);
    if (replaces || t.#tree === null) t.#tree = tree;
    this.#set.invalidate();
    return t;
  }

  /** Parses each file as a template named by its base name (the first may be this one). */
  parseFiles(...paths: string[]): this {
    if (paths.length === 0) throw new TemplateUsageError('template: no files named in call to ParseFiles', this.#name);
    for (const path of paths) {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (e) {
        throw new TemplateUsageError(`open ${path}: ${e instanceof Error ? e.message : String(e)}`, this.#name);
      }
      const name = basename(path);
      (name === this.#name ? this : this.new(name)).parse(text);
    }
    return this;
  }

  /** Parses the files matching a Go glob pattern (`views/*.html`), as parseFiles does. */
  parseGlob(pattern: string): this {
    const paths = glob(pattern, this.#name);
    if (paths.length === 0) throw new TemplateUsageError(`template: pattern matches no files: \`${pattern}\``, this.#name);
    return this.parseFiles(...paths);
  }

  /** The associated template of that name. */
  lookup(name: string): Template | undefined {
    return this.#set.members.get(name);
  }

  /** Every template of the set. */
  templates(): Template[] {
    return [...this.#set.members.values()];
  }

  /** Go's DefinedTemplates: `; defined templates are: "a", "b"`, or '' when none. */
  definedTemplates(): string {
    const names = [...this.#set.members.values()]
      .filter((t) => t.#tree !== null && t.#tree.root !== null)
      .map((t) => goQuote(t.#name))
      .sort();
    return names.length === 0 ? '' : `; defined templates are: ${names.join(', ')}`;
  }

  /** A copy of the set that can be extended without affecting this one (trees are shared). */
  clone(): Template {
    const copy = new Template(this.#name);
    copy.#tree = this.#tree;
    copy.#leftDelim = this.#leftDelim;
    copy.#rightDelim = this.#rightDelim;
    const set = copy.#set;
    for (const [name, t] of this.#set.members) {
      if (name === this.#name) {
        set.members.set(name, copy);
        continue;
      }
      const c = copy.new(name);
      c.#tree = t.#tree;
      set.members.set(name, c);
    }
    for (const [k, f] of this.#set.funcs) set.funcs.set(k, f);
    for (const [k, f] of this.#set.internalFuncs) set.internalFuncs.set(k, f);
    set.missingKey = this.#set.missingKey;
    set.maxDepth = this.#set.maxDepth;
    set.maxOutput = this.#set.maxOutput;
    return copy;
  }

  /** Executes this template with `data` as dot and returns the output. Throws TemplateExecError. */
  execute(data?: unknown): string {
    return run(this.#set, this.#name, this.#tree, data);
  }

  /** Executes the associated template `name`. */
  executeTemplate(name: string, data?: unknown): string {
    const t = this.#set.members.get(name);
    if (t === undefined) {
      throw new TemplateExecError('ERR_TEMPLATE_EXEC', `template: no template ${goQuote(name)} associated with template ${goQuote(this.#name)}`, this.#name);
    }
    return t.execute(data);
  }
}

/** Runs the template `name` of t's set (internal hook for html mode). */
export function executeTree(t: Template, name: string, data: unknown): string {
  const member = templateSet(t).members.get(name);
  return run(templateSet(t), name, member?.tree ?? null, data);
}

/** Executes `tree` as template `name`; the one place exec failures become public errors. */
function run(set: TemplateSet<Template>, name: string, tree: Tree | null, data: unknown): string {
  if (tree === null || tree.root === null) {
    throw new TemplateExecError('ERR_TEMPLATE_EXEC', `template: ${name}: ${goQuote(name)} is an incomplete or empty template`, name);
  }
  const compiled = set.compiled(name, tree);
  const dot = data === null || data === undefined ? NO_VALUE : data;
  const s = new State(set, new Array<unknown>(compiled.frameSize));
  s.vars[0] = dot;
  try {
    compiled.run(s, dot);
  } catch (e) {
    if (e instanceof ExecFailure) {
      throw new TemplateExecError(e.code, e.message, e.templateName, e.line, e.column, { cause: e.origin });
    }
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new TemplateExecError('ERR_TEMPLATE_DEPTH', `template: ${name}: exceeded maximum template depth (call stack exhausted)`, name, 0, -1, { cause: e });
    }
    throw e;
  }
  return s.out;
}
