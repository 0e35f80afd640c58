// The published declarations hold the API and nothing else: the Engine's and the Context's
// internal entry points are stripped from dist/*.d.ts (they are marked @internal).
import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
const declarations = readdirSync(dist)
  .filter((f) => f.endsWith('.d.ts'))
  .map((f) => ({ file: f, text: readFileSync(new URL(f, dist), 'utf8') }));

const internals: { name: string; pattern: RegExp }[] = [
  { name: 'Context.start', pattern: /\bstatic start\(/ },
  { name: 'Context.route', pattern: /\bstatic route\(/ },
  { name: 'Context.finish', pattern: /\bstatic finish\(/ },
  { name: 'Context.answerError', pattern: /\banswerError\b/ },
  { name: 'Context.reportFailure', pattern: /\breportFailure\b/ },
  { name: 'Context.failAfterWrite', pattern: /\bfailAfterWrite\b/ },
  { name: 'Context.validatorsOf', pattern: /\bvalidatorsOf\b/ },
  { name: 'Context.setValid', pattern: /\bsetValid\b/ },
  { name: 'Engine.addRoute', pattern: /\baddRoute\b/ },
  { name: 'Engine.middlewareChanged', pattern: /\bmiddlewareChanged\b/ },
  { name: 'Engine.routeMethods', pattern: /\brouteMethods\b/ },
  { name: 'RouterGroup.attach', pattern: /\battach\(/ },
];

describe('the published declarations', () => {
  it('are built (run npm run build first)', () => {
    expect(declarations.map((d) => d.file)).to.include.members(['index.d.ts', 'engine.d.ts', 'context.d.ts', 'group.d.ts']);
  });
  for (const { name, pattern } of internals) {
    it(`leave out ${name}`, () => {
      expect(declarations.filter((d) => pattern.test(d.text)).map((d) => d.file)).to.deep.equal([]);
    });
  }
});
