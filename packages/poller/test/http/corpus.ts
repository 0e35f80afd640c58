// The llhttp request corpora of ../shared/data (see HTTP1.md there), loaded at run time.
import { existsSync, readFileSync } from 'node:fs';
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

const dataDir = new URL('../../../../../shared/data/', import.meta.url);

/** The cases of one corpus file, or null when the shared data is not present. */
export function loadCorpus(file: string): CorpusCase[] | null {
  const path = fileURLToPath(new URL(file, dataDir));
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8')) as CorpusCase[];
}

/**
 * Marks the calling suite pending when the corpus is absent, except under CI=true where a
 * missing corpus is a failure.
 */
export function requireCorpus(ctx: Mocha.Context, cases: CorpusCase[] | null, file: string): CorpusCase[] {
  if (cases !== null) return cases;
  if (process.env.CI === 'true') throw new Error(`${file} not found under ../shared/data`);
  ctx.skip();
  return [];
}

/** The bytes on the wire of a case. */
export function rawBytes(c: CorpusCase): Uint8Array {
  return new Uint8Array(Buffer.from(c.raw, 'latin1'));
}
