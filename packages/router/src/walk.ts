import type { ParamNode, Route, StaticNode } from './node.js';

/**
 * Per-router scratch space of the lookup walk: the param values captured so far, as a flat array
 * reused from lookup to lookup (a lookup is synchronous and never re-entered).
 */
export class Scratch {
  readonly values: string[] = [];
  count = 0;
  /** Set when a param was refused for its length: `match` then answers `bad-request`. */
  tooLong = false;

  constructor(readonly maxParamLength: number) {}
}

/**
 * Hot path: the depth-first walk from `node`, whose text ends at `i`. `mp` is the path matched
 * against static text (case-folded when the router is case-insensitive), `path` the one values
 * are cut from; both have the same length. Static child first, then params, then the catch-all:
 * the first complete match in that order wins, at every depth.
 */
export function walk<T>(node: StaticNode<T>, mp: string, path: string, i: number, s: Scratch): Route<T> | null {
  if (i === path.length) {
    if (node.route !== null) return node.route;
  } else {
    const c = mp.charCodeAt(i);
    const indices = node.indices;
    for (let k = 0; k < indices.length; k++) {
      if (indices.charCodeAt(k) === c) {
        const child = node.statics[k]!;
        if (mp.startsWith(child.path, i)) {
          const found = walk(child, mp, path, i + child.path.length, s);
          if (found !== null) return found;
        }
        break;
      }
    }
  }
  const params = node.params;
  for (let k = 0; k < params.length; k++) {
    const found = walkParam(params[k]!, mp, path, i, s);
    if (found !== null) return found;
  }
  const catchAll = node.catchAll;
  if (catchAll === null) return null;
  s.values[s.count++] = path.slice(catchAll.keepSlash ? i - 1 : i);
  return catchAll.route;
}

function walkParam<T>(p: ParamNode<T>, mp: string, path: string, i: number, s: Scratch): Route<T> | null {
  const len = path.length;
  let end = path.indexOf('/', i);
  if (end === -1) end = len;
  const mark = s.count;
  if (p.regex === null) {
    // A plain param never matches an empty last segment ("/user/" is not "/user/:name").
    if (end === len && end === i) return null;
    if (end - i > s.maxParamLength) {
      s.tooLong = true;
      return null;
    }
    s.values[s.count++] = path.slice(i, end);
  } else if (!captureSegment(p, path.slice(i, end), s)) {
    return null;
  }
  const found = end === len ? p.route : walk(p.next, mp, path, end, s);
  if (found === null) s.count = mark;
  return found;
}

// Runs a segment's regex and stores its params; false when it does not match.
function captureSegment<T>(p: ParamNode<T>, segment: string, s: Scratch): boolean {
  const token = p.token;
  if (token.kind !== 'segment') return false;
  const max = s.maxParamLength;
  // Bounding the input keeps a backtracking regex away from a hostile, very long segment.
  if (segment.length > token.names.length * max + token.staticLength) {
    s.tooLong = true;
    return false;
  }
  const m = token.regex.exec(segment);
  if (m === null) return false;
  const mark = s.count;
  for (const g of token.groups) {
    const value = m[g] ?? '';
    if (value.length > max) {
      s.tooLong = true;
      s.count = mark;
      return false;
    }
    s.values[s.count++] = value;
  }
  return true;
}
