// Settings from the environment, the keys derived from SESSION_SECRET, the sample users, and the README's promise
// to document every error code.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { readSettings } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { pageKeys } from '../src/http/keys.js';
import { sampleUsers } from '../src/seed-data.js';
import { validateUser } from '../src/domain/user-input.js';

describe('readSettings', () => {
  it('defaults every setting', () => {
    expect(readSettings({})).to.deep.equal({
      port: 8080, host: undefined, transport: 'netpoll', logLevel: 'info',
      databasePath: 'data/demo.db', databaseUrl: undefined, sessionSecret: undefined,
      writeRateLimit: 300, trustedProxies: [],
    });
  });

  it('reads every variable', () => {
    expect(readSettings({
      PORT: '0', HOST: '127.0.0.1', TRANSPORT: 'node', LOG_LEVEL: 'WARN', DATABASE_PATH: '/tmp/x.db',
      DATABASE_URL: 'postgres://u:p@db:5432/app', SESSION_SECRET: 's3cret', WRITE_RATE_LIMIT: '60',
      TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,fd00::/8',
    })).to.deep.equal({
      port: 0, host: '127.0.0.1', transport: 'node', logLevel: 'warn', databasePath: '/tmp/x.db',
      databaseUrl: 'postgres://u:p@db:5432/app', sessionSecret: 's3cret', writeRateLimit: 60,
      trustedProxies: ['127.0.0.1', '10.0.0.0/8', 'fd00::/8'],
    });
  });

  it('turns the write rate limit off with WRITE_RATE_LIMIT=off', () => {
    expect(readSettings({ WRITE_RATE_LIMIT: 'OFF' }).writeRateLimit).to.equal(false);
  });

  const BAD: { env: Record<string, string>; setting: string }[] = [
    { env: { PORT: 'http' }, setting: 'PORT' },
    { env: { PORT: '65536' }, setting: 'PORT' },
    { env: { TRANSPORT: 'uring' }, setting: 'TRANSPORT' },
    { env: { LOG_LEVEL: 'loud' }, setting: 'LOG_LEVEL' },
    { env: { DATABASE_URL: 'mysql://x' }, setting: 'DATABASE_URL' },
    { env: { WRITE_RATE_LIMIT: '0' }, setting: 'WRITE_RATE_LIMIT' },
    { env: { WRITE_RATE_LIMIT: '1e3' }, setting: 'WRITE_RATE_LIMIT' },
    { env: { TRUSTED_PROXIES: 'nginx' }, setting: 'TRUSTED_PROXIES' },
    { env: { TRUSTED_PROXIES: '10.0.0.0/33' }, setting: 'TRUSTED_PROXIES' },
    { env: { TRUSTED_PROXIES: '127.0.0.1/8/8' }, setting: 'TRUSTED_PROXIES' },
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

describe('pageKeys', () => {
  const hex = (k: Uint8Array): string => Buffer.from(k).toString('hex');

  it('derives the same keys from the same secret, on every instance', () => {
    const [a, b] = [pageKeys('shared secret'), pageKeys('shared secret')];
    expect(hex(a.session)).to.equal(hex(b.session));
    expect(hex(a.csrf)).to.equal(hex(b.csrf));
  });

  it('gives each purpose its own 32-byte key, none the secret itself', () => {
    const k = pageKeys('shared secret');
    expect([k.session.length, k.csrf.length]).to.deep.equal([32, 32]);
    expect(hex(k.session)).to.not.equal(hex(k.csrf));
    expect(hex(k.session)).to.not.contain(Buffer.from('shared secret').toString('hex'));
  });

  it('gives other keys for another secret, and random ones without a secret', () => {
    expect(hex(pageKeys('other').session)).to.not.equal(hex(pageKeys('shared secret').session));
    expect(hex(pageKeys(undefined).session)).to.not.equal(hex(pageKeys(undefined).session));
  });
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
    const source = readFileSync(new URL('../src/errors.ts', import.meta.url), 'utf8') + readFileSync(new URL('../src/http/pages.ts', import.meta.url), 'utf8') + readFileSync(new URL('../src/app.ts', import.meta.url), 'utf8') + readFileSync(new URL('../src/http/api.ts', import.meta.url), 'utf8');
    const codes = [...new Set([...source.matchAll(/'(ERR_[A-Z_]+)'/g)].map((m) => m[1]!))].sort();
    expect(codes).to.include.members(['ERR_CONFIG', 'ERR_CORE_CSRF', 'ERR_EMAIL_TAKEN', 'ERR_NOT_FOUND', 'ERR_USER_NOT_FOUND', 'ERR_VERSION_MISMATCH']);
    for (const code of codes) expect(readme, code).to.contain(`\`${code}\``);
  });
});
