// Field and method access (Go's evalField): maps by key, structs (class instances) by field,
// function-valued properties as methods with `this` bound.
import { goQuote } from '../parse/lexer.js';
import { isPlainObject, TypedNil } from '../fmt/index.js';
import { callFunction, NO_FINAL, type ArgEval } from './call.js';
import { elemType, goTypeOf, zeroOf } from './signature.js';
import { fail, type Site, type State } from './state.js';
import { NO_VALUE, type Value } from './value.js';

/**
 * The value of field `name` of `receiver`, calling it when it is a method. `args` are the
 * command's arguments after the field (only the last field of a chain gets them). Field errors
 * are reported at `site`, a failing method at `callSite`.
 */
export function evalField(
  s: State,
  site: Site,
  callSite: Site,
  dot: Value,
  receiver: Value,
  name: string,
  args: readonly ArgEval[],
  final: Value,
  iface = false,
): Value {
  s.lastReceiver = receiver;
  // Hot path: a plain object's own data property, no arguments.
  if (typeof receiver === 'object' && receiver !== null && args.length === 0 && final === NO_FINAL) {
    const v: unknown = (receiver as Record<string, unknown>)[name];
    if (v !== undefined && typeof v !== 'function' && Object.getPrototypeOf(receiver) === Object.prototype) return v;
  }
  if (receiver === NO_VALUE || receiver === undefined) {
    if (s.env.missingKey === 'error') fail(site, `nil data; no entry for key ${goQuote(name)}`);
    return NO_VALUE;
  }
  if (receiver === null) fail(site, `nil pointer evaluating interface {}.${name}`);
  if (receiver instanceof TypedNil) {
    const methods: unknown = 'methods' in receiver ? receiver.methods : undefined;
    const method: unknown = typeof methods === 'object' && methods !== null ? (methods as Record<string, unknown>)[name] : undefined;
    if (typeof method === 'function') {
      return callFunction(s, site, callSite, dot, method as (...a: never[]) => unknown, receiver, name, args, final);
    }
    fail(site, `nil pointer evaluating ${receiver.goType}.${name}`);
  }
  const hasArgs = args.length > 0 || final !== NO_FINAL;
  if (typeof receiver !== 'object') return noField(site, receiver, name, iface);
  if (receiver instanceof Map) return mapField(s, site, receiver, name, hasArgs);
  const value: unknown = (receiver as Record<string, unknown>)[name];
  if (typeof value === 'function' && !(name in Object.prototype)) {
    return callFunction(s, site, callSite, dot, value as (...a: never[]) => unknown, receiver, name, args, final);
  }
  if (isPlainObject(receiver)) {
    if (hasArgs) fail(site, `${name} is not a method but has arguments`);
    if (value !== undefined || Object.hasOwn(receiver, name)) return value;
    return missingKey(s, site, receiver, name);
  }
  if (Array.isArray(receiver) || !(name in receiver) || name in Object.prototype) return noField(site, receiver, name, iface);
  if (hasArgs) fail(site, `${name} has arguments but cannot be invoked as function`);
  return value;
}

/** `iface`: the receiver's static type is interface {} (it came out of an untyped map or slice). */
function noField(site: Site, receiver: Value, name: string, iface: boolean): never {
  fail(site, `can't evaluate field ${name} in type ${iface ? 'interface {}' : goTypeOf(receiver)}`);
}

/** Whether values taken out of `v` have Go's static type interface {} (an untyped map or slice). */
export function holdsInterfaces(v: Value): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const t = goTypeOf(v);
  return t === 'map[string]interface {}' || t === '[]interface {}';
}

function mapField(s: State, site: Site, m: Map<unknown, unknown>, name: string, hasArgs: boolean): Value {
  if (hasArgs) fail(site, `${name} is not a method but has arguments`);
  if (m.has(name)) return m.get(name);
  return missingKey(s, site, m, name);
}

function missingKey(s: State, site: Site, m: object, name: string): Value {
  switch (s.env.missingKey) {
    case 'default':
      return NO_VALUE;
    case 'zero':
      return zeroOf(elemType(goTypeOf(m)));
    case 'error':
      return fail(site, `map has no entry for key ${goQuote(name)}`);
  }
}
