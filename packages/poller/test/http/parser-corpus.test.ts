// The request parser against llhttp's corpus: every case whole, cut at every byte, and fed one
// byte at a time, must give llhttp's messages (or its rejection); then the server rules turn the
// listed valid parses into the listed refusals.
import { expect } from 'chai';
import { loadCorpus, rawBytes } from './corpus.js';
import type { CorpusCase, CorpusMessage } from './corpus.js';
import { driveParser, bytewise, splitAt } from './drive-parser.js';
import type { ParserOutcome } from './drive-parser.js';
import { RequestParser, ParseEvent } from '../../src/http/parser.js';
import { checkRequest } from '../../src/http/rules.js';
import { ianaMethods } from '../../src/http/options.js';
import type { RequestHead } from '../../src/http/request-head.js';

const FILE = 'http1-requests.json';
const corpus = loadCorpus(FILE);

/**
 * Cases llhttp rejects that the parser accepts, because the rejection is a server rule here
 * (llhttp's fixed method list and its RTSP/ICE method pairs), with the status the rules give.
 */
const parserAcceptsServerRefuses: Record<string, number> = {
  'llhttp-invalid-05-ice-protocol-and-get-method': 400, // ICE/1.0 is not HTTP
  'llhttp-invalid-07-rtsp-protocol-and-put-method': 400, // RTSP/1.0 is not HTTP
  'llhttp-invalid-08-http-protocol-and-announce-method': 501, // ANNOUNCE is not in the IANA registry
  'llhttp-invalid-18-invalid-method': 501, // MKCOLA is a token, not a registered method
};

/**
 * Valid parses the server refuses, with the status of the first rule broken (for every
 * message of the case). Most HTTP/1.1 cases of the corpus carry no Host, which RFC 9112 §3.2
 * requires: 400.
 */
const serverRefusesValid: Record<string, number[]> = {
  'llhttp-connection-01-setting-flag': [400],
  'llhttp-connection-02-restarting-when-keep-alive-is-explicitly': [400, 400],
  'llhttp-connection-07-setting-flag-on-close': [400],
  'llhttp-connection-08-setting-flag-on-close-followed-by-tab': [400],
  'llhttp-connection-12-sample': [400],
  'llhttp-connection-14-multiple-tokens-with-folding-and-lws': [400],
  'llhttp-connection-18-setting-a-flag-and-pausing': [400],
  'llhttp-connection-19-emitting-part-of-body-and-pausing': [400],
  'llhttp-content-length-01-tabs-in-content-length-surrounding': [400],
  'llhttp-content-length-05-content-length-with-zeroes': [400],
  'llhttp-content-length-06-content-length-with-follow-up-headers': [400],
  'llhttp-content-length-14-spaces-in-content-length-surrounding': [400],
  'llhttp-finish-01-it-should-be-safe-to-finish-after-get-request': [400],
  'llhttp-method-01-report-request': [400],
  'llhttp-method-05-m-search-request': [501], // M-SEARCH (SSDP) is not registered
  'llhttp-method-07-purge-request': [501], // PURGE is not registered
  'llhttp-method-11-source-request': [501], // SOURCE is not registered
  'llhttp-method-12-source-request-with-ice': [400], // ICE/1.0
  'llhttp-method-13-options-request-with-rtsp': [400], // RTSP/1.0
  'llhttp-method-14-announce-request-with-rtsp': [400], // RTSP/1.0
  'llhttp-method-16-query-request': [501], // QUERY is a draft, not registered
  'llhttp-pausing-01-on-message-begin': [400],
  'llhttp-pausing-02-on-message-complete': [400],
  'llhttp-pausing-03-on-protocol-complete': [400],
  'llhttp-pausing-04-on-method-complete': [400],
  'llhttp-pausing-05-on-url-complete': [400],
  'llhttp-pausing-06-on-version-complete': [400],
  'llhttp-pausing-07-on-header-field-complete': [400],
  'llhttp-pausing-08-on-header-value-complete': [400],
  'llhttp-pausing-09-on-headers-complete': [400],
  'llhttp-pausing-10-on-chunk-header': [400],
  'llhttp-pausing-11-on-chunk-extension-name': [400],
  'llhttp-pausing-12-on-chunk-extension-value': [400],
  'llhttp-pausing-13-on-chunk-complete': [400],
  'llhttp-pipelining-01-should-parse-multiple-events': [400, 400, 400],
  'llhttp-sample-01-simple-request': [400],
  'llhttp-sample-02-request-with-method-starting-with-h': [400],
  'llhttp-sample-05-dumbpack': [400],
  'llhttp-sample-06-no-headers-and-no-body': [400],
  'llhttp-sample-07-one-header-and-no-body': [400],
  'llhttp-sample-09-prefix-newline': [400],
  'llhttp-sample-10-no-http-version': [505], // HTTP/0.9
  'llhttp-sample-15-request-starting-with-crlf': [400],
  'llhttp-sample-16-extended-characters': [400],
  'llhttp-sample-17-255-ascii-in-header-value': [400],
  'llhttp-transfer-encoding-01-parsing-and-setting-flag': [400],
  'llhttp-transfer-encoding-02-parse-chunks-with-lowercase-size': [400],
  'llhttp-transfer-encoding-03-parse-chunks-with-uppercase-size': [400],
  'llhttp-transfer-encoding-04-post-with-transfer-encoding-chunked': [400],
  'llhttp-transfer-encoding-05-two-chunks-and-triple-zero-prefixed-end-chunk': [400],
  'llhttp-transfer-encoding-06-trailing-headers': [400],
  'llhttp-transfer-encoding-07-chunk-extensions': [400],
  'llhttp-transfer-encoding-10-chunk-extensions-quoting': [400],
  // deflate is an unknown coding (501), but the missing Host is checked first.
  'llhttp-transfer-encoding-24-post-with-chunked-as-last-transfer-encoding': [400],
  'llhttp-transfer-encoding-25-post-with-chunked-as-last-transfer-encoding-multiple-headers': [400],
  'llhttp-uri-01-quotes-in-uri': [400],
  'llhttp-uri-02-query-url-with-question-mark': [400],
  'llhttp-uri-03-host-terminated-by-a-query-string': [400],
  'llhttp-uri-04-host-port-terminated-by-a-query-string': [400],
  'llhttp-uri-05-query-url-with-vertical-bar-character': [400],
  'llhttp-uri-06-host-port-terminated-by-a-space': [400],
  'llhttp-uri-08-fragment-in-uri': [400],
  'llhttp-uri-10-host-port-and-basic-auth': [400],
};

const rules = { methods: new Set(ianaMethods), maxBodyBytes: 1 << 20 };

function expectMessage(ours: CorpusMessage | undefined, theirs: CorpusMessage, where: string): void {
  expect(ours, `${where}: message missing`).to.not.equal(undefined);
  const o = ours!;
  if (theirs.stage === 'header section not finished') {
    expect(o.stage, where).to.equal(theirs.stage);
    return;
  }
  const pick = (m: CorpusMessage) => ({
    method: m.method,
    url: m.url,
    httpVersion: m.httpVersion,
    headers: m.headers,
    body: m.body,
    shouldKeepAlive: m.shouldKeepAlive,
    upgrade: m.upgrade,
    incomplete: m.incomplete === true,
  });
  expect(pick(o), where).to.deep.equal(pick(theirs));
  if (theirs.chunked !== undefined) expect(o.chunked, `${where} chunked`).to.equal(theirs.chunked);
  if (theirs.trailers !== undefined) expect(o.trailers, `${where} trailers`).to.deep.equal(theirs.trailers);
  if (theirs.chunkExtensions !== undefined) {
    expect(o.chunkExtensions, `${where} chunk extensions`).to.deep.equal(theirs.chunkExtensions);
  }
  if (theirs.contentLength !== undefined) expect(o.contentLength, `${where} length`).to.equal(theirs.contentLength);
  if (theirs.protocol !== undefined) expect(o.protocol, `${where} protocol`).to.equal(theirs.protocol);
}

/** Asserts that `o` is llhttp's verdict on `c`. */
function expectLlhttpResult(c: CorpusCase, o: ParserOutcome, how: string): void {
  const where = `${c.id} (${how})`;
  if (c.valid || c.id in parserAcceptsServerRefuses) {
    expect(o.error, `${where}: ${o.error?.message ?? ''}`).to.equal(null);
    if (!c.valid) return;
    const wanted = [c.expect as CorpusMessage, ...(c.expect.pipelined ?? [])];
    expect(o.messages.length, `${where}: message count`).to.equal(wanted.length);
    wanted.forEach((m, k) => expectMessage(o.messages[k], m, `${where} message ${k}`));
    return;
  }
  expect(o.error, `${where}: accepted, llhttp says ${c.expect.error ?? ''}`).to.not.equal(null);
  const completed = o.messages.filter((m) => m.incomplete !== true);
  const wanted = c.expect.completedMessages ?? [];
  expect(completed.length, `${where}: completed before the error`).to.equal(wanted.length);
  wanted.forEach((m, k) => expectMessage(completed[k], m, `${where} completed ${k}`));
}

function eofAfter(c: CorpusCase): boolean {
  return c.note.includes('half-close');
}

// The heads a whole case produces, for the server rules.
function heads(bytes: Uint8Array): RequestHead[] {
  const p = new RequestParser({ maxUriBytes: 8192, maxHeaderBytes: 16384, maxChunkExtensionBytes: 1024 });
  const out: RequestHead[] = [];
  let off = 0;
  while (off < bytes.length || p.event !== ParseEvent.NEED_MORE) {
    off = p.exec(bytes, off, bytes.length);
    if (p.event === ParseEvent.HEAD) out.push(p.head);
    if (p.event === ParseEvent.NEED_MORE || p.event === ParseEvent.UPGRADED) break;
  }
  return out;
}

describe('request parser: the llhttp corpus', () => {

  it('holds the 136 strict cases', () => {
    expect(corpus.length).to.equal(136);
  });

  describe('whole', () => {
    for (const c of corpus) {
      it(c.id, () => expectLlhttpResult(c, driveParser([rawBytes(c)], eofAfter(c)), 'whole'));
    }
  });

  describe('cut in two at every byte', () => {
    for (const c of corpus) {
      it(c.id, () => {
        const bytes = rawBytes(c);
        for (let at = 0; at <= bytes.length; at++) {
          expectLlhttpResult(c, driveParser(splitAt(bytes, at), eofAfter(c)), `cut at ${at}`);
        }
      });
    }
  });

  describe('one byte at a time', () => {
    for (const c of corpus) {
      it(c.id, () => expectLlhttpResult(c, driveParser(bytewise(rawBytes(c)), eofAfter(c)), 'bytewise'));
    }
  });

  describe('server rules on what the parser accepts', () => {
    for (const [id, status] of Object.entries(parserAcceptsServerRefuses)) {
      it(`${id}: llhttp rejects, the server answers ${status}`, () => {
        const c = corpus.find((k) => k.id === id)!;
        const hs = heads(rawBytes(c));
        expect(hs.length).to.be.greaterThan(0);
        expect(checkRequest(hs[0]!, rules)?.status).to.equal(status);
      });
    }
    for (const c of corpus.filter((k) => k.valid)) {
      const wanted = serverRefusesValid[c.id];
      const name = wanted === undefined ? 'served' : `refused ${wanted.join(', ')}`;
      it(`${c.id}: ${name}`, () => {
        const statuses = heads(rawBytes(c)).map((h) => checkRequest(h, rules)?.status ?? 'served');
        expect(statuses).to.deep.equal(wanted ?? statuses.map(() => 'served'));
      });
    }
  });
});
