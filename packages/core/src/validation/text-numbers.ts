import type { ValidationIssue } from '../errors.js';
import type { RequestPart } from './schema.js';

const INTEGER = /^-?[0-9]+$/;
const DECIMAL = /^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/**
 * ajv coerces text with JavaScript's `+text`, which reads `0x1`, ` 1`, `1e2` and `Infinity`.
 * A copy of a text part taken before validation: compared with what ajv made of it by
 * {@link coercionIssues}. Text parts are flat (a value, or an array of values, per name).
 */
export function snapshot(data: unknown): unknown {
  if (Array.isArray(data)) return [...(data as unknown[])];
  if (typeof data !== 'object' || data === null) return data;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) out[k] = Array.isArray(v) ? [...(v as unknown[])] : v;
  return out;
}

/**
 * The text fields ajv turned into numbers that a client should not get away with: an integer
 * field takes decimal digits only (with an optional leading minus), a number field a decimal
 * number, and neither may give a number past ±(2^53 - 1), where numbers stop being exact.
 */
export function coercionIssues(schema: unknown, part: RequestPart, before: unknown, after: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (typeof before !== 'object' || before === null || typeof after !== 'object' || after === null) return issues;
  const props = propertiesOf(schema);
  for (const [name, was] of Object.entries(before)) {
    const now = (after as Record<string, unknown>)[name];
    const type = typeOf(props?.[name]);
    const path = `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (typeof was === 'string') checkOne(was, Array.isArray(now) ? now[0] : now, type, part, path, issues);
    else if (Array.isArray(was) && Array.isArray(now)) {
      const itemType = typeOf((props?.[name] as { items?: unknown } | undefined)?.items) ?? type;
      was.forEach((w, i) => {
        if (typeof w === 'string') checkOne(w, now[i], itemType, part, `${path}/${i}`, issues);
      });
    }
  }
  return issues;
}

function checkOne(text: string, value: unknown, type: string | undefined, part: RequestPart, path: string, out: ValidationIssue[]): void {
  if (typeof value !== 'number') return;
  if (type === 'integer' ? !INTEGER.test(text) : !DECIMAL.test(text)) {
    out.push({ in: part, path, message: type === 'integer' ? 'must be integer in decimal digits' : 'must be a decimal number' });
  } else if (!(Math.abs(value) <= Number.MAX_SAFE_INTEGER)) {
    out.push({ in: part, path, message: `must be between ${-Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}` });
  }
}

function propertiesOf(schema: unknown): Record<string, unknown> | undefined {
  const p = (schema as { properties?: unknown } | null)?.properties;
  return typeof p === 'object' && p !== null ? (p as Record<string, unknown>) : undefined;
}

/** `integer` when the schema allows integers but not other numbers, else `number` or undefined. */
function typeOf(schema: unknown): string | undefined {
  const t = (schema as { type?: unknown } | null | undefined)?.type;
  const types = Array.isArray(t) ? (t as unknown[]) : [t];
  if (types.includes('number')) return 'number';
  if (types.includes('integer')) return 'integer';
  return undefined;
}
