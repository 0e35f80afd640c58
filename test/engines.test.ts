// `npm ci` warns (EBADENGINE) when a locked package does not accept the running Node.js. The
// project supports Node 20 (the root's `engines`), so no package in package-lock.json may refuse
// it: a dependency that wants a newer Node (cookie@2 once came in that way, through a dev
// dependency) is pinned away with an `overrides` entry in the root package.json.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// npm's own range semantics: the semver package npm uses, installed at the root by the lockfile.
const semver = createRequire(path.join(root, 'package.json'))('semver') as {
  satisfies(version: string, range: string): boolean;
};

interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
}

describe('engines', () => {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const declared = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;

  it(`the running Node.js (${process.version}) is one the project supports (${declared})`, () => {
    expect(semver.satisfies(process.version, declared)).to.equal(true);
  });

  it('every package in package-lock.json accepts the running Node.js, so npm ci prints no engine warning', () => {
    const refusing = Object.entries(lock.packages).flatMap(([where, entry]) => {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      return range === undefined || semver.satisfies(process.version, range) ? [] : [`${where}@${entry.version ?? '?'} wants node ${range}`];
    });
    expect(refusing).to.deep.equal([]);
  });
});
