import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { resolveOptions } from '../src/options.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  const defaults: [string, string][] = [
    ['caseSensitive', 'true'],
    ['ignoreTrailingSlash', 'false'],
    ['redirectTrailingSlash', 'true'],
    ['redirectFixedPath', 'false'],
    ['maxParamLength', '100'],
    ['handleMethodNotAllowed', 'true'],
  ];
  for (const [option, value] of defaults) {
    it(`documents the option ${option} with the default the code applies`, () => {
      expect(readme).to.include(`| \`${option}\` | \`${value}\` |`);
      expect(String(resolveOptions()[option as keyof ReturnType<typeof resolveOptions>])).to.equal(value);
    });
  }
});
