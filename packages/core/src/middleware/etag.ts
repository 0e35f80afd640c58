import { Context, type HandlerFunc } from '../context.js';
import type { Request, ResponseWriter } from '../http/contract.js';
import { InterceptingWriter } from '../http/intercepting-writer.js';
import { noneMatchHits } from '../request/preconditions.js';
import { entityTag } from './etag-digest.js';
import { checkOptions, optionCheck } from './options-check.js';

/** Options of {@link etag}. */
export interface EtagOptions {
  /** Whether the generated tags are weak (`W/"..."`), which is what a hash of the body promises. Default true. */
  weak?: boolean;
}

// Representation metadata a 304 leaves out (RFC 9110 §15.4.5): the client keeps its own copy's.
const REPRESENTATION_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-range'];

/**
 * The writer behind `etag()`: a body given whole gets an ETag (a digest of its bytes, unless
 * the handler set one), and becomes a 304 when the request's `If-None-Match` matches it.
 * Streamed bodies pass through untouched.
 */
class EtagWriter extends InterceptingWriter {
  readonly #request: Request;
  readonly #weak: boolean;
  #streaming = false;

  /** `request`'s `If-None-Match` is read once there is a tag to match. */
  constructor(inner: ResponseWriter, request: Request, weak: boolean) {
    super(inner, request.method);
    this.#request = request;
    this.#weak = weak;
  }

  write(chunk: Uint8Array | string): Promise<void> {
    this.#streaming = true;
    this.commit();
    return this.inner.write(chunk);
  }

  flush(): void {
    this.#streaming = true;
    this.commit();
    this.inner.flush();
  }

  end(chunk?: Uint8Array | string): Promise<void> {
    if (this.#streaming || this.committed) return chunk === undefined ? this.inner.end() : this.inner.end(chunk);
    const status = this.status;
    if (status < 200 || status >= 300 || status === 206) return this.endWhole(chunk);
    const h = this.header();
    let tag = h.get('etag') ?? undefined;
    if (tag === undefined && chunk !== undefined && chunk.length > 0) {
      tag = entityTag(chunk, this.#weak);
      h.append('ETag', tag); // none was set: nothing to replace
    }
    if (tag === undefined) return this.endWhole(chunk);
    const ifNoneMatch = this.#request.headers.get('if-none-match');
    if (ifNoneMatch === null || !noneMatchHits(ifNoneMatch, tag)) return this.endWhole(chunk);
    for (const name of REPRESENTATION_HEADERS) h.delete(name);
    this.status = 304;
    return this.endWhole(undefined);
  }
}

/**
 * ETags over dynamic bodies: a GET or HEAD answered 2xx with a body given whole (`c.json`,
 * `c.string`, `c.html`, `c.data`) gets `ETag: W/"<digest of the body>"`, unless the handler set
 * its own, which is kept; when the request's `If-None-Match` matches it (the weak comparison),
 * the answer becomes 304 Not Modified without a body. Streamed bodies are left alone (they
 * would have to be buffered to be hashed). Unsafe methods evaluate their preconditions
 * themselves, before they change anything: `c.checkPreconditions(etag)`.
 */
export function etag(options: EtagOptions = {}): HandlerFunc {
  checkOptions('etag', options, ['weak']);
  optionCheck('etag', options.weak === undefined || typeof options.weak === 'boolean', 'option "weak" must be a boolean');
  const weak = options.weak ?? true;
  const wrap = (inner: ResponseWriter, c: Context): EtagWriter => new EtagWriter(inner, c.req, weak);
  return function etag(c: Context): void {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') return;
    Context.interceptWriter(c, wrap);
  };
}
