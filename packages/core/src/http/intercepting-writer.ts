import type { Conn } from '@sloe/poller';
import type { Header, ResponseWriter } from './contract.js';

/** The byte length of a body chunk. */
export function byteLength(chunk: Uint8Array | string): number {
  return typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
}

/**
 * A ResponseWriter in front of another, for middleware that must see the response before it
 * reaches the transport (`etag()`, `compress()`), as gin's middleware wrap `c.Writer`. It holds
 * the status until it commits the header below, so it can still change it (a 304), and is
 * given whole bodies even for HEAD, so it can describe them; at the bottom of the stack it
 * hands the transport a HEAD body's length, never its bytes.
 */
export abstract class InterceptingWriter implements ResponseWriter {
  /** The writer below this one: the transport's, or another interceptor. */
  protected readonly inner: ResponseWriter;
  /** Whether the request is a HEAD. */
  protected readonly head: boolean;
  /** The status to commit. */
  protected status = 200;
  #statusSet = false;
  #committed = false;

  /** Wraps `inner` for a request of `method`. */
  constructor(inner: ResponseWriter, method: string) {
    this.inner = inner;
    this.head = method === 'HEAD';
  }

  /** {@inheritDoc ResponseWriter.header} */
  header(): Header {
    return this.inner.header();
  }

  /** {@inheritDoc ResponseWriter.writeHeader} */
  writeHeader(status: number): void {
    if (this.#statusSet || this.#committed) return;
    this.status = status;
    this.#statusSet = true;
  }

  /** {@inheritDoc ResponseWriter.headersSent} */
  get headersSent(): boolean {
    return this.inner.headersSent;
  }

  /** {@inheritDoc ResponseWriter.hijack} */
  hijack(): Conn {
    return this.inner.hijack();
  }

  /** Whether the status was passed down (by `commit`). */
  protected get committed(): boolean {
    return this.#committed;
  }

  /** Passes the status down; later `writeHeader` calls are ignored. */
  protected commit(): void {
    if (this.#committed) return;
    this.#committed = true;
    this.inner.writeHeader(this.status);
  }

  /** Commits and ends the writer below with a whole body (for HEAD, its length alone at the bottom). */
  protected endWhole(body: Uint8Array | string | undefined): Promise<void> {
    this.commit();
    if (body === undefined) return this.inner.end();
    if (this.head && !(this.inner instanceof InterceptingWriter)) {
      this.inner.header().set('Content-Length', String(byteLength(body)));
      return this.inner.end();
    }
    return this.inner.end(body);
  }

  abstract write(chunk: Uint8Array | string): Promise<void>;
  abstract end(chunk?: Uint8Array | string): Promise<void>;
  abstract flush(): void;
}
