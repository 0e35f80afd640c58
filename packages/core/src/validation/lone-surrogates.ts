import type { ValidationIssue } from '../errors.js';
import type { RequestPart } from './schema.js';

// Under the u flag a surrogate pair is one code point: only a lone surrogate is in Cs.
const LONE = /\p{Cs}/u;

/**
 * The strings of `data` (values and property names, at any depth) that hold a lone UTF-16
 * surrogate: they cannot be stored as UTF-8 without turning into U+FFFD.
 */
export function surrogateIssues(part: RequestPart, data: unknown, path = '', out: ValidationIssue[] = []): ValidationIssue[] {
  // Hot path: a valid request has none, and is walked once without a path made for each field.
  if (holdsLoneSurrogate(data)) collect(part, data, path, out);
  return out;
}

function holdsLoneSurrogate(data: unknown): boolean {
  if (typeof data === 'string') return LONE.test(data);
  if (typeof data !== 'object' || data === null) return false;
  if (Array.isArray(data)) return data.some(holdsLoneSurrogate);
  const record = data as Record<string, unknown>;
  for (const k of Object.keys(record)) if (LONE.test(k) || holdsLoneSurrogate(record[k])) return true;
  return false;
}

function collect(part: RequestPart, data: unknown, path: string, out: ValidationIssue[]): void {
  if (typeof data === 'string') {
    if (LONE.test(data)) out.push({ in: part, path, message: 'must not contain a lone surrogate' });
  } else if (Array.isArray(data)) {
    data.forEach((v, i) => {
      collect(part, v, `${path}/${i}`, out);
    });
  } else if (typeof data === 'object' && data !== null) {
    for (const [k, v] of Object.entries(data)) {
      const p = `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (LONE.test(k)) out.push({ in: part, path: p, message: 'name must not contain a lone surrogate' });
      collect(part, v, p, out);
    }
  }
}
