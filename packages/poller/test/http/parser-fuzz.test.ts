// Fuzzing the request parser with seeded random and mutated requests: it never throws anything
// but an HttpParseError, never spins, gives the same outcome however the bytes are cut, and
// once failed stays failed, so nothing after a framing error is ever parsed as a request.
import { expect } from 'chai';
import { HttpParseError } from '../../src/http/errors.js';
import { RequestParser } from '../../src/http/parser.js';
import { driveParser, corpusLimits } from './drive-parser.js';
import type { ParserOutcome } from './drive-parser.js';
import { prng as rng } from '../../../../test/support/prng.js';

const seeds = [
  'GET / HTTP/1.1\r\nHost: a\r\n\r\n',
  'POST /p?q=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhelloGET /next HTTP/1.1\r\nHost: a\r\n\r\n',
  'PUT /u HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\nT: v\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n',
  'GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /2 HTTP/1.0\r\n\r\n',
  'CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\nraw bytes',
  'GET /ws HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nUpgrade: x\r\n\r\nframes',
];

const interesting = [0x00, 0x09, 0x0a, 0x0d, 0x20, 0x3a, 0x3b, 0x22, 0x5c, 0x7f, 0xff, 0x30, 0x66, 0x2c];

function mutate(src: Uint8Array, r: () => number): Uint8Array {
  const bytes = Array.from(src);
  const edits = 1 + Math.floor(r() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(r() * (bytes.length + 1));
    const pick = r();
    if (pick < 0.3) bytes[at] = interesting[Math.floor(r() * interesting.length)]!;
    else if (pick < 0.5) bytes.splice(at, 0, interesting[Math.floor(r() * interesting.length)]!);
    else if (pick < 0.65) bytes.splice(at, 1);
    else if (pick < 0.8) bytes[at] = Math.floor(r() * 256);
    else if (pick < 0.9) bytes.splice(at, 0, ...bytes.slice(at, at + Math.floor(r() * 20)));
    else bytes.length = at;
  }
  return Uint8Array.from(bytes);
}

function randomBytes(r: () => number): Uint8Array {
  const n = Math.floor(r() * 200);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = r() < 0.5 ? interesting[Math.floor(r() * interesting.length)]! : Math.floor(r() * 256);
  return out;
}

function cuts(bytes: Uint8Array, r: () => number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    const n = 1 + Math.floor(r() * 12);
    pieces.push(bytes.subarray(at, at + n));
    at += n;
  }
  return pieces;
}

// The outcome without error offsets and messages' internals that depend on the cut.
function summary(o: ParserOutcome): string {
  return JSON.stringify({
    error: o.error?.code ?? null,
    upgraded: o.upgraded,
    messages: o.messages.map((m) => [m.method, m.url, m.headers, m.body, m.incomplete, m.trailers ?? null]),
  });
}

function check(bytes: Uint8Array, r: () => number, label: string): void {
  const whole = driveParser([bytes]);
  const cut = driveParser(cuts(bytes, r));
  // Incomplete trailing messages may be seen at different stages; complete ones may not differ.
  expect(summary(cut), `${label}: cut differently`).to.equal(summary(whole));
  if (whole.error !== null) expect(whole.error).to.be.instanceOf(HttpParseError);
}

describe('request parser fuzzing', () => {
  const budgetMs = 4000;

  it('survives mutated requests, cut at random, with the same outcome as whole', () => {
    const r = rng(0x5107e);
    const until = Date.now() + budgetMs;
    let n = 0;
    for (; n < 4000 && Date.now() < until; n++) {
      const src = new TextEncoder().encode(seeds[n % seeds.length]!);
      check(mutate(src, r), r, `mutation ${n}`);
    }
    expect(n).to.be.greaterThan(100);
  });

  it('survives random bytes', () => {
    const r = rng(0xf022);
    const until = Date.now() + budgetMs / 2;
    let n = 0;
    for (; n < 3000 && Date.now() < until; n++) check(randomBytes(r), r, `random ${n}`);
    expect(n).to.be.greaterThan(100);
  });

  it('stays failed after an error: the bytes after it are never parsed', () => {
    const p = new RequestParser(corpusLimits);
    const bad = new TextEncoder().encode('GET / HTTP/1.1\r\nHost : a\r\n\r\nGET /after HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(() => p.exec(bad, 0, bad.length)).to.throw(HttpParseError);
    expect(p.failed).to.equal(true);
    const good = new TextEncoder().encode('GET /fresh HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(() => p.exec(good, 0, good.length)).to.throw(HttpParseError);
  });
});
