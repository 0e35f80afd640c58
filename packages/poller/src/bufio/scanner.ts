// Scanner: Go's bufio.Scanner over any Conn or byte stream. Tokens are cut by a split function
// (lines by default) from a buffer that grows, doubling, up to the maximum token size.
import { Buffer } from 'node:buffer';
import { errFinalToken, ScannerError } from './errors.js';
import { scanLines, type SplitFunc } from './split.js';

/** Something that reads into a buffer, as a `Conn` does: the filled part of `buf`, or null at the end. */
export interface ByteReader {
  read(buf: Uint8Array): Promise<Uint8Array | null>;
}

/** What a Scanner reads: a `Conn` (any {@link ByteReader}) or an async iterable of chunks (a stream). */
export type ScannerSource = ByteReader | AsyncIterable<Uint8Array>;

/** Go's `bufio.MaxScanTokenSize`: the default maximum token size, 64 KiB. */
export const maxScanTokenSize = 64 * 1024;
const START_BUF_SIZE = 4096;
const MAX_EMPTY = 100;
// What #err holds once the input has ended: not an error to report.
const EOF = Symbol('EOF');

/**
 * Go's `bufio.Scanner`:
 *
 * ```ts
 * const s = new Scanner(conn);
 * while (await s.scan()) console.log(s.text());
 * if (s.err() !== null) throw s.err();
 * ```
 *
 * `split(fn)` and `buffer(buf, max)` may be called before the first scan. A token longer than
 * the maximum token size stops scanning with `ERR_SCANNER_TOO_LONG` (Go's `ErrTooLong`); a
 * source's own error stops it with that error. The end of input is not an error.
 */
export class Scanner implements AsyncIterable<string> {
  readonly #reader: ByteReader;
  #split: SplitFunc = scanLines;
  #maxTokenSize = maxScanTokenSize;
  #buf: Uint8Array = new Uint8Array(0);
  #start = 0;
  #end = 0;
  #token: Uint8Array | null = null;
  // Set at the end of input (`eof`) or on an error; scanning stops once the buffer is drained.
  #err: unknown = null;
  #eof = false;
  #done = false;
  #started = false;
  #empties = 0;

  constructor(source: ScannerSource) {
    // A stream that is also readable by read() (a node Readable) is read as the iterable it is.
    this.#reader = Symbol.asyncIterator in source ? iterableReader(source) : source;
  }

  /** Sets the split function (Go's `Split`); throws `ERR_SCANNER_ALREADY_STARTED` after a scan. */
  split(fn: SplitFunc): this {
    if (this.#started) throw new ScannerError('ERR_SCANNER_ALREADY_STARTED');
    this.#split = fn;
    return this;
  }

  /**
   * Sets the initial buffer (or its size) and the maximum token size (Go's `Buffer`); the buffer
   * grows up to `max`. Throws `ERR_SCANNER_ALREADY_STARTED` after a scan.
   */
  buffer(buf: Uint8Array | number, max: number): this {
    if (this.#started) throw new ScannerError('ERR_SCANNER_ALREADY_STARTED');
    this.#buf = typeof buf === 'number' ? new Uint8Array(buf) : buf;
    this.#maxTokenSize = max;
    return this;
  }

  /** The last token's bytes: a view of the buffer, overwritten by a later scan (Go's `Bytes`). */
  bytes(): Uint8Array {
    return this.#token ?? new Uint8Array(0);
  }

  /** The last token as UTF-8 text (Go's `Text`). */
  text(): string {
    const t = this.bytes();
    return Buffer.from(t.buffer, t.byteOffset, t.byteLength).toString('utf8');
  }

  /** The error that stopped scanning, or null when it stopped at the end of input (Go's `Err`). */
  err(): unknown {
    return this.#eof ? null : this.#err;
  }

  /** Yields each token as text, then throws the error that stopped scanning, if any. */
  async *[Symbol.asyncIterator](): AsyncGenerator<string> {
    while (await this.scan()) yield this.text();
    const e = this.err();
    if (e !== null) throw e instanceof Error ? e : new Error('the source failed', { cause: e });
  }

  /**
   * Advances to the next token (Go's `Scan`): true when there is one, false at the end of input
   * or on an error (see `err()`).
   */
  async scan(): Promise<boolean> {
    if (this.#done) return false;
    this.#started = true;
    for (;;) {
      // A token from what is held; at the end, the split function may still find a last one.
      const ended = this.#err !== null;
      if (this.#end > this.#start || ended) {
        const [advance, token, err] = this.#split(this.#buf.subarray(this.#start, this.#end), ended);
        if (err !== undefined && err !== null) {
          if (err === errFinalToken) {
            this.#token = token;
            this.#done = true;
            return true;
          }
          return this.#stop(err);
        }
        if (!this.#advance(advance)) return false;
        this.#token = token;
        if (token !== null) {
          if (!ended || advance > 0) this.#empties = 0;
          else if (++this.#empties > MAX_EMPTY) return this.#stop(new ScannerError('ERR_SCANNER_EMPTY_TOKENS'));
          return true;
        }
      }
      if (ended) {
        this.#start = 0;
        this.#end = 0;
        this.#done = true;
        return false;
      }
      if (!this.#makeRoom()) return false;
      await this.#fill();
    }
  }

  // Moves the held bytes to the front, or grows the buffer when it is full (Go's Scan, middle part).
  #makeRoom(): boolean {
    const len = this.#buf.length;
    if (this.#start > 0 && (this.#end === len || this.#start > len / 2)) {
      this.#buf.copyWithin(0, this.#start, this.#end);
      this.#end -= this.#start;
      this.#start = 0;
    }
    if (this.#end === this.#buf.length) {
      if (this.#buf.length >= this.#maxTokenSize) {
        this.#stop(new ScannerError('ERR_SCANNER_TOO_LONG'));
        return false;
      }
      const size = Math.min(this.#buf.length === 0 ? START_BUF_SIZE : this.#buf.length * 2, this.#maxTokenSize);
      const grown = new Uint8Array(size);
      grown.set(this.#buf.subarray(this.#start, this.#end));
      this.#buf = grown;
      this.#end -= this.#start;
      this.#start = 0;
    }
    return true;
  }

  // Reads once into the free end of the buffer; notes the end of input or an error.
  async #fill(): Promise<void> {
    for (let loop = 0; ; loop++) {
      let got: Uint8Array | null;
      try {
        got = await this.#reader.read(this.#buf.subarray(this.#end));
      } catch (err) {
        this.#err = err;
        return;
      }
      if (got === null) {
        this.#eof = true;
        this.#err = EOF;
        return;
      }
      // A reader that returned its own bytes rather than filling ours: copy them in.
      if (got.buffer !== this.#buf.buffer || got.byteOffset !== this.#buf.byteOffset + this.#end) this.#buf.set(got, this.#end);
      this.#end += got.length;
      if (got.length > 0) {
        this.#empties = 0;
        return;
      }
      if (loop >= MAX_EMPTY) {
        this.#err = new ScannerError('ERR_SCANNER_NO_PROGRESS');
        return;
      }
    }
  }

  #advance(n: number): boolean {
    if (n < 0) return this.#stop(new ScannerError('ERR_SCANNER_NEGATIVE_ADVANCE'));
    if (n > this.#end - this.#start) return this.#stop(new ScannerError('ERR_SCANNER_ADVANCE_TOO_FAR'));
    this.#start += n;
    return true;
  }

  #stop(err: unknown): false {
    if (this.#err === null || this.#eof) {
      this.#err = err;
      this.#eof = false;
    }
    this.#done = true;
    this.#token = null;
    return false;
  }
}

// A ByteReader over chunks: each read copies what fits of the current chunk into `buf`.
function iterableReader(source: AsyncIterable<Uint8Array>): ByteReader {
  const it = source[Symbol.asyncIterator]();
  let pending: Uint8Array | null = null;
  return {
    async read(buf) {
      while (pending === null || pending.length === 0) {
        const r = await it.next();
        if (r.done === true) return null;
        pending = r.value;
      }
      const n = Math.min(buf.length, pending.length);
      buf.set(pending.subarray(0, n));
      pending = pending.subarray(n);
      return buf.subarray(0, n);
    },
  };
}
