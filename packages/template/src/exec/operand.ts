// Operands: how a literal is typed by the parameter it is passed to, the value of a literal
// with no type to go by (Go's idealConstant), and where Go reports an operand's errors.
import { Complex128, Float64, isGoInt } from '../fmt/index.js';
import type { ArgNode, Node, NumberNode } from '../parse/node.js';
import type { ArgEval } from './call.js';
import { holdsInterfaces } from './field.js';
import type { GoType } from './signature.js';
import { fail, type Site } from './state.js';
import { InterfaceArg, NO_VALUE, type Value } from './value.js';

/** The class of a parameter type, for typing a literal argument. */
export function baseKind(t: GoType): 'bool' | 'string' | 'int' | 'uint' | 'float' | 'complex' | 'any' | 'other' {
  switch (t) {
    case 'bool':
      return 'bool';
    case 'string':
      return 'string';
    case 'int':
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
      return 'int';
    case 'uint':
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'uint64':
    case 'uintptr':
      return 'uint';
    case 'float32':
    case 'float64':
      return 'float';
    case 'complex64':
    case 'complex128':
      return 'complex';
    case 'interface {}':
    case 'reflect.Value':
    case 'js':
      return 'any';
    default:
      return 'other';
  }
}

/** Go's idealConstant: a number literal's value when no type is expected. */
export function idealConstant(n: NumberNode): (site: Site) => Value {
  if (n.isComplex) {
    const c = new Complex128(n.real, n.imag);
    return () => c;
  }
  const isHexInt = /^0[xX]/.test(n.text) && !/[pP]/.test(n.text);
  if (n.isFloat && !isHexInt && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) {
    // A float constant keeps Go's kind even when JavaScript would take its value for an int.
    const f = isGoInt(n.float) ? new Float64(n.float) : n.float;
    return () => f;
  }
  if (n.isInt) {
    const i = n.int;
    return () => i;
  }
  return (site) => fail(site, `${n.text} overflows int`);
}

/** Wraps slice's index arguments read from untyped maps, which Go 1.19's slice refuses. */
export function markInterfaceIndexes(args: readonly ArgNode[], argEvals: ArgEval[]): void {
  for (let i = 1; i < argEvals.length; i++) {
    const node = args[i + 1];
    const inner = argEvals[i] as ArgEval;
    const isField = node?.kind === 'field' || node?.kind === 'chain' || (node?.kind === 'variable' && node.ident.length > 1);
    if (!isField) continue;
    argEvals[i] = (s, dot, t) => {
      const v = inner(s, dot, t);
      return v !== NO_VALUE && holdsInterfaces(s.lastReceiver) ? new InterfaceArg(v) : v;
    };
  }
}

/** The node Go's executor last marked while evaluating `n`, where it reports later errors. */
export function lastEvaluated(n: ArgNode): Node {
  if (n.kind === 'pipe') {
    const cmd = n.cmds[n.cmds.length - 1];
    if (cmd === undefined) return n;
    const head = cmd.args[0] as ArgNode;
    const calls = head.kind === 'identifier' || head.kind === 'field' || head.kind === 'chain' || (head.kind === 'variable' && head.ident.length > 1);
    return lastEvaluated(calls && cmd.args.length > 1 ? (cmd.args[cmd.args.length - 1] as ArgNode) : head);
  }
  if (n.kind === 'chain') return lastEvaluated(n.node);
  return n;
}
