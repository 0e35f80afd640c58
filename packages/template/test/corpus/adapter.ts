// The corpus adapter: runs one gotmpl-ref case on @sloe/template exactly as the oracle runs it
// on Go (root template named by the first key, delims, funcs, options, parse in key order,
// ExecuteTemplate of the entry) and reports the output or the error kind and message.
import { TemplateError } from '../../src/errors.js';
import * as pkg from '../../src/index.js';
import { Template } from '../../src/template.js';
import { funcsFor } from './registry.js';

/** A corpus case (the fields the adapter reads). */
export interface CorpusCase {
  id: string;
  mode?: 'text' | 'html';
  templates: Record<string, string>;
  entry?: string;
  data?: unknown;
  funcs?: string[];
  options?: string[];
  delims?: [string, string];
}

/** What the runner scores. */
export type CorpusResult = { output: string } | { error: 'parse' | 'exec'; message: string } | { unsupported: string };

/** The surface shared by Template and HTMLTemplate that a case needs. */
interface CaseTemplate {
  delims(l: string, r: string): unknown;
  funcs(m: Record<string, (...a: never[]) => unknown>): unknown;
  option(...o: string[]): unknown;
  'new'(name: string): CaseTemplate;
  parse(text: string): unknown;
  executeTemplate(name: string, data: unknown): string;
}

type TemplateClass = new (name: string) => CaseTemplate;

/** The adapter's name, as the runner prints it. */
export const name = '@sloe/template';

/** HTMLTemplate, once html mode exports it from the package's entry point. */
const htmlClass: TemplateClass | null =
  typeof (pkg as Record<string, unknown>).HTMLTemplate === 'function'
    ? ((pkg as Record<string, unknown>).HTMLTemplate as TemplateClass)
    : null;

/** Whether an error is one of the package's template errors (html mode's included). */
function isTemplateError(e: unknown): e is Error {
  return e instanceof TemplateError || (e instanceof Error && e.name.startsWith('Template'));
}

/** Runs one case. */
export function run(c: CorpusCase): CorpusResult {
  let ctor: TemplateClass = Template;
  if (c.mode === 'html') {
    if (htmlClass === null) return { unsupported: 'html mode is not available' };
    ctor = htmlClass;
  }
  const names = Object.keys(c.templates);
  const first = names[0];
  if (first === undefined) return { unsupported: 'no templates' };
  const root = new ctor(first);
  if (c.delims !== undefined) root.delims(c.delims[0], c.delims[1]);
  root.funcs(funcsFor(c.funcs));
  if (c.options !== undefined && c.options.length > 0) root.option(...c.options);
  for (const [i, n] of names.entries()) {
    try {
      (i === 0 ? root : root.new(n)).parse(c.templates[n] ?? '');
    } catch (e) {
      if (isTemplateError(e)) return { error: 'parse', message: e.message };
      throw e;
    }
  }
  try {
    return { output: root.executeTemplate(c.entry ?? first, c.data ?? null) };
  } catch (e) {
    // Everything after parsing is an exec error in the oracle, escaping errors included.
    if (isTemplateError(e)) return { error: 'exec', message: e.message };
    throw e;
  }
}
