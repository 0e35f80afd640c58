// What `{{range}}` iterates over: slices, maps (in sorted key order), integers (current Go),
// and iterables (Go's channels). Break and continue arrive as the body's return code.
import { kindOf, mapEntries, sliceElements, TypedNil } from '../fmt/index.js';
import { fail, type Site } from './state.js';
import { NO_VALUE, printString, type Value } from './value.js';

/** The body of one iteration; returns 0, or BREAK (1) / CONTINUE (2). */
export type Iteration = (key: Value, elem: Value) => number;

const BREAK = 1;

/** Runs `body` over `v`; returns whether there was at least one iteration. */
export function rangeOver(site: Site, v: Value, vars: number, body: Iteration): boolean {
  if (v === NO_VALUE || v === null || v === undefined || v instanceof TypedNil) return false;
  if (Array.isArray(v)) return overArray(v, body);
  if (typeof v === 'number' || typeof v === 'bigint') return overInt(site, v, vars, body);
  if (typeof v === 'object') {
    switch (kindOf(v)) {
      case 'slice':
        return overArray(sliceElements(v), body);
      case 'map':
        return overMap(v, body);
      default:
        if (Symbol.iterator in v) return overIterable(v as Iterable<unknown>, body);
    }
  }
  return fail(site, `range can't iterate over ${printString(v)}`);
}

function overArray(a: readonly unknown[], body: Iteration): boolean {
  // Hot path: most ranges are over arrays.
  for (let i = 0; i < a.length; i++) {
    if (body(i, a[i]) === BREAK) break;
  }
  return a.length > 0;
}

function overMap(m: object, body: Iteration): boolean {
  const entries = mapEntries(m);
  for (const [k, e] of entries) {
    if (body(k, e) === BREAK) break;
  }
  return entries.length > 0;
}

function overInt(site: Site, n: number | bigint, vars: number, body: Iteration): boolean {
  if (typeof n === 'number' && !Number.isInteger(n)) return fail(site, `range can't iterate over ${printString(n)}`);
  if (vars > 1) return fail(site, `can't use ${printString(n)} to iterate over more than one variable`);
  const end = Number(n);
  for (let i = 0; i < end; i++) {
    if (body(i, i) === BREAK) break;
  }
  return end > 0;
}

function overIterable(it: Iterable<unknown>, body: Iteration): boolean {
  let i = 0;
  for (const e of it) {
    if (body(i++, e) === BREAK) break;
  }
  return i > 0;
}
