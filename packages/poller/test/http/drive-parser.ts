// Drives the request parser over a byte stream cut into pieces and records what it saw, in the
// shape of the llhttp corpus, so a case's expectation can be compared directly.
import { RequestParser, ParseEvent } from '../../src/http/parser.js';
import type { ParserLimits } from '../../src/http/parser.js';
import type { HttpParseError } from '../../src/http/errors.js';
import { HttpError } from '../../src/http/errors.js';
import type { CorpusMessage } from './corpus.js';

/** Everything the parser produced from one stream. */
export interface ParserOutcome {
  /** Messages in order; the last may be incomplete. */
  messages: CorpusMessage[];
  /** The error the parser threw, if any. */
  error: HttpParseError | null;
  /** True when the stream switched protocols (CONNECT or Upgrade). */
  upgraded: boolean;
}

/** Parser limits generous enough for every corpus case. */
export const corpusLimits: ParserLimits = { maxUriBytes: 8192, maxHeaderBytes: 16384, maxChunkExtensionBytes: 1024, recordChunkExtensions: true };

/** Feeds `pieces` to a fresh parser; with `eof`, ends the stream after the last piece. */
export function driveParser(pieces: Uint8Array[], eof = false, limits: ParserLimits = corpusLimits): ParserOutcome {
  const p = new RequestParser(limits);
  const out: ParserOutcome = { messages: [], error: null, upgraded: false };
  let current: CorpusMessage | null = null;
  try {
    for (const piece of pieces) {
      let off = 0;
      // Each exec() consumes bytes or reports an event that moves the message on; more rounds
      // than this for one piece would mean the parser spins.
      let rounds = piece.length * 3 + 8;
      while (!out.upgraded) {
        if (--rounds < 0) throw new Error('the parser made no progress');
        off = p.exec(piece, off, piece.length);
        if (p.event === ParseEvent.NEED_MORE) break;
        switch (p.event) {
          case ParseEvent.HEAD: {
            const h = p.head;
            current = {
              method: h.method,
              url: h.url,
              httpVersion: `${h.major}.${h.minor}`,
              headers: h.names.map((n, i) => [n, h.values[i]!]),
              body: '',
              shouldKeepAlive: h.keepAlive,
              upgrade: h.upgrade,
              chunked: h.chunked,
              protocol: h.protocol,
              contentLength: h.contentLength,
              incomplete: true,
            };
            out.messages.push(current);
            break;
          }
          case ParseEvent.BODY:
            current!.body += Buffer.from(piece.subarray(p.bodyStart, p.bodyEnd)).toString('latin1');
            break;
          case ParseEvent.MESSAGE_END: {
            const h = p.head;
            current!.incomplete = false;
            if (h.trailerNames !== null) current!.trailers = h.trailerNames.map((n, i) => [n, h.trailerValues![i]!]);
            if (p.chunkExtensions.length > 0) current!.chunkExtensions = [...p.chunkExtensions];
            current = null;
            break;
          }
          case ParseEvent.UPGRADED:
            out.upgraded = true;
            break;
        }
      }
      if (out.upgraded) break;
    }
    if (current === null && p.inHead) {
      out.messages.push({ method: '', url: '', httpVersion: '', headers: [], body: '', shouldKeepAlive: null, upgrade: false, incomplete: true, stage: 'header section not finished' });
    }
    if (current !== null && p.chunkExtensions.length > 0) current.chunkExtensions = [...p.chunkExtensions];
    if (eof && !out.upgraded) p.finish();
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    out.error = e as HttpParseError;
  }
  return out;
}

/** `bytes` cut at `at` into two pieces. */
export function splitAt(bytes: Uint8Array, at: number): Uint8Array[] {
  return [bytes.subarray(0, at), bytes.subarray(at)];
}

/** `bytes` one byte per piece. */
export function bytewise(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i++) out.push(bytes.subarray(i, i + 1));
  return out;
}
