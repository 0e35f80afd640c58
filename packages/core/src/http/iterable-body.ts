import type { BodyReadOptions } from '@sloe/poller';
import { tooLarge } from '../request/read-body.js';
import type { RequestBody } from './contract.js';

const decoder = new TextDecoder();

/**
 * A request body over some async iterable of chunks: subclasses say where the chunks come
 * from, and `bytes`, `text` and `json` collect them the same way for every source.
 */
export abstract class IterableBody implements RequestBody {
  abstract [Symbol.asyncIterator](): AsyncIterator<Uint8Array>;

  async bytes(options?: BodyReadOptions): Promise<Uint8Array> {
    const limit = options?.limit ?? Infinity;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const c of this) {
      size += c.length;
      if (size > limit) throw tooLarge(limit);
      chunks.push(c);
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
  }

  async text(options?: BodyReadOptions): Promise<string> {
    return decoder.decode(await this.bytes(options));
  }

  async json(options?: BodyReadOptions): Promise<unknown> {
    return JSON.parse(await this.text(options)) as unknown;
  }
}
