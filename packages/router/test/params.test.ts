import { expect } from 'chai';
import { Params, Router } from '../src/index.js';

function found(patterns: string[], path: string): Params {
  const r = new Router<string>();
  for (const p of patterns) r.add('GET', p, p);
  const m = r.find('GET', path);
  if (m === null) throw new Error(`no match for ${path}`);
  return m.params;
}

describe('Params', () => {
  it('reads a value by name, as httprouter ByName', () => {
    const p = found(['/repos/:owner/:repo'], '/repos/octocat/linguist');
    expect([p.get('owner'), p.get('repo')]).to.deep.equal(['octocat', 'linguist']);
  });

  it('gives undefined for a name the route does not have', () => {
    const p = found(['/repos/:owner/:repo'], '/repos/octocat/linguist');
    expect(p.get('nope')).to.equal(undefined);
    expect(p.has('nope')).to.equal(false);
    expect(p.has('repo')).to.equal(true);
  });

  it('gives undefined for an absent optional param', () => {
    const p = found(['/posts/:id?'], '/posts');
    expect([p.get('id'), p.size, p.toObject()]).to.deep.equal([undefined, 0, {}]);
  });

  it('keeps names and values in the order of the pattern', () => {
    const p = found(['/legacy/issues/search/:owner/:repository/:state/:keyword'], '/legacy/issues/search/o/r/open/k');
    expect(p.names).to.deep.equal(['owner', 'repository', 'state', 'keyword']);
    expect(p.values()).to.deep.equal(['o', 'r', 'open', 'k']);
    expect([p.at(0), p.at(3), p.at(4), p.at(-1)]).to.deep.equal(['o', 'k', undefined, undefined]);
    expect(p.size).to.equal(4);
  });

  it('iterates over [name, value] pairs in order', () => {
    const p = found(['/range/:from-:to/*rest'], '/range/1-9/a/b');
    expect([...p]).to.deep.equal([
      ['from', '1'],
      ['to', '9'],
      ['rest', '/a/b'],
    ]);
  });

  it('builds a plain object with toObject()', () => {
    const p = found(['/files/:dir/*filepath'], '/files/css/a/b.css');
    const o = p.toObject();
    expect(o).to.deep.equal({ dir: 'css', filepath: '/a/b.css' });
    expect(Object.getPrototypeOf(o)).to.equal(Object.prototype);
  });

  it('shares the names of a route between its matches', () => {
    const r = new Router<string>();
    r.add('GET', '/users/:id', 'u');
    expect(r.find('GET', '/users/1')?.params.names).to.equal(r.find('GET', '/users/2')?.params.names);
  });

  it('decodes values when they are read, in every accessor', () => {
    const p = found(['/p/:a/:b'], '/p/caf%C3%A9/a%2Fb');
    expect(p.get('a')).to.equal('café');
    expect(p.values()).to.deep.equal(['café', 'a/b']);
    expect([...p]).to.deep.equal([
      ['a', 'café'],
      ['b', 'a/b'],
    ]);
    expect(p.toObject()).to.deep.equal({ a: 'café', b: 'a/b' });
  });

  it('decodes a regex capture too', () => {
    expect(found(['/n/:name(^[a-z%0-9]+$)'], '/n/%61b').get('name')).to.equal('ab');
  });

  it('decodes once: an escaped percent stays a percent', () => {
    const p = found(['/p/:v'], '/p/%2541');
    expect([p.get('v'), p.get('v')]).to.deep.equal(['%41', '%41']);
  });

  it('refuses at lookup a value whose escape is malformed, even when the whole path decodes', () => {
    // "%C3" alone is not UTF-8, though the path's "%C3%A9" is.
    const r = new Router<string>();
    r.add('GET', '/x/:a(^.*%C3)%A9', 'x');
    expect(r.find('GET', '/x/caf%C3%A9')).to.equal(null);
    expect(r.match('GET', '/x/caf%C3%A9')).to.deep.equal({ kind: 'bad-request', reason: 'malformed percent-encoding in a param' });
  });

  it('a param named "__proto__" is an own property of the object', () => {
    const o = found(['/a/:__proto__'], '/a/x').toObject();
    expect(Object.getPrototypeOf(o)).to.equal(Object.prototype);
    expect(Object.keys(o)).to.deep.equal(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(o, '__proto__')?.value).to.equal('x');
  });

  it('can be made by hand: values decoded when read, a malformed one kept as it came', () => {
    const p = new Params(['a', 'b'], ['x%20y', '%zz']);
    expect(p.toObject()).to.deep.equal({ a: 'x y', b: '%zz' });
    expect(new Params(['a'], ['%20'], false).get('a')).to.equal('%20');
  });

  it('Params.EMPTY has no params', () => {
    expect([Params.EMPTY.size, [...Params.EMPTY], Params.EMPTY.toObject()]).to.deep.equal([0, [], {}]);
  });
});
