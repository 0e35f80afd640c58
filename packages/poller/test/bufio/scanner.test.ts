// Scanner and the split functions, with Go's bufio semantics.
import { expect } from 'chai';
import { Readable } from 'node:stream';
import { Scanner } from '../../src/bufio/scanner.js';
import { scanBytes, scanLines, scanRunes, scanWords, type SplitFunc } from '../../src/bufio/split.js';
import { errFinalToken, ScannerError } from '../../src/bufio/errors.js';
import { listen } from '../../src/net/listen.js';
import { dial } from '../../src/net/dial.js';

// A source delivering `input` in chunks of `step` bytes.
async function* chunks(input: Uint8Array, step: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < input.length; i += step) yield input.subarray(i, i + step);
}

async function tokens(input: string | Uint8Array, split: SplitFunc, step = 3): Promise<string[]> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const s = new Scanner(chunks(bytes, step)).split(split);
  const out: string[] = [];
  while (await s.scan()) out.push(Buffer.from(s.bytes()).toString('latin1'));
  expect(s.err()).to.equal(null);
  return out;
}

const u = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');

describe('Scanner split functions', () => {
  const cases: [string, SplitFunc, string | Uint8Array, string[]][] = [
    ['scanLines: lines without \\n and \\r\\n', scanLines, 'one\ntwo\r\nthree', ['one', 'two', 'three']],
    ['scanLines: an empty line in the middle is a token, a final newline adds none', scanLines, 'a\n\nb\n', ['a', '', 'b']],
    ['scanLines: a lone \\r inside a line is kept', scanLines, 'a\rb\n', ['a\rb']],
    ['scanLines: nothing at all', scanLines, '', []],
    ['scanWords: runs of non-space, Unicode spaces included', scanWords, `  hello \t world\u00a0x\u3000y\n`, ['hello', 'world', 'x', 'y']],
    ['scanWords: only spaces', scanWords, ' \n\t ', []],
    ['scanBytes: every byte', scanBytes, 'ab\u00e9', ['a', 'b', '\u00c3', '\u00a9']],
    ['scanRunes: UTF-8 runes split across chunks', scanRunes, 'aé€😀', ['a', u('é'), u('€'), u('😀')]],
    ['scanRunes: an invalid byte is U+FFFD and advances one', scanRunes, new Uint8Array([0x61, 0xff, 0xe2, 0x82, 0x62]), ['a', u('\ufffd'), u('\ufffd'), u('\ufffd'), 'b']],
    ['scanRunes: a truncated rune at the end is U+FFFD', scanRunes, new Uint8Array([0x61, 0xf0, 0x9f]), ['a', u('\ufffd'), u('\ufffd')]],
  ];
  for (const [name, split, input, want] of cases) {
    it(name, async () => {
      for (const step of [1, 2, 3, 64]) expect(await tokens(input, split, step), `chunks of ${step}`).to.deep.equal(want);
    });
  }

  it('a custom split function: comma-separated fields, the last one without comma', async () => {
    const commas: SplitFunc = (data, atEOF) => {
      const i = data.indexOf(0x2c);
      if (i >= 0) return [i + 1, data.subarray(0, i)];
      if (atEOF && data.length > 0) return [data.length, data];
      return [0, null];
    };
    expect(await tokens('a,bb,,ccc', commas)).to.deep.equal(['a', 'bb', '', 'ccc']);
  });

  it('errFinalToken delivers the token and stops without an error', async () => {
    const stopAtX: SplitFunc = (data, atEOF) => {
      const [adv, tok] = scanWords(data, atEOF);
      if (tok !== null && Buffer.from(tok).toString() === 'STOP') return [adv, tok, errFinalToken];
      return [adv, tok];
    };
    expect(await tokens('a b STOP c d', stopAtX)).to.deep.equal(['a', 'b', 'STOP']);
  });
});

describe('Scanner', () => {
  it('a token longer than the maximum: ERR_SCANNER_TOO_LONG (Go\'s ErrTooLong), after the tokens before it', async () => {
    const s = new Scanner(chunks(Buffer.from(`short\n${'x'.repeat(100)}\nafter\n`), 7)).buffer(16, 32);
    const got: string[] = [];
    while (await s.scan()) got.push(s.text());
    expect(got).to.deep.equal(['short']);
    expect(s.err()).to.be.instanceOf(ScannerError).with.property('code', 'ERR_SCANNER_TOO_LONG');
    expect((s.err() as Error).message).to.equal('bufio.Scanner: token too long');
  });

  it('the default maximum is 64 KiB; buffer() raises it', async () => {
    const long = Buffer.from('y'.repeat(70_000) + '\n');
    const d = new Scanner(chunks(long, 8192));
    expect(await d.scan()).to.equal(false);
    expect(d.err()).to.have.property('code', 'ERR_SCANNER_TOO_LONG');
    const big = new Scanner(chunks(long, 8192)).buffer(1024, 1 << 20);
    expect(await big.scan()).to.equal(true);
    expect(big.text().length).to.equal(70_000);
  });

  it('split functions that misbehave stop it with a code', async () => {
    const negative: SplitFunc = () => [-1, null];
    const tooFar: SplitFunc = (data) => [data.length + 1, null];
    const stuck: SplitFunc = (_data, atEOF) => [0, atEOF ? new Uint8Array(0) : null];
    for (const [fn, code] of [[negative, 'ERR_SCANNER_NEGATIVE_ADVANCE'], [tooFar, 'ERR_SCANNER_ADVANCE_TOO_FAR'], [stuck, 'ERR_SCANNER_EMPTY_TOKENS']] as const) {
      const s = new Scanner(chunks(Buffer.from('abc'), 3)).split(fn);
      while (await s.scan()) {
        // drain
      }
      expect(s.err(), code).to.have.property('code', code);
    }
  });

  it('split() and buffer() after the first scan throw ERR_SCANNER_ALREADY_STARTED', async () => {
    const s = new Scanner(chunks(Buffer.from('a\nb\n'), 1));
    await s.scan();
    expect(() => s.split(scanWords)).to.throw(ScannerError).with.property('code', 'ERR_SCANNER_ALREADY_STARTED');
    expect(() => s.buffer(10, 10)).to.throw(ScannerError).with.property('code', 'ERR_SCANNER_ALREADY_STARTED');
  });

  it('a source\'s error stops it and is err(), once the held bytes are split', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('ok\npart');
      throw new Error('disk on fire');
    }
    const s = new Scanner(failing());
    const got: string[] = [];
    while (await s.scan()) got.push(s.text());
    // As Go: after an error the split function still gets what is held, as at the end.
    expect(got).to.deep.equal(['ok', 'part']);
    expect((s.err() as Error).message).to.equal('disk on fire');
  });

  it('reads a node stream, and iterates as strings', async () => {
    const out: string[] = [];
    for await (const line of new Scanner(Readable.from([Buffer.from('x\ny'), Buffer.from('\nz')]))) out.push(line);
    expect(out).to.deep.equal(['x', 'y', 'z']);
  });

  it('reads a Conn into its own buffer', async () => {
    const ln = await listen('tcp', '127.0.0.1:0');
    try {
      const c = await dial('tcp', ln.addr.toString());
      const srv = await ln.accept();
      await c.write(Buffer.from('alpha beta\ngamma'));
      await c.closeWrite();
      const s = new Scanner(srv).split(scanWords);
      const words: string[] = [];
      while (await s.scan()) words.push(s.text());
      expect([words, s.err()]).to.deep.equal([['alpha', 'beta', 'gamma'], null]);
      c.close();
      srv.close();
    } finally {
      await ln.close();
    }
  });
});
