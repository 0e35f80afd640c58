// Header: case-insensitive lookups, repeated values kept in wire order, and validation that
// keeps CR, LF and NUL off the wire.
import { expect } from 'chai';
import { Header, HeaderFields, headerFromWire, headerIsAscii, headerLines, isToken, isValidFieldValue } from '../../src/http/header.js';
import { HttpError } from '../../src/http/errors.js';

describe('Header', () => {
  it('looks names up case-insensitively and keeps the first value for get', () => {
    const h = new Header([['X-A', '1'], ['x-a', '2'], ['Y', '3']]);
    expect(h.get('x-A')).to.equal('1');
    expect(h.getAll('X-A')).to.deep.equal(['1', '2']);
    expect(h.has('y')).to.equal(true);
    expect(h.get('missing')).to.equal(null);
    expect(h.getAll('missing')).to.deep.equal([]);
  });

  it('iterates [name, value] in wire order with names as given', () => {
    const h = new Header({ A: '1', B: ['2', '3'] });
    h.append('a', '4');
    expect([...h]).to.deep.equal([['A', '1'], ['B', '2'], ['B', '3'], ['a', '4']]);
    expect(h.size).to.equal(4);
  });

  it('set replaces every field of the name in place of the first', () => {
    const h = new Header([['A', '1'], ['B', '2'], ['a', '3']]);
    h.set('A', 'x');
    expect([...h]).to.deep.equal([['A', 'x'], ['B', '2']]);
    h.set('C', 7);
    expect(h.get('c')).to.equal('7');
  });

  it('delete removes every field of the name', () => {
    const h = new Header([['A', '1'], ['B', '2'], ['a', '3']]);
    h.delete('A');
    expect([...h]).to.deep.equal([['B', '2']]);
  });

  const invalid: [string, string, string][] = [
    ['CR LF in a value', 'X', 'a\r\nInjected: 1'],
    ['LF in a value', 'X', 'a\nb'],
    ['NUL in a value', 'X', 'a\0b'],
    ['DEL in a value', 'X', 'a\x7fb'],
    ['a character beyond latin1', 'X', 'caf\u00e9\u2603'],
    ['a space in a name', 'Bad Name', 'v'],
    ['a colon in a name', 'X:', 'v'],
    ['an empty name', '', 'v'],
  ];
  for (const [what, name, value] of invalid) {
    it(`set and append refuse ${what}`, () => {
      const h = new Header();
      for (const op of [() => h.set(name, value), () => h.append(name, value)]) {
        expect(op).to.throw(HttpError).with.property('code', 'ERR_HTTP_INVALID_RESPONSE_HEADER');
      }
      expect(h.size).to.equal(0);
    });
  }

  it('accepts HTAB, SP and obs-text in values', () => {
    expect(isValidFieldValue('a\tb c\u00ff')).to.equal(true);
  });

  const tokens: [string, boolean][] = [
    ['GET', true],
    ['M-SEARCH', true],
    ["!#$%&'*+-.^_`|~09azAZ", true],
    ['', false],
    ['A B', false],
    ['A(B)', false],
    ['\u00e9', false],
  ];
  for (const [s, ok] of tokens) {
    it(`isToken(${JSON.stringify(s)}) is ${ok}`, () => expect(isToken(s)).to.equal(ok));
  }

  describe('HeaderFields and setFields', () => {
    const security = new HeaderFields([
      ['X-Frame-Options', 'SAMEORIGIN'],
      ['X-Content-Type-Options', 'nosniff'],
      ['Link', '</a>; rel=preload'],
      ['Link', '</b>; rel=preload'],
    ]);

    // The wire lines as each field would be written one by one: the oracle for the serialized runs.
    const lines = (h: Header): string => [...h].map(([n, v]) => `${n}: ${v}\r\n`).join('');

    it('replaces the fields of those names and adds its own after the rest, repeats kept', () => {
      const h = new Header([['x-frame-options', 'DENY'], ['A', '1'], ['link', '</old>']]);
      h.setFields(security);
      expect([...h]).to.deep.equal([
        ['A', '1'],
        ['X-Frame-Options', 'SAMEORIGIN'],
        ['X-Content-Type-Options', 'nosniff'],
        ['Link', '</a>; rel=preload'],
        ['Link', '</b>; rel=preload'],
      ]);
      expect(h.get('x-content-type-options')).to.equal('nosniff');
      expect(h.getAll('LINK')).to.deep.equal(['</a>; rel=preload', '</b>; rel=preload']);
      expect(headerLines(h)).to.equal(lines(h));
    });

    it('refuses, with a TypeError naming it, what is not a HeaderFields', () => {
      const h = new Header([['A', '1']]);
      for (const [given, named] of [
        [{ A: '2' }, 'a plain object'],
        [[['A', '2']], 'an array'],
        [new Header([['A', '2']]), 'Header'],
        [null, 'null'],
        ['A: 2', 'string'],
      ] as const) {
        expect(() => h.setFields(given as unknown as HeaderFields)).to.throw(TypeError, named);
      }
      expect([...h]).to.deep.equal([['A', '1']]);
    });

    it('validates its fields as Header does', () => {
      for (const init of [[['X', 'a\r\nb']], [['Bad Name', 'v']]] as [string, string][][]) {
        expect(() => new HeaderFields(init)).to.throw(HttpError).with.property('code', 'ERR_HTTP_INVALID_RESPONSE_HEADER');
      }
    });

    it('carries a Latin-1 value to the header it is set on', () => {
      const h = new Header([['A', '1']]);
      h.setFields(new HeaderFields({ B: 'caf\u00e9' }));
      expect(headerIsAscii(h)).to.equal(false);
      expect(headerIsAscii(new Header([['A', '1']]))).to.equal(true);
    });

    it('finds what a plain list of its fields finds, from the wire or built, after any mix of changes', () => {
      // Names of the same length and first letter (the header's summary of its keys cannot tell
      // them apart), in several cases, and two that differ only by ^ and ~ (0x5e, 0x7e).
      const names = ['ETag', 'etag', 'Vary', 'VARY', 'Accept', 'Origin', 'X-A^', 'x-a~', 'Content-Length', 'content-type'];
      const fields = new HeaderFields({ Vary: 'Origin', 'X-A^': 'f' });
      const lower = (n: string): string => n.toLowerCase();
      let seed = 11;
      const next = (n: number): number => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return (seed >>> 8) % n;
      };
      for (let round = 0; round < 300; round++) {
        // The model: the fields in order, looked up by comparing lower-cased names.
        let model: [string, string][] = [];
        for (let i = next(5); i > 0; i--) model.push([names[next(names.length)]!, `w${i}`]);
        const h = round % 2 === 0 ? headerFromWire(model.map(([n]) => n), model.map(([, v]) => v)) : new Header(model);
        const trail: string[] = [round % 2 === 0 ? 'wire' : 'built', JSON.stringify(model)];
        for (let step = 0; step < 6; step++) {
          const name = names[next(names.length)]!;
          switch (next(5)) {
            case 0:
              h.set(name, `s${step}`);
              trail.push(`set(${name})`);
              if (model.some(([n]) => lower(n) === lower(name))) {
                const at = model.findIndex(([n]) => lower(n) === lower(name));
                model = model.filter(([n], i) => i === at || lower(n) !== lower(name));
                model[at] = [name, `s${step}`];
              } else model.push([name, `s${step}`]);
              break;
            case 1:
              h.append(name, `a${step}`);
              trail.push(`append(${name})`);
              model.push([name, `a${step}`]);
              break;
            case 2:
              h.delete(name);
              trail.push(`delete(${name})`);
              model = model.filter(([n]) => lower(n) !== lower(name));
              break;
            case 3:
              h.setFields(fields);
              trail.push('setFields');
              model = model.filter(([n]) => lower(n) !== 'vary' && lower(n) !== 'x-a^').concat([...fields]);
              break;
            default:
              break;
          }
          for (const probe of names) {
            const found = model.filter(([n]) => lower(n) === lower(probe)).map(([, v]) => v);
            const at = trail.join(', ') + ` → get(${probe})`;
            expect(h.getAll(probe), at).to.deep.equal(found);
            expect(h.get(probe), at).to.equal(found[0] ?? null);
            expect(h.has(probe), at).to.equal(found.length > 0);
          }
          expect([...h], trail.join(', ')).to.deep.equal(model);
        }
      }
    });

    it('serializes as the fields it holds after any mix of set, append, delete and setFields', () => {
      const other = new HeaderFields({ 'Cache-Control': 'no-store', Vary: 'Origin' });
      const names = ['X-Frame-Options', 'link', 'Vary', 'A', 'cache-control', 'B'];
      let seed = 7;
      const next = (n: number): number => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return (seed >>> 8) % n;
      };
      for (let round = 0; round < 300; round++) {
        const h = new Header();
        const trail: string[] = [];
        for (let step = 0; step < 8; step++) {
          const name = names[next(names.length)]!;
          switch (next(5)) {
            case 0:
              h.setFields(security);
              trail.push('setFields(security)');
              break;
            case 1:
              h.setFields(other);
              trail.push('setFields(other)');
              break;
            case 2:
              h.set(name, `s${step}`);
              trail.push(`set(${name})`);
              break;
            case 3:
              h.append(name, `a${step}`);
              trail.push(`append(${name})`);
              break;
            default:
              h.delete(name);
              trail.push(`delete(${name})`);
          }
          expect(headerLines(h), trail.join(', ')).to.equal(lines(h));
        }
      }
    });
  });
});
