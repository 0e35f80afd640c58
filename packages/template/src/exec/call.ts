// Calling functions and methods from a template (Go's evalCall): arity checks, argument
// evaluation against the parameter types, and errors thrown by the callee reported as
// `error calling NAME: ...`.
import { BuiltinError } from './builtins.js';
import { CompareError } from './compare.js';
import { assignable, signatureOf, type GoType, type Signature } from './signature.js';
import { ExecFailure, fail, type Site, type State } from './state.js';
import { NO_VALUE, type Value } from './value.js';

/** Marks "no value piped in" for the last argument of a command (Go's missingVal). */
export const NO_FINAL: unique symbol = Symbol('no final value');

/** Evaluates one argument node for a parameter of type `type` (Go's evalArg). */
export type ArgEval = (s: State, dot: Value, type: GoType) => Value;

/** Go's validateType: the value converted to `type`, or an exec error at `site`. */
export function validate(site: Site, v: Value, type: GoType): Value {
  // Hot path: most parameters are interface {} (print, html, user funcs) or any value (builtins).
  if (type === 'interface {}') return v === NO_VALUE || v === undefined ? null : v;
  if (type === 'reflect.Value') return v;
  if (type === 'js' && typeof v !== 'object' && v !== NO_VALUE) return v === undefined ? null : v;
  const r = assignable(v, type);
  if (r.ok) return r.value;
  return fail(site, r.message);
}

/** The message of anything a callee threw. */
export function thrownMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/**
 * Calls `fn` (with `self` as `this`) with the evaluated `args` plus the piped `final` value.
 * `site` reports argument errors; `callSite` reports the callee's own failure.
 */
export function callFunction(
  s: State,
  site: Site,
  callSite: Site,
  dot: Value,
  fn: (...a: never[]) => unknown,
  self: unknown,
  name: string,
  args: readonly ArgEval[],
  final: Value,
  sig: Signature = signatureOf(fn),
): Value {
  const hasFinal = final !== NO_FINAL;
  const numIn = args.length + (hasFinal ? 1 : 0);
  const nParams = sig.params.length;
  const numFixed = sig.variadic ? nParams - 1 : args.length;
  if (sig.variadic) {
    if (numIn < numFixed) fail(site, `wrong number of args for ${name}: want at least ${String(numFixed)} got ${String(args.length)}`);
  } else if (numIn !== nParams) {
    fail(site, `wrong number of args for ${name}: want ${String(nParams)} got ${String(numIn)}`);
  }
  const argv: Value[] = new Array<Value>(numIn);
  for (let i = 0; i < args.length; i++) {
    const type = i < numFixed ? (sig.params[i] as GoType) : (sig.params[nParams - 1] as GoType);
    argv[i] = (args[i] as ArgEval)(s, dot, type);
  }
  if (hasFinal) {
    const type = sig.variadic && numIn - 1 >= numFixed ? sig.params[nParams - 1] : sig.params[numIn - 1];
    argv[numIn - 1] = validate(site, final, type ?? 'interface {}');
  }
  try {
    return (fn as (...a: unknown[]) => unknown).apply(self, argv);
  } catch (e) {
    return callFailed(callSite, name, e);
  }
}

/** Reports what a callee threw as Go's `error calling NAME: ...`; exec failures pass through. */
export function callFailed(callSite: Site, name: string, e: unknown): never {
  if (e instanceof ExecFailure) throw e;
  if (e instanceof RangeError && /call stack/i.test(e.message)) throw e;
  const detail = e instanceof BuiltinError || e instanceof CompareError ? e.message : thrownMessage(e);
  return fail(callSite, `error calling ${name}: ${detail}`, 'ERR_TEMPLATE_EXEC', e);
}

/**
 * A call whose arity is right at compile time and gets no piped value: the parameter types
 * are resolved once and small arities are called without an argument array. Hot path.
 */
export function directCall(
  callSite: Site,
  fn: (...a: never[]) => unknown,
  name: string,
  args: readonly ArgEval[],
  sig: Signature,
): ((s: State, dot: Value) => Value) | null {
  const n = args.length;
  const nParams = sig.params.length;
  const numFixed = sig.variadic ? nParams - 1 : n;
  if (sig.variadic ? n < numFixed : n !== nParams) return null;
  const types = args.map((_, i) => (i < numFixed ? sig.params[i] : sig.params[nParams - 1]) ?? 'interface {}');
  const f = fn as (...a: unknown[]) => unknown;
  const [a0, a1] = args as [ArgEval, ArgEval];
  const [t0, t1] = types as [GoType, GoType];
  switch (n) {
    case 0:
      return () => {
        try {
          return f();
        } catch (e) {
          return callFailed(callSite, name, e);
        }
      };
    case 1:
      return (s, dot) => {
        const x = a0(s, dot, t0);
        try {
          return f(x);
        } catch (e) {
          return callFailed(callSite, name, e);
        }
      };
    case 2:
      return (s, dot) => {
        const x = a0(s, dot, t0);
        const y = a1(s, dot, t1);
        try {
          return f(x, y);
        } catch (e) {
          return callFailed(callSite, name, e);
        }
      };
    default:
      return (s, dot) => {
        const argv = new Array<Value>(n);
        for (let i = 0; i < n; i++) argv[i] = (args[i] as ArgEval)(s, dot, types[i] as GoType);
        try {
          return f(...argv);
        } catch (e) {
          return callFailed(callSite, name, e);
        }
      };
  }
}
