// The request parser's own cases beyond the corpus: limits, and the strict rules of RFC 9112 it
// enforces that llhttp's corpus does not cover, each with the code and status it fails with.
import { expect } from 'chai';
import { driveParser, bytewise } from './drive-parser.js';
import { checkRequest } from '../../src/http/rules.js';
import { RequestParser, ParseEvent } from '../../src/http/parser.js';
import { ianaMethods } from '../../src/http/options.js';

const limits = { maxUriBytes: 64, maxHeaderBytes: 256, maxChunkExtensionBytes: 16 };
const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

const rejected: [string, string, string, number][] = [
  ['more than 8 empty lines before a request line', `${'\r\n'.repeat(9)}GET / HTTP/1.1\r\n`, 'ERR_HTTP_BAD_REQUEST', 400],
  ['a target over maxUriBytes', `GET /${'a'.repeat(64)} HTTP/1.1\r\n`, 'ERR_HTTP_URI_TOO_LONG', 414],
  ['a header section over maxHeaderBytes', `GET / HTTP/1.1\r\nX: ${'v'.repeat(300)}`, 'ERR_HTTP_HEADERS_TOO_LARGE', 431],
  ['many small fields over maxHeaderBytes', `GET / HTTP/1.1\r\n${'X: y\r\n'.repeat(60)}\r\n`, 'ERR_HTTP_HEADERS_TOO_LARGE', 431],
  ['a trailer section over maxHeaderBytes', `POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: ${'v'.repeat(300)}\r\n\r\n`, 'ERR_HTTP_HEADERS_TOO_LARGE', 431],
  ['a Content-Length of 16 digits', 'POST / HTTP/1.1\r\nContent-Length: 1000000000000000\r\n\r\n', 'ERR_HTTP_INVALID_CONTENT_LENGTH', 400],
  ['a signed Content-Length', 'POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\n', 'ERR_HTTP_INVALID_CONTENT_LENGTH', 400],
  ['a Content-Length list', 'POST / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n', 'ERR_HTTP_INVALID_CONTENT_LENGTH', 400],
  ['a chunk size of 14 hex digits', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000\r\n', 'ERR_HTTP_INVALID_CHUNK_SIZE', 400],
  ['chunk extensions over their bound', `POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;${'e'.repeat(20)}\r\n`, 'ERR_HTTP_INVALID_CHUNK_EXTENSION', 400],
  ['Transfer-Encoding with Content-Length', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n', 'ERR_HTTP_CONTENT_LENGTH_WITH_TRANSFER_ENCODING', 400],
  ['chunked twice', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked, chunked\r\n\r\n', 'ERR_HTTP_INVALID_TRANSFER_ENCODING', 400],
  ['a coding with parameters', 'POST / HTTP/1.1\r\nTransfer-Encoding: gzip;q=1, chunked\r\n\r\n', 'ERR_HTTP_INVALID_TRANSFER_ENCODING', 400],
  ['HTTP/2.0', 'GET / HTTP/2.0\r\n', 'ERR_HTTP_VERSION_NOT_SUPPORTED', 505],
  ['a lowercase protocol', 'GET / http/1.1\r\n', 'ERR_HTTP_INVALID_VERSION', 400],
  ['two spaces after the method', 'GET  / HTTP/1.1\r\n', 'ERR_HTTP_INVALID_TARGET', 400],
  ['a NUL in a value', 'GET / HTTP/1.1\r\nX: a\0b\r\n', 'ERR_HTTP_INVALID_HEADER_VALUE', 400],
  ['obs-fold', 'GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n', 'ERR_HTTP_OBS_FOLD', 400],
  ['a bare CR before the request line', '\rGET / HTTP/1.1\r\n', 'ERR_HTTP_INVALID_LINE_ENDING', 400],
  ['data after a closing message', 'GET / HTTP/1.0\r\n\r\nX', 'ERR_HTTP_DATA_AFTER_CLOSE', 400],
];

describe('request parser: limits and strict rules', () => {
  for (const [what, raw, code, status] of rejected) {
    it(`rejects ${what} with ${code} (${status}), whole and bytewise`, () => {
      for (const pieces of [[bytes(raw)], bytewise(bytes(raw))]) {
        const o = driveParser(pieces, false, limits);
        expect(o.error?.code, what).to.equal(code);
        expect(o.error?.status).to.equal(status);
      }
    });
  }

  it('reports the offset of the offending byte', () => {
    const o = driveParser([bytes('GET / HTTP/1.1\r\nHost : a\r\n\r\n')], false, limits);
    expect(o.error?.offset).to.equal(20);
  });

  it('skips up to 8 empty lines before each request line', () => {
    const p = new RequestParser(limits);
    const b = bytes(`${'\r\n'.repeat(8)}GET /a HTTP/1.1\r\nHost: h\r\n\r\n${'\r\n'.repeat(8)}GET /b HTTP/1.1\r\nHost: h\r\n\r\n`);
    let at = p.exec(b, 0, b.length);
    expect([p.event, p.head.url]).to.deep.equal([ParseEvent.HEAD, '/a']);
    for (at = p.exec(b, at, b.length); p.event !== ParseEvent.HEAD; at = p.exec(b, at, b.length));
    expect(p.head.url).to.equal('/b');
  });

  it('accepts identical repeated Content-Length values', () => {
    const o = driveParser([bytes('POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nab')], false, limits);
    expect(o.error).to.equal(null);
    expect(o.messages[0]!.body).to.equal('ab');
  });

  it('ends an HTTP/1.0 message with Transfer-Encoding by closing (RFC 9112 §6.1)', () => {
    const o = driveParser([bytes('POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n0\r\n\r\n')], false, limits);
    expect(o.messages[0]!.shouldKeepAlive).to.equal(false);
  });

  it('gives no body to CONNECT and switches protocols after its head', () => {
    const o = driveParser([bytes('CONNECT h:1 HTTP/1.1\r\nHost: h:1\r\nContent-Length: 3\r\n\r\nabc')], false, limits);
    expect(o.upgraded).to.equal(true);
    expect(o.messages[0]!.body).to.equal('');
  });
});

describe('server rules', () => {
  const rules = { methods: new Set(ianaMethods), maxBodyBytes: 100 };
  const table: [string, string, number | null][] = [
    ['an origin-form GET with Host', 'GET /a HTTP/1.1\r\nHost: h\r\n\r\n', null],
    ['HTTP/1.0 without Host', 'GET /a HTTP/1.0\r\n\r\n', null],
    ['an absolute-form target', 'GET http://h/a HTTP/1.1\r\nHost: h\r\n\r\n', null],
    ['OPTIONS *', 'OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n', null],
    ['CONNECT with an authority', 'CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n', null],
    ['HTTP/1.2 (processed as HTTP/1.1)', 'GET / HTTP/1.2\r\nHost: h\r\n\r\n', null],
    ['HTTP/1.9 without Host (processed as HTTP/1.1)', 'GET / HTTP/1.9\r\n\r\n', 400],
    ['HTTP/0.9', 'GET /\r\n\r\n', 505],
    ['RTSP/1.0', 'OPTIONS * RTSP/1.0\r\n\r\n', 400],
    ['an unregistered method', 'BREW / HTTP/1.1\r\nHost: h\r\n\r\n', 501],
    ['GET *', 'GET * HTTP/1.1\r\nHost: h\r\n\r\n', 400],
    ['CONNECT with a path', 'CONNECT /x HTTP/1.1\r\nHost: h\r\n\r\n', 400],
    ['a target in no form', 'GET a HTTP/1.1\r\nHost: h\r\n\r\n', 400],
    ['no Host on 1.1', 'GET / HTTP/1.1\r\n\r\n', 400],
    ['two Host fields', 'GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n', 400],
    ['a Host with a slash', 'GET / HTTP/1.1\r\nHost: a/b\r\n\r\n', 400],
    ['an unknown coding before chunked', 'POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n', 501],
    ['an unknown expectation', 'GET / HTTP/1.1\r\nHost: h\r\nExpect: x\r\n\r\n', 417],
    ['an unknown expectation in HTTP/1.0 (ignored)', 'GET / HTTP/1.0\r\nExpect: x\r\n\r\n', null],
    ['100-continue', 'POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\n', null],
    ['a Content-Length over the body limit', 'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 101\r\n\r\n', 413],
  ];
  for (const [what, raw, status] of table) {
    it(`${what}: ${status ?? 'served'}`, () => {
      const p = new RequestParser({ maxUriBytes: 100, maxHeaderBytes: 1000, maxChunkExtensionBytes: 10 });
      const b = bytes(raw);
      p.exec(b, 0, b.length);
      expect(p.event).to.equal(ParseEvent.HEAD);
      expect(checkRequest(p.head, rules)?.status ?? null).to.equal(status);
    });
  }
});
