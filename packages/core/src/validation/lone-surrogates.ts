import type { ValidationIssue } from '../errors.js';
import type { RequestPart } from './schema.js';

// Under the u flag a surrogate pair is one code point: only a lone surrogate is in Cs.
const LONE = /\p{Cs}/u;

/**
 * The strings of `data` (values and property names, at any depth) that hold a lone UTF-16
 * surrogate: they cannot be stored as UTF-8 without turning into U+FFFD.
 */
export function surrogateIssues(part: RequestPart, data: unknown, path = '', out: ValidationIssue[] = []): ValidationIssue[] {
  if (typeof data === 'string') {
    if (LONE.test(data)) out.push({ in: part, path, message: 'must not contain a lone surrogate' });
  } else if (Array.isArray(data)) {
    data.forEach((v, i) => surrogateIssues(part, v, `${path}/${i}`, out));
  } else if (typeof data === 'object' && data !== null) {
    for (const [k, v] of Object.entries(data)) {
      const p = `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (LONE.test(k)) out.push({ in: part, path: p, message: 'name must not contain a lone surrogate' });
      surrogateIssues(part, v, p, out);
    }
  }
  return out;
}
