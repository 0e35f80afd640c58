// Interim: @sloe/template's HTMLTemplate is looked up at run time until it is published.
import * as template from '@sloe/template';
import { CoreError } from '../errors.js';

/** The part of HTMLTemplate that loading a glob uses. */
export interface BuildableSet {
  'new'(name: string): BuildableSet;
  parse(text: string): BuildableSet;
  clone(): BuildableSet;
  funcs(f: Record<string, (...args: never[]) => unknown>): BuildableSet;
  executeTemplate(name: string, data: unknown): string;
  lookup(name: string): unknown;
}

/** A new, empty html/template set. */
export function newHTMLTemplate(name: string): BuildableSet {
  const ctor = (template as Record<string, unknown>)['HTMLTemplate'] as (new (name: string) => BuildableSet) | undefined;
  if (ctor === undefined) throw new CoreError('ERR_NO_TEMPLATES', '@sloe/template does not provide HTMLTemplate');
  return new ctor(name);
}
