import { Header } from '@sloe/poller';
import type { ResponseWriter } from '../src/http/contract.js';
import { EventStream } from '../src/render/sse.js';

/** An EventStream over a writer whose writes wait until `release()` is called. */
export function EventStreamForTest(): { stream: EventStream; release: () => void; written: () => string[]; abort: () => void } {
  const chunks: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const w: ResponseWriter = {
    header: () => new Header(),
    writeHeader: () => undefined,
    write: async (chunk) => {
      await gate;
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    },
    end: () => Promise.resolve(),
    flush: () => undefined,
    headersSent: true,
    hijack: () => {
      throw new Error('no');
    },
  };
  const ac = new AbortController();
  return { stream: new EventStream(w, ac.signal, () => undefined), release, written: () => chunks, abort: () => ac.abort() };
}
