// The HTTP/1.1 parser in response mode: status lines, framing by status, method and fields, and
// the same result for every split of the input.
import { expect } from 'chai';
import { ParseEvent, RequestParser } from '../../src/http/parser.js';
import { HttpParseError } from '../../src/http/errors.js';

const limits = { maxUriBytes: 0, maxHeaderBytes: 4096, maxChunkExtensionBytes: 64 };

interface Parsed {
  heads: { status: number; reason: string; proto: string; keepAlive: boolean; contentLength: number; chunked: boolean }[];
  body: string;
  ends: number;
  trailers: string[];
  /** What finish() did at the end of input: 'clean', 'end' (a close-delimited body ended) or an error code. */
  eof: string;
}

// Feeds `wire` in pieces of `step` bytes (0: all at once), then ends the stream.
function parse(wire: string, method = 'GET', step = 0): Parsed {
  const p = new RequestParser(limits, 'response');
  p.expectResponseTo(method);
  const bytes = Buffer.from(wire, 'latin1');
  const out: Parsed = { heads: [], body: '', ends: 0, trailers: [], eof: 'clean' };
  const record = (): void => {
    switch (p.event) {
      case ParseEvent.HEAD: {
        const h = p.responseHead;
        out.heads.push({ status: h.statusCode, reason: h.reason, proto: h.proto, keepAlive: h.keepAlive, contentLength: h.contentLength, chunked: h.chunked });
        break;
      }
      case ParseEvent.BODY:
        out.body += lastBuf.subarray(p.bodyStart, p.bodyEnd).toString('latin1');
        break;
      case ParseEvent.MESSAGE_END:
        out.ends++;
        if (p.head.trailerNames !== null) out.trailers.push(...p.head.trailerNames);
        break;
    }
  };
  let lastBuf = bytes;
  const size = step === 0 ? bytes.length : step;
  for (let off = 0; off < bytes.length; off += size) {
    const buf = bytes.subarray(off, Math.min(bytes.length, off + size));
    lastBuf = buf;
    let i = 0;
    do {
      i = p.exec(buf, i, buf.length);
      record();
    } while (p.event !== ParseEvent.NEED_MORE && p.event !== ParseEvent.UPGRADED);
  }
  try {
    p.finish();
    if (p.event === ParseEvent.MESSAGE_END) {
      out.ends++;
      out.eof = 'end';
    }
  } catch (err) {
    out.eof = (err as HttpParseError).code;
  }
  return out;
}

function errorOf(wire: string, method = 'GET'): string {
  try {
    parse(wire, method);
  } catch (err) {
    return (err as HttpParseError).code;
  }
  return 'none';
}

describe('response parser', () => {
  const framing: { name: string; wire: string; method?: string; body: string; ends: number; keepAlive: boolean; eof?: string; statuses?: number[] }[] = [
    { name: 'Content-Length', wire: 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello', body: 'hello', ends: 1, keepAlive: true },
    { name: 'chunked with trailers', wire: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\nT: 1\r\n\r\n', body: 'abcde', ends: 1, keepAlive: true },
    { name: 'close-delimited: no length, read until the end of stream', wire: 'HTTP/1.1 200 OK\r\n\r\nall of it', body: 'all of it', ends: 1, keepAlive: false, eof: 'end' },
    { name: 'HEAD: no body whatever Content-Length says', wire: 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n', method: 'HEAD', body: '', ends: 1, keepAlive: true },
    { name: '204 has no body', wire: 'HTTP/1.1 204 No Content\r\n\r\n', body: '', ends: 1, keepAlive: true },
    { name: '304 has no body despite Content-Length', wire: 'HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n', body: '', ends: 1, keepAlive: true },
    { name: '1xx interim responses come before the final one', wire: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', body: 'ok', ends: 1, keepAlive: true, statuses: [100, 103, 200] },
    { name: 'Connection: close', wire: 'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', body: '', ends: 1, keepAlive: false },
    { name: 'HTTP/1.0 closes unless keep-alive', wire: 'HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx', body: 'x', ends: 1, keepAlive: false },
    { name: 'HTTP/1.0 with keep-alive', wire: 'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx', body: 'x', ends: 1, keepAlive: true },
    { name: 'two responses back to back', wire: 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb', body: 'ab', ends: 2, keepAlive: true },
    { name: 'a status line without reason phrase', wire: 'HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n', body: '', ends: 1, keepAlive: true },
  ];
  for (const c of framing) {
    it(`frames ${c.name}, for every split of the input`, () => {
      const whole = parse(c.wire, c.method);
      expect(whole.body).to.equal(c.body);
      expect(whole.ends).to.equal(c.ends);
      expect(whole.heads.at(-1)!.keepAlive).to.equal(c.keepAlive);
      expect(whole.eof).to.equal(c.eof ?? 'clean');
      if (c.statuses !== undefined) expect(whole.heads.map((h) => h.status)).to.deep.equal(c.statuses);
      for (const step of [1, 2, 3, 7]) expect(parse(c.wire, c.method, step), `step ${step}`).to.deep.equal(whole);
    });
  }

  it('reads status code, reason and version', () => {
    const h = parse('HTTP/1.1 404 Not Found Here\r\nContent-Length: 0\r\n\r\n').heads[0]!;
    expect([h.status, h.reason, h.proto]).to.deep.equal([404, 'Not Found Here', 'HTTP/1.1']);
  });

  it('reports a body cut short by the end of stream', () => {
    expect(parse('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf').eof).to.equal('ERR_HTTP_UNEXPECTED_EOF');
    expect(parse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab').eof).to.equal('ERR_HTTP_UNEXPECTED_EOF');
    expect(parse('HTTP/1.1 200 OK\r\nContent-Le').eof).to.equal('ERR_HTTP_UNEXPECTED_EOF');
  });

  const malformed: [string, string, string][] = [
    ['a four-digit status', 'HTTP/1.1 2000 OK\r\n\r\n', 'ERR_HTTP_INVALID_STATUS_LINE'],
    ['a two-digit status', 'HTTP/1.1 20 OK\r\n\r\n', 'ERR_HTTP_INVALID_STATUS_LINE'],
    ['letters for a status', 'HTTP/1.1 abc OK\r\n\r\n', 'ERR_HTTP_INVALID_STATUS_LINE'],
    ['a status below 100', 'HTTP/1.1 099 Nope\r\n\r\n', 'ERR_HTTP_INVALID_STATUS_LINE'],
    ['a status above 599', 'HTTP/1.1 600 Nope\r\n\r\n', 'ERR_HTTP_INVALID_STATUS_LINE'],
    ['two spaces before the status', 'HTTP/1.1  200 OK\r\n\r\n', 'ERR_HTTP_INVALID_STATUS_LINE'],
    ['a control byte in the reason', 'HTTP/1.1 200 O\x01K\r\n\r\n', 'ERR_HTTP_INVALID_STATUS_LINE'],
    ['not HTTP at all', 'SSH-2.0-OpenSSH\r\n', 'ERR_HTTP_INVALID_VERSION'],
    ['RTSP', 'RTSP/1.0 200 OK\r\n\r\n', 'ERR_HTTP_INVALID_VERSION'],
    ['HTTP/2.0', 'HTTP/2.0 200 OK\r\n\r\n', 'ERR_HTTP_VERSION_NOT_SUPPORTED'],
    ['a lowercase protocol', 'http/1.1 200 OK\r\n\r\n', 'ERR_HTTP_INVALID_VERSION'],
    ['an empty line first', '\r\nHTTP/1.1 200 OK\r\n\r\n', 'ERR_HTTP_INVALID_VERSION'],
    ['a bare LF ending the status line', 'HTTP/1.1 200 OK\nContent-Length: 0\n\n', 'ERR_HTTP_INVALID_STATUS_LINE'],
    ['a bare LF in the fields', 'HTTP/1.1 200 OK\r\nA: b\n\r\n', 'ERR_HTTP_INVALID_LINE_ENDING'],
    ['obs-fold', 'HTTP/1.1 200 OK\r\nA: b\r\n c\r\n\r\n', 'ERR_HTTP_OBS_FOLD'],
    ['Content-Length with Transfer-Encoding', 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n', 'ERR_HTTP_CONTENT_LENGTH_WITH_TRANSFER_ENCODING'],
    ['differing Content-Lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n', 'ERR_HTTP_INVALID_CONTENT_LENGTH'],
    ['a coding it cannot decode', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n', 'ERR_HTTP_UNSUPPORTED_TRANSFER_CODING'],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 'ERR_HTTP_INVALID_CHUNK_SIZE'],
    ['a header section over the limit', `HTTP/1.1 200 OK\r\n${'X-A: aaaaaaaaaaaaaaaa\r\n'.repeat(300)}\r\n`, 'ERR_HTTP_HEADERS_TOO_LARGE'],
  ];
  for (const [name, wire, code] of malformed) {
    it(`refuses ${name}: ${code}`, () => {
      expect(errorOf(wire)).to.equal(code);
    });
  }

  it('leaves the request mode as it was: a status line is not a request', () => {
    const p = new RequestParser(limits);
    expect(() => p.exec(Buffer.from('HTTP/1.1 200 OK\r\n\r\n'), 0, 19)).to.throw(HttpParseError).with.property('code', 'ERR_HTTP_INVALID_METHOD');
  });
});
