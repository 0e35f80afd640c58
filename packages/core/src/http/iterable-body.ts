import type { RequestBody } from './contract.js';

const decoder = new TextDecoder();

/**
 * A request body over some async iterable of chunks: subclasses say where the chunks come
 * from, and `bytes`, `text` and `json` collect them the same way for every source.
 */
export abstract class IterableBody implements RequestBody {
  abstract [Symbol.asyncIterator](): AsyncIterator<Uint8Array>;

  async bytes(): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    for await (const c of this) chunks.push(c);
    return Buffer.concat(chunks);
  }

  async text(): Promise<string> {
    return decoder.decode(await this.bytes());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }
}
