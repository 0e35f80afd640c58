// RequestIds: the ids an Engine gives requests that bring none, `<8 hex digits>-<count in base 36>`
// (the digits random per Engine, the count from 1). The count is kept as the character codes of
// its digits and advanced in place, so each id is made in one piece: an id joined from parts is
// a rope, which the response header's value check would flatten again on every request.
import { randomBytes } from 'node:crypto';

const ZERO = 0x30;
const NINE = 0x39;
const A = 0x61;
const Z = 0x7a;

/** The request ids of one Engine. */
export class RequestIds {
  // The prefix's codes, a '-', then the count's digits, most significant first.
  readonly #codes: number[];
  readonly #countAt: number;

  constructor(prefix = randomBytes(4).toString('hex')) {
    const start = `${prefix}-0`;
    this.#codes = Array.from({ length: start.length }, (_, i) => start.charCodeAt(i));
    this.#countAt = prefix.length + 1;
  }

  /** The next id: the count advanced by one. */
  next(): string {
    const codes = this.#codes;
    let i = codes.length - 1;
    for (;;) {
      const d = codes[i]!;
      if (d !== Z) {
        codes[i] = d === NINE ? A : d + 1;
        break;
      }
      codes[i] = ZERO;
      if (i === this.#countAt) {
        // Every digit was z: one digit more, as 'zz' + 1 is '100'.
        codes.splice(i, 0, ZERO + 1);
        break;
      }
      i--;
    }
    return String.fromCharCode(...codes);
  }
}
