// Set-Cookie parsing and the in-memory jar's scoping (RFC 6265 §5.3, as Go's cookiejar).
import { expect } from 'chai';
import { parseSetCookie } from '../../src/client/cookie.js';
import { MemoryCookieJar } from '../../src/client/cookie-jar.js';

describe('parseSetCookie', () => {
  it('reads the name, value and attributes', () => {
    expect(parseSetCookie('id=a3f; Path=/docs; Domain=.Example.com; Max-Age=60; Secure; HttpOnly; SameSite=Lax')).to.deep.equal({
      name: 'id', value: 'a3f', path: '/docs', domain: 'example.com', maxAge: 60, secure: true, httpOnly: true, sameSite: 'Lax',
    });
    expect(parseSetCookie('q="quoted"')?.value).to.equal('quoted');
    expect(parseSetCookie('gone=; Max-Age=0')?.maxAge).to.equal(-1);
    expect(parseSetCookie('e=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT')?.expires?.toISOString()).to.equal('2015-10-21T07:28:00.000Z');
  });

  const invalid: [string, string][] = [
    ['no equals sign', 'novalue'],
    ['a name that is not a token', 'a b=1'],
    ['a value with a space', 'a=b c'],
    ['a value with a comma', 'a=b,c'],
    ['an empty name', '=1'],
  ];
  for (const [name, line] of invalid) {
    it(`drops a cookie with ${name}`, () => {
      expect(parseSetCookie(line)).to.equal(null);
    });
  }
});

describe('MemoryCookieJar', () => {
  let now = 1_000_000;
  const jar = (): MemoryCookieJar => new MemoryCookieJar(() => now);
  const names = (j: MemoryCookieJar, url: string): string => j.cookies(new URL(url)).map((c) => `${c.name}=${c.value}`).join('; ');

  it('a host-only cookie goes back to that host only', () => {
    const j = jar();
    j.setCookies(new URL('http://www.example.com/'), [{ name: 'a', value: '1' }]);
    expect(names(j, 'http://www.example.com/x')).to.equal('a=1');
    expect(names(j, 'http://sub.www.example.com/')).to.equal('');
    expect(names(j, 'http://example.com/')).to.equal('');
  });

  it('a Domain cookie goes to the domain and its subdomains; a foreign or single-label Domain is refused', () => {
    const j = jar();
    const u = new URL('http://www.example.com/');
    j.setCookies(u, [{ name: 'd', value: '1', domain: 'example.com' }, { name: 'evil', value: '1', domain: 'other.com' }, { name: 'tld', value: '1', domain: 'com' }]);
    expect(names(j, 'http://example.com/')).to.equal('d=1');
    expect(names(j, 'http://a.b.example.com/')).to.equal('d=1');
    expect(names(j, 'http://other.com/')).to.equal('');
    expect(names(j, 'http://x.com/')).to.equal('');
  });

  it('scopes by path: the default path is the request directory; longer paths first', () => {
    const j = jar();
    j.setCookies(new URL('http://h.test/docs/page'), [{ name: 'dir', value: '1' }]);
    j.setCookies(new URL('http://h.test/'), [{ name: 'root', value: '1', path: '/' }, { name: 'deep', value: '1', path: '/docs/api' }]);
    expect(names(j, 'http://h.test/docs/api/x')).to.equal('deep=1; dir=1; root=1');
    expect(names(j, 'http://h.test/docs')).to.equal('dir=1; root=1');
    expect(names(j, 'http://h.test/docsx')).to.equal('root=1');
  });

  it('a Secure cookie goes over https only', () => {
    const j = jar();
    j.setCookies(new URL('https://h.test/'), [{ name: 's', value: '1', secure: true }]);
    expect(names(j, 'http://h.test/')).to.equal('');
    expect(names(j, 'https://h.test/')).to.equal('s=1');
  });

  it('expires by Max-Age or Expires; Max-Age 0 deletes; a later value replaces', () => {
    const j = jar();
    const u = new URL('http://h.test/');
    j.setCookies(u, [{ name: 'm', value: '1', maxAge: 10 }, { name: 'e', value: '1', expires: new Date(now + 5000) }, { name: 'k', value: '1' }]);
    expect(names(j, 'http://h.test/')).to.equal('m=1; e=1; k=1');
    now += 6000;
    expect(names(j, 'http://h.test/')).to.equal('m=1; k=1');
    j.setCookies(u, [{ name: 'k', value: '2' }, { name: 'm', value: '', maxAge: -1 }]);
    expect(names(j, 'http://h.test/')).to.equal('k=2');
  });
});
