// Escaping never crashes: random templates assembled from HTML, JS and CSS fragments and
// actions either execute or fail with a TemplateError (parse or escape), never with anything
// else. The generator is seeded, so a failure reproduces.
import { expect } from 'chai';
import { TemplateError } from '../../src/errors.js';
import { HTMLTemplate } from '../../src/html/index.js';

const fragments = [
  '<a href="', '<a title=', '<a ', '">', "'", '"', '>', '<script>', '</script>', '<style>', '</style>', '<textarea>',
  '</textarea>', '<!--', '-->', '/*', '*/', '//', '\n', '/', '`', '${', '}', '{', 'url(', ')', '?', '#', '\\', '=', ' ',
  'x', '<img srcset="', 'onclick="', 'style="', '<title>', '</title>', '&quot;', '[', ']', '<!DOCTYPE html>',
  '{{.}}', '{{.}}', '{{.}}', '{{if .}}', '{{else}}', '{{end}}', '{{range .}}', '{{end}}', '{{html .}}', '{{. | urlquery}}',
  '{{template "s" .}}', '{{break}}', '{{$x := 1}}',
];

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomTemplate(next: () => number): string {
  const n = 1 + Math.floor(next() * 12);
  let s = '';
  for (let i = 0; i < n; i++) s += fragments[Math.floor(next() * fragments.length)] ?? '';
  return s;
}

describe('html escaping on random templates', () => {
  it('either renders or throws a TemplateError, for 1500 seeded templates', () => {
    const next = rng(20261128);
    const data = ['<x>', 'javascript:1', '', 42, null, ['a', '"'], { k: "'" }];
    let rendered = 0;
    let refused = 0;
    for (let i = 0; i < 1500; i++) {
      const text = randomTemplate(next);
      const sub = randomTemplate(next);
      const value = data[i % data.length];
      try {
        const t = new HTMLTemplate('t').parse(text);
        t.new('s').parse(sub);
        expect(t.execute(value)).to.be.a('string');
        rendered++;
      } catch (e) {
        if (!(e instanceof TemplateError)) throw new Error(`template ${JSON.stringify(text)} / ${JSON.stringify(sub)}: ${String(e)}`, { cause: e });
        refused++;
      }
    }
    // Both outcomes occur, so the generator exercises the escaper and its errors.
    expect(rendered).to.be.greaterThan(50);
    expect(refused).to.be.greaterThan(50);
  });
});
