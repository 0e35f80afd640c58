// The state shared by associated templates (Go's `common`): the templates by name, the
// functions, the options and limits, and the cache of compiled templates.
import { BUILTINS } from './exec/builtins.js';
import { compileTemplate } from './exec/compile.js';
import type { CompiledTemplate, ExecEnv, MissingKey } from './exec/state.js';
import type { Tree } from './parse/node.js';

/** A function a template can call. */
export type TemplateFunc = (...args: never[]) => unknown;

/** The default deepest nesting of template calls (Go allows 100000; JavaScript's stack is smaller). */
export const DEFAULT_MAX_DEPTH = 1000;
/** The default largest output, in UTF-16 code units (64 Mi). */
export const DEFAULT_MAX_OUTPUT = 64 * 1024 * 1024;

/** What a TemplateSet knows about each member template. */
export interface Member {
  /** The member's current tree, or null before it is parsed. */
  readonly tree: Tree | null;
}

/** Templates that share names, functions and options. */
export class TemplateSet<T extends Member = Member> implements ExecEnv {
  /** The templates by name. */
  readonly members = new Map<string, T>();
  /** Functions given with `funcs()`. */
  readonly funcs = new Map<string, TemplateFunc>();
  /**
   * Functions that are callable but not part of the public function map: html mode's
   * escapers (`_html_template_htmlescaper` ...), inserted into pipelines by name.
   */
  readonly internalFuncs = new Map<string, TemplateFunc>();
  missingKey: MissingKey = 'default';
  maxDepth = DEFAULT_MAX_DEPTH;
  maxOutput = DEFAULT_MAX_OUTPUT;
  #version = 0;
  #compiled = new WeakMap<Tree, CompiledTemplate>();

  /** Bumped on every change that can affect execution. */
  get version(): number {
    return this.#version;
  }

  /** Drops compiled code after trees, functions or options change. */
  invalidate(): void {
    this.#version++;
    this.#compiled = new WeakMap();
  }

  /** Whether a function of that name exists (for the parser's check). */
  hasFunction(name: string): boolean {
    return this.funcs.has(name) || this.internalFuncs.has(name) || BUILTINS.has(name);
  }

  /** A function by name: user funcs, then internal ones, then the builtins. */
  lookupFunction(name: string): TemplateFunc | undefined {
    return this.funcs.get(name) ?? this.internalFuncs.get(name) ?? BUILTINS.get(name);
  }

  /** The compiled form of a tree executing as template `name` (compiled once, then cached). */
  compiled(name: string, tree: Tree): CompiledTemplate {
    const hit = this.#compiled.get(tree);
    if (hit !== undefined && hit.name === name) return hit;
    const c = compileTemplate(name, tree, (f) => this.lookupFunction(f));
    this.#compiled.set(tree, c);
    return c;
  }

  /** ExecEnv: the compiled member template of that name. */
  template(name: string): CompiledTemplate | undefined {
    const tree = this.members.get(name)?.tree;
    if (tree === undefined || tree === null || tree.root === null) return undefined;
    return this.compiled(name, tree);
  }
}
