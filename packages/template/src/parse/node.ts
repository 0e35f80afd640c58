// The parse tree of a template, in the shape of Go's text/template/parse nodes.
//
// Every node is a plain object with a `kind` discriminant and `pos`, the offset of its first
// character in the text it was parsed from (a UTF-16 index into that string; `location`
// turns it into Go's line and byte column). Walkers switch on `kind` and end with
// `assertNever`, so a new kind is a compile error until every walker handles it.
//
// Trees are mutable on purpose: html/template's escaper rewrites pipelines in place
// (it appends escaper commands to `PipeNode.cmds`) before a template first runs.

import type { NumberValue } from './literal.js';

/** A node that carries a position in the template text. */
interface Positioned {
  /** Offset of the node's first character in the template text. */
  pos: number;
}

/** A sequence of nodes: a template body or a branch of if/range/with. */
export interface ListNode extends Positioned {
  readonly kind: 'list';
  nodes: ItemNode[];
}

/** Plain text between actions, after trim markers were applied. */
export interface TextNode extends Positioned {
  readonly kind: 'text';
  text: string;
}

/** A `{{/* comment *\/}}`, kept only when the tree is parsed with comments. */
export interface CommentNode extends Positioned {
  readonly kind: 'comment';
  /** The comment text including its `/*` and `*\/` markers. */
  text: string;
}

/** A non-control action such as `{{.Field | printf "%q"}}`. */
export interface ActionNode extends Positioned {
  readonly kind: 'action';
  /** The line of the action's first token. */
  line: number;
  pipe: PipeNode;
}

/** A pipeline: optional variable declarations and commands joined by `|`. */
export interface PipeNode extends Positioned {
  readonly kind: 'pipe';
  line: number;
  /** `$x = ...` assigns an existing variable; `$x := ...` declares one. */
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}

/** One stage of a pipeline: a function, method or value and its arguments. */
export interface CommandNode extends Positioned {
  readonly kind: 'command';
  args: ArgNode[];
}

/** A function name, such as `printf` or an html escaper inserted by name. */
export interface IdentifierNode extends Positioned {
  readonly kind: 'identifier';
  ident: string;
}

/** A variable with optional field chain: `$`, `$x`, `$x.A.B`. */
export interface VariableNode extends Positioned {
  readonly kind: 'variable';
  /** The variable name (with its `$`) followed by the field names. */
  ident: string[];
}

/** The cursor, `.`. */
export interface DotNode extends Positioned {
  readonly kind: 'dot';
}

/** The untyped constant `nil`. */
export interface NilNode extends Positioned {
  readonly kind: 'nil';
}

/** A field chain starting at dot: `.A.B`. */
export interface FieldNode extends Positioned {
  readonly kind: 'field';
  /** The field names without their leading dots. */
  ident: string[];
}

/** Fields applied to a term that is not dot or a variable: `(pipeline).A.B`. */
export interface ChainNode extends Positioned {
  readonly kind: 'chain';
  node: ArgNode;
  field: string[];
}

/** `true` or `false`. */
export interface BoolNode extends Positioned {
  readonly kind: 'bool';
  value: boolean;
}

/**
 * A numeric constant. As in Go, one literal may be representable several ways (`1` is an
 * int, a uint and a float); the executor picks the representation a context needs.
 */
export interface NumberNode extends Positioned, NumberValue {
  readonly kind: 'number';
  /** The literal as written. */
  text: string;
}

/** A quoted or raw string constant. */
export interface StringNode extends Positioned {
  readonly kind: 'string';
  /** The literal as written, with its quotes. */
  quoted: string;
  /** The value after unquoting. */
  text: string;
}

/** The fields shared by `if`, `range` and `with`. */
interface BranchFields extends Positioned {
  line: number;
  pipe: PipeNode;
  list: ListNode;
  /** The `{{else}}` part; null when absent. */
  elseList: ListNode | null;
}

/** `{{if pipeline}} list {{else}} elseList {{end}}`; `else if` nests an IfNode in elseList. */
export interface IfNode extends BranchFields {
  readonly kind: 'if';
}

/** `{{range pipeline}} list {{else}} elseList {{end}}`. */
export interface RangeNode extends BranchFields {
  readonly kind: 'range';
}

/** `{{with pipeline}} list {{else}} elseList {{end}}`; `else with` nests a WithNode. */
export interface WithNode extends BranchFields {
  readonly kind: 'with';
}

/** `{{template "name" pipeline}}`; also what `{{block}}` leaves in place. */
export interface TemplateNode extends Positioned {
  readonly kind: 'template';
  line: number;
  name: string;
  /** The value for dot in the called template; null means nil. */
  pipe: PipeNode | null;
}

/** `{{break}}` inside a range. */
export interface BreakNode extends Positioned {
  readonly kind: 'break';
  line: number;
}

/** `{{continue}}` inside a range. */
export interface ContinueNode extends Positioned {
  readonly kind: 'continue';
  line: number;
}

/** A node that can be an argument of a command (an operand). */
export type ArgNode =
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

/** A node that can appear in a ListNode. */
export type ItemNode =
  | TextNode
  | CommentNode
  | ActionNode
  | IfNode
  | RangeNode
  | WithNode
  | TemplateNode
  | BreakNode
  | ContinueNode
  | ListNode;

/** Every node kind of the tree. */
export type Node = ItemNode | ArgNode | CommandNode;

/** The `kind` of every node. */
export type NodeKind = Node['kind'];

/**
 * A parsed template: its name, the name of the top-level template whose text it came from
 * (for error messages), the text itself, and the root list. `define` and `block` produce
 * trees that share their parent's `text` and `parseName`.
 */
export interface Tree {
  name: string;
  /** Name of the template being parsed when this tree was produced. */
  parseName: string;
  /** The full text the positions of this tree's nodes refer to. */
  text: string;
  /** Null only for a tree that has not been parsed yet. */
  root: ListNode | null;
}

/** A line (1-based) and Go's column (0-based byte offset within the line). */
export interface Location {
  line: number;
  col: number;
}

/** Compile-time exhaustiveness check for `switch (n.kind)` walkers. */
export function assertNever(n: never): never {
  throw new Error(`unknown node: ${JSON.stringify(n)}`);
}

/** The line and Go byte column of offset `pos` in `text`, as Go's ErrorContext computes them. */
export function location(text: string, pos: number): Location {
  const before = text.slice(0, pos);
  const nl = before.lastIndexOf('\n');
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  const col = Buffer.byteLength(nl < 0 ? before : before.slice(nl + 1), 'utf8');
  return { line, col };
}

// Go's unicode.IsSpace set (bytes.TrimSpace), which differs from JavaScript's \s by U+FEFF.
const GO_SPACE_ONLY = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/** Whether a tree body is empty by Go's rule: only whitespace text and comments. */
export function isEmptyTree(n: Node | null): boolean {
  if (n === null) return true;
  switch (n.kind) {
    case 'comment':
      return true;
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'text':
      return GO_SPACE_ONLY.test(n.text);
    default:
      return false;
  }
}

/** A deep copy of a list, for clones whose trees are rewritten independently. */
export function copyList(l: ListNode): ListNode {
  return { kind: 'list', pos: l.pos, nodes: l.nodes.map(copyNode) };
}

/** A deep copy of a tree. */
export function copyTree(t: Tree): Tree {
  return { name: t.name, parseName: t.parseName, text: t.text, root: t.root === null ? null : copyList(t.root) };
}

/** A deep copy of a pipeline. */
export function copyPipe(p: PipeNode): PipeNode {
  return {
    kind: 'pipe',
    pos: p.pos,
    line: p.line,
    isAssign: p.isAssign,
    decl: p.decl.map((d) => ({ ...d, ident: [...d.ident] })),
    cmds: p.cmds.map((c) => ({ kind: 'command', pos: c.pos, args: c.args.map(copyArg) })),
  };
}

function copyArg(n: ArgNode): ArgNode {
  switch (n.kind) {
    case 'pipe':
      return copyPipe(n);
    case 'variable':
    case 'field':
      return { ...n, ident: [...n.ident] };
    case 'chain':
      return { ...n, node: copyArg(n.node), field: [...n.field] };
    default:
      return { ...n };
  }
}

/** A deep copy of any node. */
export function copyNode<N extends Node>(n: N): N;
export function copyNode(n: Node): Node {
  switch (n.kind) {
    case 'list':
      return copyList(n);
    case 'action':
      return { ...n, pipe: copyPipe(n.pipe) };
    case 'if':
    case 'range':
    case 'with':
      return { ...n, pipe: copyPipe(n.pipe), list: copyList(n.list), elseList: n.elseList && copyList(n.elseList) };
    case 'template':
      return { ...n, pipe: n.pipe && copyPipe(n.pipe) };
    case 'command':
      return { kind: 'command', pos: n.pos, args: n.args.map(copyArg) };
    case 'text':
    case 'comment':
    case 'break':
    case 'continue':
      return { ...n };
    default:
      return copyArg(n);
  }
}
