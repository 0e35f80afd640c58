// The template parser: recursive descent over the lexer's items (Go's parse/parse.go). Each
// method's grammar is written above it. It throws ParseFailure carrying Go's message; the
// Template boundary turns that into the public TemplateParseError.
import { itemString, type Item, type ItemType } from './item.js';
import { goQuote, Lexer } from './lexer.js';
import { LiteralSyntaxError, parseNumber, unquote } from './literal.js';
import {
  isEmptyTree,
  type ArgNode,
  type CommandNode,
  type ItemNode,
  type ListNode,
  type PipeNode,
  type TemplateNode,
  type Tree,
  type VariableNode,
} from './node.js';

/** A parse error inside the parser; `message` is Go's full text (`template: NAME:LINE: ...`). */
export class ParseFailure extends Error {
  constructor(
    message: string,
    readonly templateName: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** How a parse run behaves. */
export interface ParseOptions {
  leftDelim: string;
  rightDelim: string;
  /** Whether a function name is defined (checked at parse time, as Go does). */
  hasFunction: (name: string) => boolean;
  /** Keep comments in the tree (Go's parse.ParseComments). */
  parseComments?: boolean;
  /** Skip the check that functions are defined (Go's parse.SkipFuncCheck). */
  skipFuncCheck?: boolean;
}

/** The end of a list: `{{end}}` or `{{else}}` (never added to a tree). */
interface Terminator {
  kind: 'end' | 'else';
  pos: number;
  line: number;
}

function isTerminator(n: ItemNode | Terminator): n is Terminator {
  return n.kind === 'end' || n.kind === 'else';
}

/**
 * Parses `text` as template `name`, adding the tree and every `define`/`block` tree to
 * `treeSet` under Go's redefinition rule (an empty body never replaces a non-empty one).
 * Returns the top-level tree.
 */
export function parseTemplate(name: string, text: string, treeSet: Map<string, Tree>, options: ParseOptions): Tree {
  const lexer = new Lexer(text, {
    leftDelim: options.leftDelim,
    rightDelim: options.rightDelim,
    emitComment: options.parseComments ?? false,
    breakOK: !options.hasFunction('break'),
    continueOK: !options.hasFunction('continue'),
  });
  const shared: Shared = { lexer, treeSet, options, tokens: [], peekCount: 0 };
  const p = new Parser(shared, { name, parseName: name, text, root: null });
  p.parse();
  p.add();
  return p.tree;
}

/** The state parsers of one text share: the lexer, lookahead and the tree set. */
interface Shared {
  lexer: Lexer;
  treeSet: Map<string, Tree>;
  options: ParseOptions;
  /** Three-token lookahead, as in Go: tokens[0] is always the last item read from the lexer. */
  tokens: Item[];
  peekCount: number;
}

class Parser {
  readonly tree: Tree;
  readonly #s: Shared;
  #vars: string[] = ['$'];
  #actionLine = 0;
  #rangeDepth = 0;

  constructor(shared: Shared, tree: Tree) {
    this.#s = shared;
    this.tree = tree;
  }

  // ---- token stream

  #next(): Item {
    const s = this.#s;
    if (s.peekCount > 0) s.peekCount--;
    else s.tokens[0] = s.lexer.nextItem();
    return s.tokens[s.peekCount] as Item;
  }

  #backup(): void {
    this.#s.peekCount++;
  }

  #backup2(t1: Item): void {
    this.#s.tokens[1] = t1;
    this.#s.peekCount = 2;
  }

  #backup3(t2: Item, t1: Item): void {
    this.#s.tokens[1] = t1;
    this.#s.tokens[2] = t2;
    this.#s.peekCount = 3;
  }

  #peek(): Item {
    const s = this.#s;
    if (s.peekCount > 0) return s.tokens[s.peekCount - 1] as Item;
    s.peekCount = 1;
    s.tokens[0] = s.lexer.nextItem();
    return s.tokens[0];
  }

  #nextNonSpace(): Item {
    for (;;) {
      const t = this.#next();
      if (t.type !== 'space') return t;
    }
  }

  #peekNonSpace(): Item {
    const t = this.#nextNonSpace();
    this.#backup();
    return t;
  }

  // ---- errors

  #errorf(message: string): never {
    const line = this.#s.tokens[0]?.line ?? 1;
    this.tree.root = null;
    throw new ParseFailure(`template: ${this.tree.parseName}:${String(line)}: ${message}`, this.tree.parseName, line);
  }

  #expect(expected: ItemType, context: string): Item {
    const t = this.#nextNonSpace();
    if (t.type !== expected) this.#unexpected(t, context);
    return t;
  }

  #expectOneOf(e1: ItemType, e2: ItemType, context: string): Item {
    const t = this.#nextNonSpace();
    if (t.type !== e1 && t.type !== e2) this.#unexpected(t, context);
    return t;
  }

  #unexpected(t: Item, context: string): never {
    if (t.type === 'error') {
      let extra = '';
      if (this.#actionLine !== 0 && this.#actionLine !== t.line) {
        extra = ` in action started at ${this.tree.parseName}:${String(this.#actionLine)}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.#errorf(`${itemString(t)}${extra}`);
    }
    this.#errorf(`unexpected ${itemString(t)} in ${context}`);
  }

  #literal<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof LiteralSyntaxError) this.#errorf(e.message);
      throw e;
    }
  }

  // ---- trees

  /** Adds this tree to the set, unless an existing non-empty tree of that name wins. */
  add(): void {
    const existing = this.#s.treeSet.get(this.tree.name);
    if (existing === undefined || isEmptyTree(existing.root)) {
      this.#s.treeSet.set(this.tree.name, this.tree);
      return;
    }
    if (!isEmptyTree(this.tree.root)) this.#errorf(`template: multiple definition of template ${goQuote(this.tree.name)}`);
  }

  #child(name: string): Parser {
    return new Parser(this.#s, { name, parseName: this.tree.parseName, text: this.tree.text, root: null });
  }

  // ---- grammar

  /** The top level: text and actions, with `{{define}}` clauses split off into their own trees. */
  parse(): void {
    const root: ListNode = { kind: 'list', pos: this.#peek().pos, nodes: [] };
    this.tree.root = root;
    while (this.#peek().type !== 'eof') {
      if (this.#peek().type === 'leftDelim') {
        const delim = this.#next();
        if (this.#nextNonSpace().type === 'define') {
          this.#child('definition').#parseDefinition();
          continue;
        }
        this.#backup2(delim);
      }
      const n = this.#textOrAction();
      if (isTerminator(n)) this.#errorf(`unexpected {{${n.kind}}}`);
      root.nodes.push(n);
    }
  }

  // {{define "name"}} itemList {{end}}   -- the "define" keyword has been consumed.
  #parseDefinition(): void {
    const context = 'define clause';
    const name = this.#expectOneOf('string', 'rawString', context);
    this.tree.name = this.#literal(() => unquote(name.val));
    this.#expect('rightDelim', context);
    const [list, end] = this.#itemList();
    this.tree.root = list;
    if (end.kind !== 'end') this.#errorf(`unexpected {{${end.kind}}} in ${context}`);
    this.add();
  }

  // itemList: textOrAction* ending in {{end}} or {{else}}.
  #itemList(): [ListNode, Terminator] {
    const list: ListNode = { kind: 'list', pos: this.#peekNonSpace().pos, nodes: [] };
    while (this.#peekNonSpace().type !== 'eof') {
      const n = this.#textOrAction();
      if (isTerminator(n)) return [list, n];
      list.nodes.push(n);
    }
    this.#errorf('unexpected EOF');
  }

  // textOrAction: text | comment | action
  #textOrAction(): ItemNode | Terminator {
    const t = this.#nextNonSpace();
    switch (t.type) {
      case 'text':
        return { kind: 'text', pos: t.pos, text: t.val };
      case 'leftDelim':
        this.#actionLine = t.line;
        try {
          return this.#action();
        } finally {
          this.#actionLine = 0;
        }
      case 'comment':
        return { kind: 'comment', pos: t.pos, text: t.val };
      default:
        this.#unexpected(t, 'input');
    }
  }

  // action: control | pipeline   -- the left delimiter has been consumed.
  #action(): ItemNode | Terminator {
    const t = this.#nextNonSpace();
    switch (t.type) {
      case 'block':
        return this.#blockControl();
      case 'break':
      case 'continue':
        return this.#loopControl(t);
      case 'else':
        return this.#elseControl();
      case 'end':
        return { kind: 'end', pos: this.#expect('rightDelim', 'end').pos, line: t.line };
      case 'if':
      case 'range':
      case 'with':
        return this.#branch(t.type);
      case 'template':
        return this.#templateControl();
      default: {
        this.#backup();
        const start = this.#peek();
        return { kind: 'action', pos: start.pos, line: start.line, pipe: this.#pipeline('command', 'rightDelim') };
      }
    }
  }

  // {{break}} | {{continue}}, inside a range only.
  #loopControl(t: Item): ItemNode {
    const kind = t.type === 'break' ? 'break' : 'continue';
    const next = this.#nextNonSpace();
    if (next.type !== 'rightDelim') this.#unexpected(next, `{{${kind}}}`);
    if (this.#rangeDepth === 0) this.#errorf(`{{${kind}}} outside {{range}}`);
    return { kind, pos: t.pos, line: t.line };
  }

  // pipeline: declarations? command ('|' command)*
  #pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const start = this.#peekNonSpace();
    const pipe: PipeNode = { kind: 'pipe', pos: start.pos, line: start.line, isAssign: false, decl: [], cmds: [] };
    this.#declarations(pipe, context);
    for (;;) {
      const t = this.#nextNonSpace();
      switch (t.type) {
        case end:
          this.#checkPipeline(pipe, context);
          return pipe;
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.#backup();
          pipe.cmds.push(this.#command());
          break;
        default:
          this.#unexpected(t, context);
      }
    }
  }

  // declarations: $x := | $x = | $i, $v :=  (two variables only in range)
  #declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const v = this.#peekNonSpace();
      if (v.type !== 'variable') return;
      this.#next();
      const afterVariable = this.#peek();
      const next = this.#peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.#nextNonSpace();
        pipe.decl.push(this.#variable(v.pos, v.val));
        this.#vars.push(v.val);
        return;
      }
      if (next.type === 'char' && next.val === ',') {
        this.#nextNonSpace();
        pipe.decl.push(this.#variable(v.pos, v.val));
        this.#vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const after = this.#peekNonSpace().type;
          if (after === 'variable' || after === 'rightDelim' || after === 'rightParen') continue;
          this.#errorf('range can only initialize variables');
        }
        this.#errorf(`too many declarations in ${context}`);
      }
      if (afterVariable.type === 'space') this.#backup3(v, afterVariable);
      else this.#backup2(v);
      return;
    }
  }

  #checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.#errorf(`missing value for ${context}`);
    pipe.cmds.forEach((c, i) => {
      if (i === 0) return;
      const k = c.args[0]?.kind;
      if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') {
        this.#errorf(`non executable command in pipeline stage ${String(i + 1)}`);
      }
    });
  }

  // if/range/with: pipeline '}}' itemList ('{{else}}' itemList)? '{{end}}'
  //   {{else if ...}} nests an if; {{else with ...}} nests a with (current Go).
  #branch(kind: 'if' | 'range' | 'with'): ItemNode {
    const varCount = this.#vars.length;
    try {
      const pipe = this.#pipeline(kind, 'rightDelim');
      if (kind === 'range') this.#rangeDepth++;
      const [list, first] = this.#itemList();
      let next = first;
      if (kind === 'range') this.#rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.kind === 'else') {
        const chained = this.#peek().type;
        if ((kind === 'if' && chained === 'if') || (kind === 'with' && chained === 'with')) {
          this.#next();
          elseList = { kind: 'list', pos: next.pos, nodes: [this.#branch(kind)] };
        } else {
          [elseList, next] = this.#itemList();
          if (next.kind !== 'end') this.#errorf(`expected end; found {{${next.kind}}}`);
        }
      }
      return { kind, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.#vars.length = varCount;
    }
  }

  // {{else}} or the start of {{else if ...}} / {{else with ...}}
  #elseControl(): Terminator {
    const peek = this.#peekNonSpace();
    if (peek.type === 'if' || peek.type === 'with') return { kind: 'else', pos: peek.pos, line: peek.line };
    const t = this.#expect('rightDelim', 'else');
    return { kind: 'else', pos: t.pos, line: t.line };
  }

  // {{block "name" pipeline}} itemList {{end}}: defines "name" and executes it in place.
  #blockControl(): ItemNode {
    const context = 'block clause';
    const token = this.#nextNonSpace();
    const name = this.#templateName(token, context);
    const pipe = this.#pipeline(context, 'rightDelim');
    const block = this.#child(name);
    const [list, end] = block.#itemList();
    block.tree.root = list;
    if (end.kind !== 'end') this.#errorf(`unexpected {{${end.kind}}} in ${context}`);
    block.add();
    return this.#templateNode(token, name, pipe);
  }

  // {{template "name" pipeline?}}
  #templateControl(): ItemNode {
    const context = 'template clause';
    const token = this.#nextNonSpace();
    const name = this.#templateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.#nextNonSpace().type !== 'rightDelim') {
      this.#backup();
      pipe = this.#pipeline(context, 'rightDelim');
    }
    return this.#templateNode(token, name, pipe);
  }

  #templateNode(token: Item, name: string, pipe: PipeNode | null): TemplateNode {
    return { kind: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  #templateName(token: Item, context: string): string {
    if (token.type !== 'string' && token.type !== 'rawString') this.#unexpected(token, context);
    return this.#literal(() => unquote(token.val));
  }

  // command: operand (space operand)*, ended by '}}', ')' or '|'
  #command(): CommandNode {
    const cmd: CommandNode = { kind: 'command', pos: this.#peekNonSpace().pos, args: [] };
    for (;;) {
      this.#peekNonSpace(); // Skip leading spaces.
      const operand = this.#operand();
      if (operand !== null) cmd.args.push(operand);
      const t = this.#next();
      if (t.type === 'space') continue;
      if (t.type === 'rightDelim' || t.type === 'rightParen') this.#backup();
      else if (t.type !== 'pipe') this.#unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.#errorf('empty command');
    return cmd;
  }

  // operand: term ('.' field)*
  #operand(): ArgNode | null {
    const node = this.#term();
    if (node === null || this.#peek().type !== 'field') return node;
    const pos = this.#peek().pos;
    const fields: string[] = [];
    while (this.#peek().type === 'field') fields.push(this.#next().val.slice(1));
    switch (node.kind) {
      case 'field':
        return { kind: 'field', pos, ident: [...node.ident, ...fields] };
      case 'variable':
        return { kind: 'variable', pos, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        return this.#errorf(`unexpected . after term ${goQuote(termString(node))}`);
      default:
        return { kind: 'chain', pos, node, field: fields };
    }
  }

  // term: literal | function | . | nil | $var | .Field | '(' pipeline ')'
  #term(): ArgNode | null {
    const t = this.#nextNonSpace();
    switch (t.type) {
      case 'identifier':
        if (!(this.#s.options.skipFuncCheck ?? false) && !this.#s.options.hasFunction(t.val)) {
          this.#errorf(`function ${goQuote(t.val)} not defined`);
        }
        return { kind: 'identifier', pos: t.pos, ident: t.val };
      case 'dot':
        return { kind: 'dot', pos: t.pos };
      case 'nil':
        return { kind: 'nil', pos: t.pos };
      case 'variable':
        return this.#useVar(t.pos, t.val);
      case 'field':
        return { kind: 'field', pos: t.pos, ident: t.val.slice(1).split('.') };
      case 'bool':
        return { kind: 'bool', pos: t.pos, value: t.val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number': {
        const type = t.type;
        const n = this.#literal(() => parseNumber(t.val, type));
        return { kind: 'number', pos: t.pos, text: t.val, ...n };
      }
      case 'leftParen':
        return this.#pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        return { kind: 'string', pos: t.pos, quoted: t.val, text: this.#literal(() => unquote(t.val)) };
      default:
        this.#backup();
        return null;
    }
  }

  #variable(pos: number, name: string): VariableNode {
    return { kind: 'variable', pos, ident: name.split('.') };
  }

  #useVar(pos: number, name: string): VariableNode {
    const v = this.#variable(pos, name);
    const head = v.ident[0] ?? '';
    if (!this.#vars.includes(head)) this.#errorf(`undefined variable ${goQuote(head)}`);
    return v;
  }
}

function termString(n: ArgNode): string {
  switch (n.kind) {
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'string':
      return n.quoted;
    case 'number':
      return n.text;
    case 'nil':
      return 'nil';
    default:
      return '.';
  }
}
