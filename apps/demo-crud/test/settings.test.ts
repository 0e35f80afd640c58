// Settings from the environment, cookie signatures, the sample users, and the README's promise
// to document every error code.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { readSettings } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { Signer } from '../src/http/signer.js';
import { sampleUsers } from '../src/seed-data.js';
import { validateUser } from '../src/domain/user-input.js';

describe('readSettings', () => {
  it('defaults every setting', () => {
    expect(readSettings({})).to.deep.equal({
      port: 8080, host: undefined, transport: 'netpoll', logLevel: 'info',
      databasePath: 'data/demo.db', databaseUrl: undefined, sessionSecret: undefined,
    });
  });

  it('reads every variable', () => {
    expect(readSettings({
      PORT: '0', HOST: '127.0.0.1', TRANSPORT: 'node', LOG_LEVEL: 'WARN', DATABASE_PATH: '/tmp/x.db',
      DATABASE_URL: 'postgres://u:p@db:5432/app', SESSION_SECRET: 's3cret',
    })).to.deep.equal({
      port: 0, host: '127.0.0.1', transport: 'node', logLevel: 'warn', databasePath: '/tmp/x.db',
      databaseUrl: 'postgres://u:p@db:5432/app', sessionSecret: 's3cret',
    });
  });

  const BAD: { env: Record<string, string>; setting: string }[] = [
    { env: { PORT: 'http' }, setting: 'PORT' },
    { env: { PORT: '65536' }, setting: 'PORT' },
    { env: { TRANSPORT: 'uring' }, setting: 'TRANSPORT' },
    { env: { LOG_LEVEL: 'loud' }, setting: 'LOG_LEVEL' },
    { env: { DATABASE_URL: 'mysql://x' }, setting: 'DATABASE_URL' },
  ];
  for (const c of BAD) {
    it(`refuses ${JSON.stringify(c.env)} naming ${c.setting}`, () => {
      let err: unknown;
      try {
        readSettings(c.env);
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(ConfigError);
      expect((err as ConfigError).setting).to.equal(c.setting);
      expect((err as ConfigError).message.startsWith(`${c.setting}: `)).to.equal(true);
    });
  }

  it('treats empty variables as unset', () => {
    expect(readSettings({ PORT: '', DATABASE_URL: ' ', HOST: '' })).to.include({ port: 8080, databaseUrl: undefined, host: undefined });
  });
});

describe('Signer', () => {
  const signer = new Signer('secret');
  const signed = signer.sign('hello.world');
  const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  // A 32-byte MAC is 43 base64url characters: the last carries 2 unused bits, so this other
  // character decodes to the same bytes.
  const sameBytes = B64URL[B64URL.indexOf(signed.at(-1)!) ^ 1]!;

  const CASES: { name: string; input: string; value: string | null }[] = [
    { name: 'its own signature', input: signed, value: 'hello.world' },
    { name: 'a changed value', input: signed.replace('hello', 'jello'), value: null },
    { name: 'a changed signature', input: signed.slice(0, -2) + (signed.endsWith('AA') ? 'BB' : 'AA'), value: null },
    { name: 'no signature', input: 'hello', value: null },
    { name: 'a last character that decodes to the same bytes', input: signed.slice(0, -1) + sameBytes, value: null },
    { name: 'a signature followed by "!!"', input: `${signed}!!`, value: null },
    { name: 'a signature with padding', input: `${signed}=`, value: null },
    { name: 'another secret\'s signature', input: new Signer('other').sign('hello.world'), value: null },
  ];
  for (const c of CASES) {
    it(`unsigns ${c.name} as ${JSON.stringify(c.value)}`, () => {
      expect(signer.unsign(c.input)).to.equal(c.value);
    });
  }
});

describe('sample users', () => {
  it('are 42 valid users with distinct emails', () => {
    const users = sampleUsers();
    expect(users).to.have.length(42);
    expect(new Set(users.map((u) => u.email)).size).to.equal(42);
    for (const u of users) expect(validateUser(u).ok, u.email).to.equal(true);
  });
});

describe('README', () => {
  it('documents every error code the app defines', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const source = readFileSync(new URL('../src/errors.ts', import.meta.url), 'utf8') + readFileSync(new URL('../src/http/csrf.ts', import.meta.url), 'utf8') + readFileSync(new URL('../src/app.ts', import.meta.url), 'utf8') + readFileSync(new URL('../src/http/api.ts', import.meta.url), 'utf8');
    const codes = [...new Set([...source.matchAll(/'(ERR_[A-Z_]+)'/g)].map((m) => m[1]!))].sort();
    expect(codes).to.include.members(['ERR_CONFIG', 'ERR_CSRF', 'ERR_EMAIL_TAKEN', 'ERR_NOT_FOUND', 'ERR_USER_NOT_FOUND', 'ERR_VERSION_MISMATCH']);
    for (const code of codes) expect(readme, code).to.contain(`\`${code}\``);
  });
});
