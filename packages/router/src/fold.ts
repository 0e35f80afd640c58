import type { ParamNode, StaticNode } from './node.js';

let lower: Uint16Array | null = null;

// One entry per UTF-16 code unit: its lower case when that is a single unit, else itself. Folding
// unit by unit keeps lengths (and so param offsets) and ignores context rules like Greek final sigma.
function lowerTable(): Uint16Array {
  if (lower !== null) return lower;
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const l = String.fromCharCode(c).toLowerCase();
    t[c] = l.length === 1 ? l.charCodeAt(0) : c;
  }
  lower = t;
  return t;
}

/** Lower-cases `s` code unit by code unit (same length as `s`). */
export function foldCase(s: string): string {
  const t = lowerTable();
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const f = t[c]!;
    if (f !== c) {
      out += s.slice(from, i) + String.fromCharCode(f);
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

function sameFolded(text: string, path: string, at: number): boolean {
  if (at + text.length > path.length) return false;
  const t = lowerTable();
  for (let k = 0; k < text.length; k++) {
    if (t[text.charCodeAt(k)] !== t[path.charCodeAt(at + k)]) return false;
  }
  return true;
}

// Whether a param node takes `value` (with the same limits as the lookup walk, so a hostile segment
// never reaches a regex).
function acceptable<T>(p: ParamNode<T>, value: string, last: boolean, max: number): boolean {
  const token = p.token;
  if (token.kind === 'param') return !(value === '' && last) && value.length <= max;
  return value.length <= token.names.length * max + token.staticLength && token.regex.test(value);
}

/**
 * The path as registered that `path` matches when static text is compared without case, or null:
 * static parts come from the tree, param and catch-all values from `path`. Same order as lookup.
 */
export function findFolded<T>(node: StaticNode<T>, path: string, i: number, maxParamLength: number, out: string): string | null {
  if (i === path.length && node.route !== null) return out;
  if (i < path.length) {
    for (const child of node.statics) {
      if (!sameFolded(child.path, path, i)) continue;
      const found = findFolded(child, path, i + child.path.length, maxParamLength, out + child.path);
      if (found !== null) return found;
    }
  }
  for (const p of node.params) {
    let end = path.indexOf('/', i);
    if (end === -1) end = path.length;
    const value = path.slice(i, end);
    if (!acceptable(p, value, end === path.length, maxParamLength)) continue;
    const found = end === path.length ? (p.route === null ? null : out + value) : findFolded(p.next, path, end, maxParamLength, out + value);
    if (found !== null) return found;
  }
  return node.catchAll === null ? null : out + path.slice(i);
}
