// Compiles a parse tree into JavaScript closures, once. Variables are resolved to slots of a
// per-call frame at compile time, functions are looked up at compile time, and each closure
// carries the node it reports errors at, so executing never walks the tree again.
import { nodeString } from '../parse/format.js';
import { goQuote } from '../parse/lexer.js';
import {
  assertNever,
  type ActionNode,
  type ArgNode,
  type ChainNode,
  type CommandNode,
  type IdentifierNode,
  type ItemNode,
  type ListNode,
  type Node,
  type PipeNode,
  type RangeNode,
  type TemplateNode,
  type Tree,
  type VariableNode,
} from '../parse/node.js';
import { callFailed, callFunction, directCall, NO_FINAL, validate, type ArgEval } from './call.js';
import { evalField, holdsInterfaces } from './field.js';
import { rangeOver } from './range.js';
import { canBeNil, goTypeOf, signatureOf } from './signature.js';
import { fail, failNoNode, type CompiledTemplate, type Site, type State } from './state.js';
import { NO_VALUE, printString, truth, unboxFloat, type Value } from './value.js';
import { baseKind, idealConstant, lastEvaluated, markInterfaceIndexes } from './operand.js';
import { BUILTINS } from './builtins.js';
import { Complex128 } from '../fmt/index.js';
import { formatFloat } from '../fmt/ftoa.js';

/** Writes output; returns 0 normally, BREAK or CONTINUE to unwind to the enclosing range. */
export type Emit = (s: State, dot: Value) => number;
/** Evaluates a pipeline. */
type Eval = (s: State, dot: Value) => Value;
/** Evaluates a command, given the value piped into it (NO_FINAL when none). */
type Cmd = (s: State, dot: Value, final: Value) => Value;

/** Returned by an Emit when `{{break}}` ran. */
export const BREAK = 1;
/** Returned by an Emit when `{{continue}}` ran. */
export const CONTINUE = 2;

/** Looks a function up by name: the template's funcs first, then the builtins. */
export type FuncLookup = (name: string) => ((...args: never[]) => unknown) | undefined;

/**
 * Functions called with the piped value alone, without Go's argument checks: html mode's
 * escapers, which take any value (Go's `...interface{}`) and run for nearly every action.
 */
export const pipedValueFuncs = new WeakSet<object>();

/** Hot path: a call of a {@link pipedValueFuncs} member (a missing value is Go's nil). */
function pipedValueCall(f: (...v: Value[]) => Value): Cmd {
  return (_s, _dot, final) => (final === NO_FINAL ? f() : f(final === NO_VALUE ? null : final));
}

/** Compiles the tree of template `name`. */
export function compileTemplate(name: string, tree: Tree, funcs: FuncLookup): CompiledTemplate {
  const c = new Compiler(name, tree, funcs);
  const run = tree.root === null ? () => 0 : c.list(tree.root);
  return { name, tree, run, frameSize: c.frameSize };
}

const ok = (): number => 0;

class Compiler {
  /** Variable names in scope, by slot. */
  readonly #scope: string[] = ['$'];
  frameSize = 1;

  constructor(
    readonly name: string,
    readonly tree: Tree,
    readonly funcs: FuncLookup,
  ) {}

  #site(node: Node): Site {
    return { tree: this.tree, node, name: this.name };
  }

  #declare(name: string): number {
    this.#scope.push(name);
    this.frameSize = Math.max(this.frameSize, this.#scope.length);
    return this.#scope.length - 1;
  }

  #slot(name: string): number {
    return this.#scope.lastIndexOf(name);
  }

  // ---- structure

  list(l: ListNode): Emit {
    // Text is kept as a string and written by the loop itself: one call fewer per text node.
    const items: (Emit | string)[] = [];
    for (const n of l.nodes) {
      if (n.kind === 'text') items.push(n.text);
      else if (n.kind !== 'comment') items.push(this.#item(n));
    }
    if (items.length === 0) return ok;
    const only = items[0] as Emit | string;
    if (items.length === 1) return typeof only === 'string' ? this.#text(only) : only;
    const n = items.length;
    const name = this.name;
    // Hot path: a template body is a loop over its compiled items.
    return (s, dot) => {
      for (let i = 0; i < n; i++) {
        const item = items[i] as Emit | string;
        if (typeof item === 'string') {
          s.out += item;
          if (s.out.length > s.env.maxOutput) overflow(s, name);
        } else {
          const r = item(s, dot);
          if (r !== 0) return r;
        }
      }
      return 0;
    };
  }

  #item(n: ItemNode): Emit {
    switch (n.kind) {
      case 'text':
        return this.#text(n.text);
      case 'comment':
        return ok;
      case 'action':
        return this.#action(n);
      case 'if':
      case 'with':
        return this.#ifOrWith(n.kind, n.pipe, n.list, n.elseList);
      case 'range':
        return this.#range(n);
      case 'template':
        return this.#template(n);
      case 'break':
        return () => BREAK;
      case 'continue':
        return () => CONTINUE;
      case 'list':
        return this.list(n);
      default:
        return assertNever(n);
    }
  }

  #text(text: string): Emit {
    const name = this.name;
    return (s) => {
      s.out += text;
      if (s.out.length > s.env.maxOutput) overflow(s, name);
      return 0;
    };
  }

  #action(n: ActionNode): Emit {
    const escaped = n.pipe.decl.length === 0 ? this.#escapedAction(n) : null;
    if (escaped !== null) return escaped;
    // Hot path: an action of one command without variables calls the command itself.
    const single = n.pipe.decl.length === 0 && n.pipe.cmds.length === 1 ? this.#command(n.pipe.cmds[0] as CommandNode, false) : null;
    const pipe = single === null ? this.#pipe(n.pipe) : null;
    if (n.pipe.decl.length > 0 && pipe !== null) {
      return (s, dot) => {
        pipe(s, dot);
        return 0;
      };
    }
    const site = this.#site(n);
    const name = this.name;
    return (s, dot) => {
      let v: Value;
      if (pipe !== null) {
        v = pipe(s, dot);
      } else {
        v = (single as Cmd)(s, dot, NO_FINAL);
        if (typeof v === 'string') {
          s.out += v;
          if (s.out.length > s.env.maxOutput) overflow(s, name);
          return 0;
        }
        v = unwrap(v);
      }
      if (typeof v === 'function') fail(site, `can't print ${nodeText(n)} of type ${goTypeOf(v)}`);
      s.out += printString(v);
      if (s.out.length > s.env.maxOutput) overflow(s, name);
      return 0;
    };
  }

  /**
   * Hot path in html mode: an action whose pipeline is one command followed only by escapers
   * ({@link pipedValueFuncs}), run as one closure. Same semantics as the general path: a nil
   * or missing value reaches the first escaper as nil, and a string result is written as is.
   */
  #escapedAction(n: ActionNode): Emit | null {
    const cmds = n.pipe.cmds;
    if (cmds.length < 2 || cmds.length > 3) return null;
    const escapers: ((...v: Value[]) => Value)[] = [];
    for (let i = 1; i < cmds.length; i++) {
      const f = this.#pipedValueFunc(cmds[i] as CommandNode);
      if (f === undefined) return null;
      escapers.push(f);
    }
    const first = this.#command(cmds[0] as CommandNode, false);
    const e0 = escapers[0] as (...v: Value[]) => Value;
    const e1 = escapers[1];
    const site = this.#site(n);
    const name = this.name;
    return (s, dot) => {
      const v0 = first(s, dot, NO_FINAL);
      let v = e0(v0 === null || v0 === undefined || v0 === NO_VALUE ? null : v0);
      if (e1 !== undefined) v = e1(v === null || v === undefined || v === NO_VALUE ? null : v);
      if (typeof v === 'string') {
        s.out += v;
      } else {
        const u = unwrap(v);
        if (typeof u === 'function') fail(site, `can't print ${nodeText(n)} of type ${goTypeOf(u)}`);
        s.out += printString(u);
      }
      if (s.out.length > s.env.maxOutput) overflow(s, name);
      return 0;
    };
  }

  /** The function a command calls with the piped value alone, if it is such a call. */
  #pipedValueFunc(c: CommandNode): ((...v: Value[]) => Value) | undefined {
    const head = c.args[0];
    if (c.args.length !== 1 || head?.kind !== 'identifier') return undefined;
    const fn = this.funcs(head.ident);
    return fn !== undefined && pipedValueFuncs.has(fn) ? (fn as (...v: Value[]) => Value) : undefined;
  }

  #ifOrWith(kind: 'if' | 'with', p: PipeNode, list: ListNode, elseList: ListNode | null): Emit {
    const mark = this.#scope.length;
    // Hot path: a condition of one command without variables is evaluated without the
    // pipeline's closure (nil and no value have the same truth, false).
    const single = p.decl.length === 0 && p.cmds.length === 1 ? this.#command(p.cmds[0] as CommandNode, false) : null;
    const pipe = single === null ? this.#pipe(p) : null;
    const afterPipe = this.#scope.length;
    const then = this.list(list);
    this.#scope.length = afterPipe;
    const otherwise = elseList === null ? ok : this.list(elseList);
    this.#scope.length = mark;
    const site = this.#site(lastEvaluated(p));
    const isWith = kind === 'with';
    return (s, dot) => {
      const v = pipe !== null ? pipe(s, dot) : (single as Cmd)(s, dot, NO_FINAL);
      const t = typeof v === 'boolean' ? v : truth(v);
      if (t === null) fail(site, `if/with can't use ${printString(v)}`);
      if (!t) return otherwise(s, dot);
      if (!isWith) return then(s, dot);
      const saved = s.ifaceDot;
      s.ifaceDot = false;
      const r = then(s, v);
      s.ifaceDot = saved;
      return r;
    };
  }

  #range(n: RangeNode): Emit {
    const mark = this.#scope.length;
    const pipe = this.#pipe(n.pipe);
    const slots = n.pipe.decl.map((d) => this.#slot(d.ident[0] ?? ''));
    const afterPipe = this.#scope.length;
    const body = this.list(n.list);
    this.#scope.length = afterPipe;
    const otherwise = n.elseList === null ? ok : this.list(n.elseList);
    this.#scope.length = mark;
    const site = this.#site(lastEvaluated(n.pipe));
    // With one variable it receives the element; with two, the first gets the key or index.
    const elemSlot = slots.length > 0 ? (slots[slots.length - 1] as number) : -1;
    const keySlot = slots.length > 1 ? (slots[0] as number) : -1;
    return (s, dot) => {
      const v = pipe(s, dot);
      const saved = s.ifaceDot;
      s.ifaceDot = holdsInterfaces(v);
      if (Array.isArray(v) && v.length > 0) {
        // Hot path: a range over an array, without the generic iteration callback.
        for (let i = 0; i < v.length; i++) {
          const elem: Value = v[i];
          if (elemSlot >= 0) s.vars[elemSlot] = elem;
          if (keySlot >= 0) s.vars[keySlot] = i;
          if (body(s, elem) === BREAK) break;
        }
        s.ifaceDot = saved;
        return 0;
      }
      const ran = rangeOver(site, v, slots.length, (key, elem) => {
        if (elemSlot >= 0) s.vars[elemSlot] = elem;
        if (keySlot >= 0) s.vars[keySlot] = key;
        return body(s, elem);
      });
      s.ifaceDot = saved;
      return ran ? 0 : otherwise(s, dot);
    };
  }

  #template(n: TemplateNode): Emit {
    const pipe = n.pipe === null ? null : this.#pipe(n.pipe);
    const site = this.#site(n);
    const name = n.name;
    let cachedVersion = -1;
    let cached: CompiledTemplate | undefined;
    return (s, dot) => {
      if (cachedVersion !== s.env.version) {
        cached = s.env.template(name);
        cachedVersion = s.env.version;
      }
      const t = cached;
      if (t === undefined) return fail(site, `template ${goQuote(name)} not defined`);
      if (s.depth >= s.env.maxDepth) fail(site, `exceeded maximum template depth (${String(s.env.maxDepth)})`, 'ERR_TEMPLATE_DEPTH');
      const newDot = pipe === null ? NO_VALUE : pipe(s, dot);
      const saved = s.vars;
      const savedIface = s.ifaceDot;
      s.vars = new Array<Value>(t.frameSize);
      s.vars[0] = newDot;
      s.ifaceDot = false;
      s.depth++;
      t.run(s, newDot);
      s.depth--;
      s.vars = saved;
      s.ifaceDot = savedIface;
      return 0;
    };
  }

  // ---- pipelines and commands

  #pipe(p: PipeNode): Eval {
    const cmds = p.cmds.map((c, i) => this.#command(c, i > 0));
    const slots = p.decl.map((d) => {
      const name = d.ident[0] ?? '';
      return p.isAssign ? this.#slot(name) : this.#declare(name);
    });
    const site = this.#site(lastEvaluated(p));
    const first = cmds[0] as Cmd;
    const run: Eval =
      cmds.length === 1
        ? (s, dot) => {
            const v = first(s, dot, NO_FINAL);
            return v === null || v === undefined ? NO_VALUE : v;
          }
        : cmds.length === 2
          ? // Hot path in html mode: a value piped into one escaper.
            (s, dot) => unwrap((cmds[1] as Cmd)(s, dot, unwrap(first(s, dot, NO_FINAL))))
          : (s, dot) => {
              let v: Value = NO_FINAL;
              for (let i = 0; i < cmds.length; i++) v = unwrap((cmds[i] as Cmd)(s, dot, v));
              return v;
            };
    if (slots.length === 0) return run;
    const undefinedVar = p.decl.find((_, i) => slots[i] === -1);
    return (s, dot) => {
      const v = run(s, dot);
      if (undefinedVar !== undefined) fail(site, `undefined variable: ${undefinedVar.ident[0] ?? ''}`);
      for (const slot of slots) s.vars[slot] = v;
      return v;
    };
  }

  #command(c: CommandNode, hasFinal: boolean): Cmd {
    const first = c.args[0] as ArgNode;
    switch (first.kind) {
      case 'field':
        return this.#fieldChain(first, null, first.ident, c.args);
      case 'chain':
        return this.#chain(first, c.args);
      case 'identifier':
        return this.#function(first, c, c.args, hasFinal);
      case 'variable':
        return this.#variable(first, c.args, hasFinal);
      case 'pipe': {
        if (c.args.length > 1 || hasFinal) return this.#notAFunction(c.args);
        const pipe = this.#pipe(first);
        return (s, dot) => pipe(s, dot);
      }
      default: {
        if (c.args.length > 1 || hasFinal) return this.#notAFunction(c.args);
        const site = this.#site(first);
        if (first.kind === 'nil') return () => fail(site, 'nil is not a command');
        if (first.kind === 'dot') return (_s, dot) => dot;
        const value = this.#constant(first);
        return () => value(site);
      }
    }
  }

  #notAFunction(args: ArgNode[]): Cmd {
    const head = args[0] as ArgNode;
    const site = this.#site(head);
    return () => fail(site, `can't give argument to non-function ${nodeText(head)}`);
  }

  /** The value of a literal in a context without a type (Go's idealConstant). */
  #constant(n: ArgNode): (site: Site) => Value {
    switch (n.kind) {
      case 'bool':
        return () => n.value;
      case 'string':
        return () => n.text;
      case 'number':
        return idealConstant(n);
      default:
        return (site) => fail(site, `can't evaluate command ${goQuote(nodeText(n))}`);
    }
  }

  #args(args: readonly ArgNode[]): ArgEval[] {
    return args.slice(1).map((a) => this.#arg(a));
  }

  /**
   * `.A.B args` applied to dot (receiver null) or to another value. Field errors are reported
   * at `errorNode` (Go's last evaluated node), defaulting to `node`.
   */
  #fieldChain(node: Node, receiver: Eval | null, idents: readonly string[], args: readonly ArgNode[], errorNode: Node = node): Cmd {
    const site = this.#site(errorNode);
    const callSite = this.#site(node);
    const argEvals = this.#args(args);
    const last = idents[idents.length - 1] ?? '';
    const path = idents.slice(0, -1);
    if (receiver === null && path.length === 0) {
      // Hot path: `.Name` on dot, a plain object's own data property read inline.
      const plain = argEvals.length === 0;
      return (s, dot, final) => {
        if (plain && final === NO_FINAL && typeof dot === 'object' && dot !== null && Object.getPrototypeOf(dot) === Object.prototype) {
          const v = (dot as Record<string, unknown>)[last];
          if (v !== undefined && typeof v !== 'function') {
            s.lastReceiver = dot;
            return v;
          }
        }
        return evalField(s, site, callSite, dot, dot, last, argEvals, final, s.ifaceDot);
      };
    }
    return (s, dot, final) => {
      let r = receiver === null ? dot : receiver(s, dot);
      let iface = receiver === null && s.ifaceDot;
      for (const name of path) {
        const next = evalField(s, site, callSite, dot, r, name, [], NO_FINAL, iface);
        iface = holdsInterfaces(r);
        r = next;
      }
      return evalField(s, site, callSite, dot, r, last, argEvals, final, iface);
    };
  }

  #chain(n: ChainNode, args: readonly ArgNode[]): Cmd {
    const site = this.#site(n);
    if (n.node.kind === 'nil') return () => fail(site, `indirection through explicit nil in ${nodeText(n)}`);
    const inner = this.#arg(n.node);
    return this.#fieldChain(n, (s, dot) => inner(s, dot, 'reflect.Value'), n.field, args, lastEvaluated(n.node));
  }

  #variable(n: VariableNode, args: readonly ArgNode[], hasFinal: boolean): Cmd {
    const name = n.ident[0] ?? '';
    const slot = this.#slot(name);
    const site = this.#site(n);
    const read: Eval = slot < 0 ? () => fail(site, `undefined variable: ${name}`) : (s) => s.vars[slot];
    if (n.ident.length === 1) {
      if (args.length > 1 || hasFinal) return this.#notAFunction(args as ArgNode[]);
      return (s, dot) => read(s, dot);
    }
    return this.#fieldChain(n, read, n.ident.slice(1), args);
  }

  #function(n: IdentifierNode, cmd: CommandNode, args: readonly ArgNode[], hasFinal = false): Cmd {
    const site = this.#site(n);
    const name = n.ident;
    const fn = this.funcs(name);
    if (fn === undefined) return () => fail(site, `${goQuote(name)} is not a defined function`);
    const argEvals = this.#args(args);
    if (args.length === 1 && pipedValueFuncs.has(fn)) return pipedValueCall(fn as (...v: Value[]) => Value);
    if ((name === 'and' || name === 'or') && fn === BUILTINS.get(name)) return this.#andOr(name, site, fn, argEvals);
    if (name === 'slice' && fn === BUILTINS.get(name)) markInterfaceIndexes(args, argEvals);
    const callSite = this.#site(cmd);
    const sig = signatureOf(fn);
    const direct = hasFinal ? null : directCall(callSite, fn, name, argEvals, sig);
    const fixed = direct === null ? null : fixedPrintf(callSite, fn, args, argEvals);
    if (fixed !== null) return fixed;
    if (direct !== null) return (s, dot) => direct(s, dot);
    return (s, dot, final) => callFunction(s, site, callSite, dot, fn, undefined, name, argEvals, final, sig);
  }

  /** `and` and `or` evaluate their arguments only until the result is known. */
  #andOr(name: 'and' | 'or', site: Site, fn: (...a: never[]) => unknown, argEvals: ArgEval[]): Cmd {
    const isOr = name === 'or';
    const arity = signatureOf(fn);
    return (s, dot, final) => {
      const numIn = argEvals.length + (final === NO_FINAL ? 0 : 1);
      if (numIn < arity.params.length - 1) {
        fail(site, `wrong number of args for ${name}: want at least ${String(arity.params.length - 1)} got ${String(argEvals.length)}`);
      }
      let v: Value = NO_VALUE;
      for (const arg of argEvals) {
        v = arg(s, dot, 'reflect.Value');
        if ((truth(v) ?? true) === isOr) return v;
      }
      return final === NO_FINAL ? v : final;
    };
  }

  /** Evaluates an argument node for a parameter type (Go's evalArg). */
  #arg(n: ArgNode): ArgEval {
    const site = this.#site(n);
    switch (n.kind) {
      case 'dot':
        return (_s, dot, t) => validate(site, dot, t);
      case 'nil':
        return (_s, _dot, t) => {
          if (!canBeNil(t)) fail(site, `cannot assign nil to ${t}`);
          return t === 'reflect.Value' ? NO_VALUE : null;
        };
      case 'field': {
        const f = this.#fieldChain(n, null, n.ident, [n]);
        return (s, dot, t) => validate(site, f(s, dot, NO_FINAL), t);
      }
      case 'variable': {
        const v = this.#variable(n, [n], false);
        return (s, dot, t) => validate(site, v(s, dot, NO_FINAL), t);
      }
      case 'pipe': {
        const p = this.#pipe(n);
        return (s, dot, t) => validate(site, p(s, dot), t);
      }
      case 'identifier': {
        const f = this.#function(n, { kind: 'command', pos: n.pos, args: [n] }, [n]);
        return (s, dot, t) => validate(site, f(s, dot, NO_FINAL), t);
      }
      case 'chain': {
        const f = this.#chain(n, [n]);
        return (s, dot, t) => validate(site, f(s, dot, NO_FINAL), t);
      }
      default:
        return this.#constantArg(n, site);
    }
  }

  /** A literal argument: its value is typed by the parameter (Go's evalBool, evalInteger...). */
  #constantArg(n: ArgNode, site: Site): ArgEval {
    const ideal = this.#constant(n);
    const text = nodeText(n);
    return (_s, _dot, t) => {
      switch (baseKind(t)) {
        case 'bool':
          if (n.kind === 'bool') return n.value;
          return fail(site, `expected bool; found ${text}`);
        case 'string':
          if (n.kind === 'string') return n.text;
          return fail(site, `expected string; found ${text}`);
        case 'int':
          if (n.kind === 'number' && n.isInt) return n.int;
          return fail(site, `expected integer; found ${text}`);
        case 'uint':
          if (n.kind === 'number' && n.isUint) return n.uint;
          return fail(site, `expected unsigned integer; found ${text}`);
        case 'float':
          if (n.kind === 'number' && n.isFloat) return n.float;
          return fail(site, `expected float; found ${text}`);
        case 'complex':
          if (n.kind === 'number' && n.isComplex) return new Complex128(n.real, n.imag);
          return fail(site, `expected complex; found ${text}`);
        case 'any':
          return t === 'js' ? unboxFloat(ideal(site)) : ideal(site);
        default:
          return fail(site, `can't handle ${text} for arg of type ${t}`);
      }
    };
  }
}



/** `%.Nf` alone, the format printf meets most in pages (prices, scores). */
const fixedFormat = /^%\.([0-9]{1,2})f$/;

/**
 * Hot path: the builtin `printf "%.Nf" x`. A finite number is formatted with strconv's
 * FormatFloat directly, as fmt itself does for a plain `%.Nf` directive with one operand;
 * anything else takes the general call.
 */
function fixedPrintf(callSite: Site, fn: (...a: never[]) => unknown, args: readonly ArgNode[], argEvals: readonly ArgEval[]): Cmd | null {
  const format = args[1];
  const operand = argEvals[1];
  if (fn !== BUILTINS.get('printf') || args.length !== 3 || format?.kind !== 'string' || operand === undefined) return null;
  const m = fixedFormat.exec(format.text);
  if (m === null) return null;
  const prec = Number(m[1]);
  const text = format.text;
  const printf = fn as (f: string, x: unknown) => unknown;
  return (s, dot) => {
    const x = operand(s, dot, 'interface {}');
    if (typeof x === 'number' && Number.isFinite(x)) return formatFloat(x, 'f', prec);
    try {
      return printf(text, x);
    } catch (e) {
      return callFailed(callSite, 'printf', e);
    }
  };
}

/** After each command, an interface holding nil is no value at all (Go's evalPipeline). */
function unwrap(v: Value): Value {
  return v === null || v === undefined ? NO_VALUE : v;
}



function nodeText(n: Node): string {
  return nodeString(n);
}

function overflow(s: State, name: string): never {
  return failNoNode(name, `output exceeds the limit of ${String(s.env.maxOutput)} characters`, 'ERR_TEMPLATE_OUTPUT_LIMIT');
}
