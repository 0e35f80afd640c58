// A table row checked against what real Go printed for it: the expectations in the tables
// that use this helper were produced by Go 1.19 through tools/gotmpl-ref.
import { expect } from 'chai';
import { run } from '../corpus/adapter.js';

/** One named case: templates (first key is the root), data, registry funcs, and Go's result. */
export interface GoCase {
  name: string;
  templates: Record<string, string>;
  data?: unknown;
  funcs?: string[];
  options?: string[];
  want: { output: string | null } | { error: string; message: string };
}

/** Runs the case as the corpus oracle does and compares output, or error kind and message. */
export function checkGoCase(c: GoCase): void {
  const got = run({ id: c.name, mode: 'text', templates: c.templates, data: c.data, funcs: c.funcs, options: c.options });
  expect(got).to.deep.equal(c.want);
}
