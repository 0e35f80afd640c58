// The run-time state of one execution and the private error the executor throws.
import { goQuote } from '../parse/lexer.js';
import { nodeString } from '../parse/format.js';
import { location, type Node, type Tree } from '../parse/node.js';
import type { Value } from './value.js';

/** Go's missingkey option: what a missing map key evaluates to. */
export type MissingKey = 'default' | 'zero' | 'error';

/** A compiled template: its tree, the closure that runs it, and its variable frame size. */
export interface CompiledTemplate {
  readonly name: string;
  readonly tree: Tree;
  /** Writes the template's output for `dot` into `s.out`; `s.vars` is its frame. */
  readonly run: (s: State, dot: Value) => number;
  /** How many variable slots a call of this template needs ($ included). */
  readonly frameSize: number;
}

/** What a running template needs from its template set. */
export interface ExecEnv {
  /** The compiled template of that name in the set. */
  template(name: string): CompiledTemplate | undefined;
  /** Bumped whenever the set of templates changes, so call sites can cache lookups. */
  readonly version: number;
  readonly missingKey: MissingKey;
  /** Deepest allowed nesting of template calls. */
  readonly maxDepth: number;
  /** Largest allowed output, in UTF-16 code units. */
  readonly maxOutput: number;
}

/** The state of one execution. */
export class State {
  /** The output so far. */
  out = '';
  /** Nesting depth of template calls. */
  depth = 0;
  /** Whether dot's static type is interface {} (an element of an untyped slice or map). */
  ifaceDot = false;
  /** The receiver of the last field evaluated: where that field's value came from. */
  lastReceiver: Value = undefined;
  /** The variable frame of the template being executed ($ is slot 0). */
  vars: Value[];
  readonly env: ExecEnv;

  constructor(env: ExecEnv, vars: Value[]) {
    this.env = env;
    this.vars = vars;
  }
}

/** The code of an execution failure. */
export type ExecCode = 'ERR_TEMPLATE_EXEC' | 'ERR_TEMPLATE_DEPTH' | 'ERR_TEMPLATE_OUTPUT_LIMIT';

/** The private error of the executor; `execute()` turns it into TemplateExecError. */
export class ExecFailure extends Error {
  constructor(
    message: string,
    readonly code: ExecCode,
    readonly templateName: string,
    readonly line: number,
    readonly column: number,
    readonly origin?: unknown,
  ) {
    super(message);
  }
}

/** Where a run-time error is reported: a node of a tree, executing a named template. */
export interface Site {
  readonly tree: Tree;
  readonly node: Node;
  /** The name of the template being executed (Go's s.tmpl.Name()). */
  readonly name: string;
}

/** Throws Go's exec error: `template: NAME:LINE:COL: executing "NAME" at <NODE>: message`. */
export function fail(site: Site, message: string, code: ExecCode = 'ERR_TEMPLATE_EXEC', origin?: unknown): never {
  const { line, col } = location(site.tree.text, site.node.pos);
  const where = `${site.tree.parseName}:${String(line)}:${String(col)}`;
  const text = `template: ${where}: executing ${goQuote(site.name)} at <${nodeString(site.node)}>: ${message}`;
  throw new ExecFailure(text, code, site.name, line, col, origin);
}

/** Throws an exec error that has no node: `template: NAME: message`. */
export function failNoNode(name: string, message: string, code: ExecCode = 'ERR_TEMPLATE_EXEC'): never {
  throw new ExecFailure(`template: ${name}: ${message}`, code, name, 0, -1);
}
