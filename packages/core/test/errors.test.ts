import { expect } from 'chai';
import { readFileSync } from 'node:fs';

// Every error code declared in errors.ts must be documented in the README's error tables.
const source = readFileSync(new URL('../src/errors.ts', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

function declared(typeName: string): string[] {
  const m = new RegExp(`export type ${typeName} =([^;]+);`).exec(source);
  return m === null ? [] : [...m[1]!.matchAll(/'(ERR_[A-Z_]+)'/g)].map((x) => x[1]!);
}

describe('error codes', () => {
  for (const typeName of ['CoreErrorCode', 'HttpErrorCode']) {
    const codes = declared(typeName);
    it(`${typeName} declares codes`, () => {
      expect(codes.length).to.be.greaterThan(3);
    });
    for (const code of codes) {
      it(`${code} is documented in the README`, () => {
        expect(readme).to.match(new RegExp(`^\\| \`${code}\` \\|`, 'm'));
      });
    }
  }
});
