import { decodeValue } from './decode.js';

/**
 * The params of a matched route, as httprouter's `Params`: the values in the order of the
 * pattern, beside the names, which the route shares with every match of it. Nothing is keyed by
 * name, so building one costs its values and this one small object, of one shape for every route.
 *
 * Values are kept as they came on the wire and percent-decoded when read (`decodeURIComponent`'s
 * rules: `+` stays `+`, `%2F` is a `/` inside one value), so a value never read is never decoded.
 *
 * ```ts
 * const m = router.find('GET', '/repos/octocat/hello%20world');   // '/repos/:owner/:repo'
 * m.params.get('repo');       // 'hello world'
 * m.params.names;             // ['owner', 'repo']
 * [...m.params];              // [['owner', 'octocat'], ['repo', 'hello world']]
 * m.params.toObject();        // { owner: 'octocat', repo: 'hello world' }
 * ```
 */
export class Params implements Iterable<[string, string]> {
  /** The params of a route without any. */
  static readonly EMPTY: Params = new Params([], []);

  readonly #names: readonly string[];
  readonly #raw: readonly string[];
  // Whether some value may hold a percent-escape; false lets every read skip the decoder.
  readonly #encoded: boolean;

  /**
   * `names[k]` is the name of `raw[k]`, a value as it came on the wire (percent-encoded).
   * `encoded` may be given as false when no value holds a `%`; by default it is looked up.
   */
  constructor(names: readonly string[], raw: readonly string[], encoded: boolean = raw.some((v) => v.includes('%'))) {
    this.#names = names;
    this.#raw = raw;
    this.#encoded = encoded;
  }

  /** The param names, in the order of the pattern. */
  get names(): readonly string[] {
    return this.#names;
  }

  /** How many params there are. */
  get size(): number {
    return this.#names.length;
  }

  /**
   * Hot path: the decoded value of the param `name` (httprouter's `ByName`), or undefined when
   * the route has no such param (an optional param that was absent).
   */
  get(name: string): string | undefined {
    const names = this.#names;
    for (let k = 0; k < names.length; k++) {
      if (names[k] === name) return this.#decoded(k);
    }
    return undefined;
  }

  /** Whether the route has a param `name` with a value. */
  has(name: string): boolean {
    return this.#names.includes(name);
  }

  /** The decoded value of the `k`-th param, or undefined past the last. */
  at(k: number): string | undefined {
    return k >= 0 && k < this.#raw.length ? this.#decoded(k) : undefined;
  }

  /** The decoded values, in the order of the pattern. */
  values(): string[] {
    const out: string[] = [];
    for (let k = 0; k < this.#raw.length; k++) out.push(this.#decoded(k));
    return out;
  }

  /** `[name, value]` pairs in the order of the pattern, values decoded. */
  *[Symbol.iterator](): IterableIterator<[string, string]> {
    for (let k = 0; k < this.#names.length; k++) yield [this.#names[k]!, this.#decoded(k)];
  }

  /** A plain object of the decoded values by name, for code that wants one. */
  toObject(): Record<string, string> {
    const out: Record<string, string> = {};
    for (let k = 0; k < this.#names.length; k++) {
      const name = this.#names[k]!;
      // An assignment to "__proto__" would set the prototype instead of adding the param.
      if (name === '__proto__') Object.defineProperty(out, name, { value: this.#decoded(k), enumerable: true, writable: true, configurable: true });
      else out[name] = this.#decoded(k);
    }
    return out;
  }

  // A value decoded; a malformed escape (which the router never lets through) stays as it came.
  #decoded(k: number): string {
    const v = this.#raw[k]!;
    return this.#encoded ? (decodeValue(v) ?? v) : v;
  }
}
