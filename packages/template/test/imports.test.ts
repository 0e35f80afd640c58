// The modules of src/ import each other without a cycle: a circle of imports makes the order in
// which ES modules initialise matter (a table read before its module ran is `undefined`), and
// it is the sign of a concept split over files that should not know each other. The graph is
// read with TypeScript's own pre-processor, so type-only imports and re-exports count too.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const srcDir = fileURLToPath(new URL('../src/', import.meta.url));

/** Each module of src/ (a path relative to src/) and the modules of src/ it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(path.join(srcDir, file), 'utf8'), true, true);
    const deps = importedFiles
      .map((i) => i.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => path.join(path.dirname(file), name).replace(/\.js$/, '.ts'));
    graph.set(path.normalize(file), deps);
  }
  return graph;
}

/** Every cycle a depth-first walk meets, as `a.ts -> b.ts -> a.ts`. */
function cycles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    stack.push(file);
    for (const dep of graph.get(file) ?? []) {
      const at = stack.indexOf(dep);
      if (at >= 0) found.push([...stack.slice(at), dep].join(' -> '));
      else if (!done.has(dep)) visit(dep);
    }
    stack.pop();
    done.add(file);
  };
  for (const file of graph.keys()) if (!done.has(file)) visit(file);
  return found;
}

describe('module graph of src/', () => {
  const graph = importGraph();

  it('is read: every import of a module of src/ names a module that exists', () => {
    expect(graph.size).to.be.greaterThan(50);
    const missing = [...graph].flatMap(([file, deps]) => deps.filter((d) => !graph.has(d)).map((d) => `${file} -> ${d}`));
    expect(missing).to.deep.equal([]);
    // The escapers and the transitions they share are the part that once imported in a circle.
    expect(graph.get(path.join('html', 'transition.ts'))).to.include(path.join('html', 'css.ts'));
  });

  it('has no import cycle', () => {
    expect(cycles(graph)).to.deep.equal([]);
  });

  it('finds a cycle when there is one', () => {
    const circle = new Map([
      ['css.ts', ['failsafe.ts', 'html.ts']],
      ['html.ts', ['transition.ts']],
      ['transition.ts', ['css.ts']],
      ['failsafe.ts', []],
    ]);
    expect(cycles(circle)).to.deep.equal(['css.ts -> html.ts -> transition.ts -> css.ts']);
  });
});
