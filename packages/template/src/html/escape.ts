// The escape pass: a walk over text/template trees that computes the context at every action
// and rewrites the action's pipeline to end in the escapers that context needs. Text nodes
// lose their HTML/JS/CSS comments; `{{template}}` calls are redirected to copies of the
// callee escaped for the calling context. Edits are collected and applied only when the
// whole template escaped without error (commit).
import { nodeString } from '../parse/format.js';
import type {
  ActionNode,
  IfNode,
  ListNode,
  Node,
  RangeNode,
  TemplateNode,
  TextNode,
  Tree,
  WithNode,
} from '../parse/node.js';
import { copyList } from '../parse/node.js';
import {
  Attr,
  contextEq,
  contextString,
  Delim,
  errorContext,
  isComment,
  JsCtx,
  mangle,
  State,
  textContext,
  UrlPart,
  type Context,
} from './context.js';
import { contextAfterText } from './text.js';
import { attrStartStates } from './transition.js';
import { escapeError, type EscapeErrorInfo, type NodeSource } from './error.js';
import { predefinedEscapers } from './funcs.js';
import { ensurePipelineContains } from './pipeline.js';
import { goQuote } from './quote.js';

/** What the escaper needs from the template set it escapes. */
export interface TreeSet {
  /** The tree of a template: undefined if the name is unknown, null if it was never parsed. */
  lookup(name: string): Tree | null | undefined;
  /** Adds a derived template (a copy escaped for another context) to the set. */
  add(name: string, tree: Tree): void;
}

interface RangeContext {
  readonly outer: RangeContext | null;
  readonly breaks: Context[];
  readonly continues: Context[];
}

/**
 * The context after following empty-string transitions: `<a href=` followed by an action is
 * an unquoted value, `<a ` followed by an action is an attribute name.
 */
export function nudge(c: Context): Context {
  switch (c.state) {
    case State.Tag:
      return { ...c, state: State.AttrName };
    case State.BeforeValue:
      return { ...c, state: attrStartStates[c.attr], delim: Delim.SpaceOrTagEnd, attr: Attr.None };
    case State.AfterName:
      return { ...c, state: State.AttrName, attr: Attr.None };
    default:
      return c;
  }
}

/** The escapers one action needs in context `c`, or an error context. */
function escapersFor(c: Context, describe: () => EscapeErrorInfo): string[] | Context {
  const s: string[] = [];
  switch (c.state) {
    case State.URL:
    case State.CSSDqStr:
    case State.CSSSqStr:
    case State.CSSDqURL:
    case State.CSSSqURL:
    case State.CSSURL:
      switch (c.urlPart) {
        case UrlPart.None:
        case UrlPart.PreQuery:
          if (c.urlPart === UrlPart.None) s.push('_html_template_urlfilter');
          s.push(c.state === State.CSSDqStr || c.state === State.CSSSqStr ? '_html_template_cssescaper' : '_html_template_urlnormalizer');
          break;
        case UrlPart.QueryOrFrag:
          s.push('_html_template_urlescaper');
          break;
        case UrlPart.Unknown:
          return errorContext(describe());
      }
      break;
    case State.JS:
      s.push('_html_template_jsvalescaper');
      break;
    case State.JSDqStr:
    case State.JSSqStr:
      s.push('_html_template_jsstrescaper');
      break;
    case State.JSTmplLit:
      s.push('_html_template_jstmpllitescaper');
      break;
    case State.JSRegexp:
      s.push('_html_template_jsregexpescaper');
      break;
    case State.CSS:
      s.push('_html_template_cssvaluefilter');
      break;
    case State.Text:
      s.push('_html_template_htmlescaper');
      break;
    case State.RCDATA:
      s.push('_html_template_rcdataescaper');
      break;
    case State.Attr:
      break;
    case State.AttrName:
    case State.Tag:
      s.push('_html_template_htmlnamefilter');
      break;
    case State.Srcset:
      s.push('_html_template_srcsetescaper');
      break;
    default:
      if (!isComment(c.state)) throw new Error(`unexpected state ${c.state}`);
      s.push('_html_template_commentescaper');
  }
  if (c.delim === Delim.SpaceOrTagEnd) s.push('_html_template_nospaceescaper');
  else if (c.delim !== Delim.None) s.push('_html_template_attrescaper');
  return s;
}

/**
 * Joins the contexts at the ends of two branches. Contexts differing only in urlPart or jsCtx
 * join to "unknown"; a nudged context may join an unnudged one; anything else is an error.
 */
export function join(a: Context, b: Context, at: () => { node: Node; source: NodeSource } | null, nodeName: string): Context {
  if (a.state === State.Error) return a;
  if (b.state === State.Error) return b;
  if (a.state === State.Dead) return b;
  if (b.state === State.Dead) return a;
  if (contextEq(a, b)) return a;
  if (contextEq({ ...a, urlPart: b.urlPart }, b)) return { ...a, urlPart: UrlPart.Unknown };
  if (contextEq({ ...a, jsCtx: b.jsCtx }, b)) return { ...a, jsCtx: JsCtx.Unknown };
  // `<p title={{if .C}}{{.}}{{end}}` ends in an unquoted value although the else branch ends
  // before the value.
  const c = nudge(a);
  const d = nudge(b);
  if (!(contextEq(c, a) && contextEq(d, b))) {
    const e = join(c, d, at, nodeName);
    if (e.state !== State.Error) return e;
  }
  return errorContext(
    escapeError('ErrBranchEnd', at(), 0, `{{${nodeName}}} branches end in different contexts: ${contextString(a)}, ${contextString(b)}`),
  );
}

/** The escaper for one template set; it lives as long as the set and remembers its inferences. */
export class Escaper {
  /** Output context of each (mangled) template name already escaped. */
  output = new Map<string, Context>();
  /** Copies of templates escaped for a non-text start context, by mangled name. */
  derived = new Map<string, Tree>();
  /** Mangled names called while escaping, to detect recursion. */
  called = new Set<string>();
  actionNodeEdits = new Map<ActionNode, string[]>();
  templateNodeEdits = new Map<TemplateNode, string>();
  textNodeEdits = new Map<TextNode, string>();
  rangeContext: RangeContext | null = null;
  /** The tree whose nodes are being walked, for error positions. */
  source: NodeSource = { parseName: '', text: '' };

  constructor(readonly set: TreeSet) {}

  /**
   * Escapes template `name` started in context `c` (a copy of it, when `c` is not the text
   * context); returns its end context and the name of the escaped template.
   */
  escapeTree(c: Context, node: Node | null, name: string, line: number): [Context, string] {
    const dname = mangle(c, name);
    this.called.add(dname);
    const out = this.output.get(dname);
    if (out !== undefined) return [out, dname];
    let t = this.template(name);
    if (t === null || t === undefined || t.root === null) {
      const at = node && { node, source: this.source };
      // A template created with new() but never parsed exists, incomplete.
      const msg = t !== undefined ? `${goQuote(name)} is an incomplete or empty template` : `no such template ${goQuote(name)}`;
      return [errorContext(escapeError('ErrNoSuchTemplate', at, line, msg)), dname];
    }
    if (dname !== name) {
      // Reuse a copy derived by an earlier escape, or make one.
      let dt = this.template(dname) ?? undefined;
      if (dt === undefined || dt.root === null) {
        dt = { ...t, name: dname, root: copyList(t.root) };
        this.derived.set(dname, dt);
      }
      t = dt;
    }
    return [this.computeOutCtx(c, t), dname];
  }

  /** The tree of a (possibly mangled) template name. */
  template(name: string): Tree | null | undefined {
    const t = this.set.lookup(name);
    return t ?? this.derived.get(name) ?? t;
  }

  /** The output context of `t` started in `c`, looking for a fixed point if it recurses. */
  private computeOutCtx(c: Context, t: Tree): Context {
    let [c1, ok] = this.escapeTemplateBody(c, t);
    if (!ok) {
      // Assume c1 as the output context and try again.
      const [c2, ok2] = this.escapeTemplateBody(c1, t);
      if (ok2) [c1, ok] = [c2, true];
    }
    if (!ok && c1.state !== State.Error) {
      const root = t.root;
      const at = root && { node: root, source: { parseName: t.parseName, text: t.text } };
      return errorContext(escapeError('ErrOutputContext', at, 0, `cannot compute output context for template ${t.name}`));
    }
    return c1;
  }

  private escapeTemplateBody(c: Context, t: Tree): [Context, boolean] {
    const filter = (e1: Escaper, c1: Context): boolean => {
      if (c1.state === State.Error) return false;
      // A template that is not called recursively has an accurate output context.
      if (!e1.called.has(t.name)) return true;
      return contextEq(c, c1);
    };
    // Assume the output context equals the input so recursive calls end.
    this.output.set(t.name, c);
    const saved = this.source;
    this.source = { parseName: t.parseName, text: t.text };
    try {
      return this.escapeListConditionally(c, t.root, filter);
    } finally {
      this.source = saved;
    }
  }

  private escape(c: Context, n: Node): Context {
    switch (n.kind) {
      case 'action':
        return this.escapeAction(c, n);
      case 'break':
      case 'continue': {
        const rc = this.rangeContext;
        if (rc !== null) (n.kind === 'break' ? rc.breaks : rc.continues).push({ ...c, node: n });
        return { ...textContext, state: State.Dead };
      }
      case 'comment':
        return c;
      case 'if':
      case 'with':
      case 'range':
        return this.escapeBranch(c, n, n.kind);
      case 'list':
        return this.escapeList(c, n);
      case 'template':
        return this.escapeTemplate(c, n);
      case 'text':
        return this.escapeText(c, n);
      default:
        throw new Error(`escaping ${n.kind} is unimplemented`);
    }
  }

  private at(n: Node): { node: Node; source: NodeSource } {
    return { node: n, source: this.source };
  }

  private escapeAction(c: Context, n: ActionNode): Context {
    // A variable declaration writes nothing.
    if (n.pipe.decl.length !== 0) return c;
    c = nudge(c);
    const cmds = n.pipe.cmds;
    for (let pos = 0; pos < cmds.length; pos++) {
      const first = cmds[pos]?.args[0];
      if (first?.kind !== 'identifier' || !predefinedEscapers.has(first.ident)) continue;
      const ident = first.ident;
      if (pos < cmds.length - 1 || (c.state === State.Attr && c.delim === Delim.SpaceOrTagEnd && ident === 'html')) {
        return errorContext(
          escapeError('ErrPredefinedEscaper', this.at(n), n.line, `predefined escaper ${goQuote(ident)} disallowed in template`),
        );
      }
    }
    if (c.state === State.Error) return c;
    const s = escapersFor(c, () =>
      escapeError('ErrAmbigContext', this.at(n), n.line, `${nodeString(n)} appears in an ambiguous context within a URL`),
    );
    if (!Array.isArray(s)) return s;
    if (c.state === State.AttrName || c.state === State.Tag) c = { ...c, state: State.AttrName };
    // A '/' after a value is a division.
    if (c.state === State.JS) c = { ...c, jsCtx: JsCtx.DivOp };
    this.editActionNode(n, s);
    return c;
  }

  private escapeBranch(c: Context, n: IfNode | RangeNode | WithNode, nodeName: 'if' | 'with' | 'range'): Context {
    const at = (): { node: Node; source: NodeSource } => this.at(n);
    if (nodeName === 'range') this.rangeContext = { outer: this.rangeContext, breaks: [], continues: [] };
    let c0 = this.escapeList(c, n.list);
    if (nodeName === 'range') {
      if (c0.state !== State.Error) c0 = this.joinRange(c0);
      this.rangeContext = this.rangeContext?.outer ?? null;
      if (c0.state === State.Error) return c0;
      // The body may run again: running it twice must end as running it once does.
      this.rangeContext = { outer: this.rangeContext, breaks: [], continues: [] };
      const [c1] = this.escapeListConditionally(c0, n.list, null);
      c0 = join(c0, c1, at, nodeName);
      if (c0.state === State.Error) {
        this.rangeContext = this.rangeContext.outer;
        // Developers tend to overlook the re-entry path; say so.
        if (c0.err !== null) {
          c0.err.line = n.line;
          c0.err.description = `on range loop re-entry: ${c0.err.description}`;
        }
        return c0;
      }
      c0 = this.joinRange(c0);
      this.rangeContext = this.rangeContext.outer;
      if (c0.state === State.Error) return c0;
    }
    const c1 = this.escapeList(c, n.elseList);
    return join(c0, c1, at, nodeName);
  }

  /** Joins the contexts at the loop's breaks and continues into the body's end context. */
  private joinRange(c0: Context): Context {
    const rc = this.rangeContext;
    if (rc === null) return c0;
    for (const [list, label] of [[rc.breaks, 'break'], [rc.continues, 'continue']] as const) {
      for (const c of list) {
        const node = c.node;
        c0 = join(c0, c, () => (node === null ? null : this.at(node)), 'range');
        if (c0.state === State.Error) {
          if (c0.err !== null && node !== null && (node.kind === 'break' || node.kind === 'continue')) {
            c0.err.line = node.line;
            c0.err.description = `at range loop ${label}: ${c0.err.description}`;
          }
          return c0;
        }
      }
    }
    return c0;
  }

  private escapeList(c: Context, n: ListNode | null): Context {
    if (n === null) return c;
    for (const m of n.nodes) {
      c = this.escape(c, m);
      if (c.state === State.Dead) break;
    }
    return c;
  }

  /**
   * Escapes a list in a scratch escaper and keeps its edits and inferences only if `filter`
   * accepts the result.
   */
  private escapeListConditionally(
    c: Context,
    n: ListNode | null,
    filter: ((e1: Escaper, c1: Context) => boolean) | null,
  ): [Context, boolean] {
    const e1 = new Escaper(this.set);
    e1.rangeContext = this.rangeContext;
    e1.source = this.source;
    for (const [k, v] of this.output) e1.output.set(k, v);
    for (const [k, v] of this.derived) e1.derived.set(k, v);
    c = e1.escapeList(c, n);
    const ok = filter !== null && filter(e1, c);
    if (ok) {
      for (const [k, v] of e1.output) this.output.set(k, v);
      for (const [k, v] of e1.derived) this.derived.set(k, v);
      for (const k of e1.called) this.called.add(k);
      for (const [k, v] of e1.actionNodeEdits) this.editActionNode(k, v);
      for (const [k, v] of e1.templateNodeEdits) this.editTemplateNode(k, v);
      for (const [k, v] of e1.textNodeEdits) this.editTextNode(k, v);
    }
    return [c, ok];
  }

  private escapeTemplate(c: Context, n: TemplateNode): Context {
    const [c1, name] = this.escapeTree(c, n, n.name, n.line);
    if (name !== n.name) this.editTemplateNode(n, name);
    return c1;
  }

  /** Escapes a text node: `<` in text becomes `&lt;` where it starts no tag; comments go. */
  private escapeText(c: Context, n: TextNode): Context {
    const s = n.text;
    let written = 0;
    let i = 0;
    let b = '';
    while (i !== s.length) {
      const [c1, nread] = contextAfterText(c, s.slice(i));
      const i1 = i + nread;
      if (c.state === State.Text || c.state === State.RCDATA) {
        let end = i1;
        if (c1.state !== c.state) {
          const lt = s.lastIndexOf('<', end - 1);
          if (lt >= i) end = lt;
        }
        for (let j = s.indexOf('<', i); j >= 0 && j < end; j = s.indexOf('<', j + 1)) {
          if (!s.slice(j, j + 9).toUpperCase().startsWith('<!DOCTYPE')) {
            b += `${s.slice(written, j)}&lt;`;
            written = j + 1;
          }
        }
      } else if (isComment(c.state) && c.delim === Delim.None) {
        // A JS block comment with a line terminator acts as one; other comments as a space.
        if (c.state === State.JSBlockCmt) b += /[\n\r\u2028\u2029]/.test(s.slice(written, i1)) ? '\n' : ' ';
        else if (c.state === State.CSSBlockCmt) b += ' ';
        written = i1;
      }
      if (c.state !== c1.state && isComment(c1.state) && c1.delim === Delim.None) {
        // Keep the text before the comment opener ("<!--", "/*" or "//").
        const cs = i1 - (c1.state === State.HTMLCmt ? 4 : 2);
        b += s.slice(written, cs);
        written = i1;
      }
      if (i === i1 && c.state === c1.state) throw new Error(`infinite loop from ${contextString(c)} to ${contextString(c1)}`);
      c = c1;
      i = i1;
    }
    if (written !== 0 && c.state !== State.Error) {
      if (!isComment(c.state) || c.delim !== Delim.None) b += s.slice(written);
      this.editTextNode(n, b);
    }
    return c;
  }

  private editActionNode(n: ActionNode, cmds: string[]): void {
    if (this.actionNodeEdits.has(n)) throw new Error(`node ${nodeString(n)} shared between templates`);
    this.actionNodeEdits.set(n, cmds);
  }

  private editTemplateNode(n: TemplateNode, callee: string): void {
    if (this.templateNodeEdits.has(n)) throw new Error(`node ${nodeString(n)} shared between templates`);
    this.templateNodeEdits.set(n, callee);
  }

  private editTextNode(n: TextNode, text: string): void {
    if (this.textNodeEdits.has(n)) throw new Error(`node ${nodeString(n)} shared between templates`);
    this.textNodeEdits.set(n, text);
  }

  /** Applies the collected edits and adds the derived templates to the set. */
  commit(): void {
    for (const [name, t] of this.derived) this.set.add(name, t);
    for (const [n, s] of this.actionNodeEdits) ensurePipelineContains(n.pipe, s);
    for (const [n, name] of this.templateNodeEdits) n.name = name;
    for (const [n, s] of this.textNodeEdits) n.text = s;
    this.derived.clear();
    this.called.clear();
    this.actionNodeEdits.clear();
    this.templateNodeEdits.clear();
    this.textNodeEdits.clear();
  }
}
