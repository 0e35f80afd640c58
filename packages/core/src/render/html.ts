import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { HTMLTemplate, type FuncMap } from '@sloe/template';
import { CoreError } from '../errors.js';
import { compileGlob, globFiles } from './glob.js';

/** What core needs of an html/template set (the shape of @sloe/template's HTMLTemplate). */
export interface TemplateSet {
  executeTemplate(name: string, data: unknown): string;
  lookup(name: string): unknown;
}

/** Whether a template, by its relative name, is shared by every page (layouts and partials). */
export function isShared(name: string): boolean {
  return name.startsWith('layouts/') || name.startsWith('partials/') || path.posix.basename(name).startsWith('_');
}

/** Renders `c.html(code, name, data)`: from one set, or from one set per page. */
export class HTMLRenderer {
  #sets: Map<string, TemplateSet> | undefined;
  #set: TemplateSet | undefined;

  private constructor(set: TemplateSet | undefined, sets: Map<string, TemplateSet> | undefined) {
    this.#set = set;
    this.#sets = sets;
  }

  /** A renderer over one template set (`setHTMLTemplate`). */
  static fromSet(t: TemplateSet): HTMLRenderer {
    return new HTMLRenderer(t, undefined);
  }

  /**
   * A renderer over the files of a glob: shared templates (layouts, partials) are parsed once,
   * and each page is parsed into its own clone of them, named by its relative path.
   */
  static fromGlob(pattern: string, funcs?: FuncMap): HTMLRenderer {
    const { base, files } = templateFiles(pattern);
    const shared = new HTMLTemplate('');
    if (funcs !== undefined) shared.funcs(funcs);
    for (const name of files.filter(isShared)) shared.new(name).parse(readFileSync(path.join(base, name), 'utf8'));
    const sets = new Map<string, TemplateSet>();
    for (const name of files) {
      if (isShared(name)) continue;
      const page = shared.clone();
      page.new(name).parse(readFileSync(path.join(base, name), 'utf8'));
      sets.set(name, page);
    }
    return new HTMLRenderer(undefined, sets);
  }

  /** Executes the template `name` on `data`. */
  render(name: string, data: unknown): string {
    if (this.#set !== undefined) {
      if (this.#set.lookup(name) === undefined || this.#set.lookup(name) === null) throw notFound(name);
      return this.#set.executeTemplate(name, data);
    }
    const page = this.#sets?.get(name);
    if (page === undefined) throw notFound(name);
    return page.executeTemplate(name, data);
  }
}

function notFound(name: string): CoreError {
  return new CoreError('ERR_CORE_TEMPLATE_NOT_FOUND', `no HTML template named ${JSON.stringify(name)}`);
}

/** The files of a glob, relative to its base; ERR_CORE_NO_TEMPLATES, naming the directory, when there are none. */
function templateFiles(pattern: string): { base: string; files: string[] } {
  const g = compileGlob(pattern);
  const dir = path.resolve(g.base);
  if (statSync(dir, { throwIfNoEntry: false })?.isDirectory() !== true) {
    throw new CoreError('ERR_CORE_NO_TEMPLATES', `no template matches ${JSON.stringify(pattern)}: ${dir} is not a directory`);
  }
  const files = globFiles(g);
  if (files.length === 0) throw new CoreError('ERR_CORE_NO_TEMPLATES', `no template matches ${JSON.stringify(pattern)} in ${dir}`);
  return { base: g.base, files };
}
