import type { ResponseWriter } from '../http/contract.js';

/** One server-sent event. */
export interface SSEEvent {
  /** The event name (`event:` field). */
  event?: string;
  /** The payload: a string is sent as is (one `data:` line per line), anything else as JSON. */
  data: unknown;
  /** The event id (`id:` field). */
  id?: string;
  /** The reconnection delay in ms (`retry:` field). */
  retry?: number;
}

/** Formats an event in the text/event-stream syntax. */
export function formatEvent(ev: SSEEvent): string {
  let out = '';
  if (ev.event !== undefined) out += `event: ${ev.event.replace(/[\r\n]/g, '')}\n`;
  if (ev.id !== undefined) out += `id: ${ev.id.replace(/[\r\n]/g, '')}\n`;
  if (ev.retry !== undefined) out += `retry: ${Math.floor(ev.retry)}\n`;
  const text = typeof ev.data === 'string' ? ev.data : JSON.stringify(ev.data);
  for (const line of text.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/**
 * A server-sent event stream opened by `c.sse()`. `send` resolves once the transport accepted
 * the bytes, so a producer that awaits it is held back by a slow client (backpressure).
 */
export class EventStream {
  #w: ResponseWriter;
  #signal: AbortSignal;
  #closed = false;
  #onClose: () => void;

  /** Wraps a writer whose headers are already sent. */
  constructor(w: ResponseWriter, signal: AbortSignal, onClose: () => void) {
    this.#w = w;
    this.#signal = signal;
    this.#onClose = onClose;
  }

  /** Whether the stream was closed, by `close()` or by the client going away. */
  get closed(): boolean {
    return this.#closed || this.#signal.aborted;
  }

  /** The request's signal: aborts when the client disconnects. */
  get signal(): AbortSignal {
    return this.#signal;
  }

  /** Sends one event; resolves when the transport accepted it (later under backpressure). */
  async send(ev: SSEEvent): Promise<void> {
    if (this.closed) return;
    await this.#w.write(formatEvent(ev));
    this.#w.flush();
  }

  /** Sends a comment line, to keep idle connections open. */
  async comment(text: string): Promise<void> {
    if (this.closed) return;
    await this.#w.write(`: ${text.replace(/[\r\n]/g, ' ')}\n\n`);
    this.#w.flush();
  }

  /** Ends the stream. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#w.end();
    this.#onClose();
  }
}
