// The llhttp request corpora of test/data (see HTTP1.md there), loaded at run time.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One message as llhttp reported it. */
export interface CorpusMessage {
  method: string;
  url: string;
  httpVersion: string;
  headers: [string, string][];
  body: string;
  shouldKeepAlive: boolean | null;
  upgrade: boolean;
  chunked?: boolean;
  trailers?: [string, string][];
  chunkExtensions?: [string, string | null][];
  incomplete?: boolean;
  stage?: string;
  contentLength?: number;
  protocol?: string;
}

/** What llhttp gave for a case: messages when valid, an error otherwise. */
export interface CorpusExpect extends Partial<CorpusMessage> {
  pipelined?: CorpusMessage[];
  error?: string;
  reason?: string;
  errorOffset?: number;
  completedMessages?: CorpusMessage[];
}

/** One raw request (latin1, one character per byte) and llhttp's verdict on it. */
export interface CorpusCase {
  id: string;
  source: string;
  raw: string;
  valid: boolean;
  expect: CorpusExpect;
  note: string;
  /** Lenient corpus only: what strict llhttp does with the case. */
  strictModeOutcome?: string | null;
}

const dataDir = new URL('../../../../test/data/', import.meta.url);

/** The cases of one corpus file of the repository's test/data. */
export function loadCorpus(file: string): CorpusCase[] {
  return JSON.parse(readFileSync(fileURLToPath(new URL(file, dataDir)), 'utf8')) as CorpusCase[];
}

/** The bytes on the wire of a case. */
export function rawBytes(c: CorpusCase): Uint8Array {
  return new Uint8Array(Buffer.from(c.raw, 'latin1'));
}
