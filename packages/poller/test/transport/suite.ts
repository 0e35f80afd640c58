// The transport conformance suite: one table of cases over real sockets that every transport
// runs (netpoll, node). A transport that is known to behave otherwise on a case names it in
// `expectedDifferences`; the case then checks that the difference still holds, so fixing it
// (or breaking it further) is noticed.
import { expect } from 'chai';
import type { Handler, ServerHandle, Transport } from '../../src/http/handler.js';
import type { TransportOptions } from '../../src/http/options.js';
import { ianaMethods } from '../../src/http/options.js';
import { exchange as exchangeOver, headerOf, open as openTcp, parseResponses, talk } from './raw-client.js';
import type { Connect, Exchange, ExchangeOptions } from './raw-client.js';
import type { Socket } from 'node:net';
import { probe } from './probe.js';
import type { ProbeLog } from './probe.js';
import { loadCorpus } from '../http/corpus.js';

/** Builds the transport under test with the given limits. */
export type MakeTransport = (options?: TransportOptions) => Transport;

/** Options of {@link transportSuite}. */
export interface TransportSuiteOptions {
  /** Case ids this transport is known to fail, with what it does instead. */
  expectedDifferences?: Record<string, string>;
  /**
   * How the suite's client connects: it writes HTTP/1.1 bytes and reads HTTP/1.1 bytes back
   * over what this returns. Default: a plain TCP socket.
   */
  connect?: Connect;
}

// The connector of the suite running now (suites run one after another, each sets its own).
let connector: Connect = openTcp;

/** A connection to the server under test, through the running suite's connector. */
function open(port: number): Promise<Socket> {
  return connector(port);
}

/** {@link exchangeOver} through the running suite's connector. */
function exchange(port: number, data: string | Buffer, options: ExchangeOptions = {}): Promise<Exchange> {
  return exchangeOver(port, data, { ...options, connect: connector });
}

/** What a case gets: the server's port and the probe's log. */
interface Ctx {
  port: number;
  log: ProbeLog;
  makeTransport: MakeTransport;
}

interface SuiteCase {
  id: string;
  title: string;
  test(ctx: Ctx): Promise<void>;
}

/** The limits the suite's server runs with. */
export const suiteLimits: TransportOptions = {
  maxUriBytes: 8192,
  maxHeaderBytes: 16384,
  maxBodyBytes: 1024,
  headerTimeout: 400,
  idleTimeout: 600,
  requestTimeout: 3000,
  methods: [...ianaMethods, 'FROB'],
};

const UPGRADE = 'Connection: Upgrade\r\nUpgrade: echo\r\n';

const GET = (path: string, extra = ''): string => `GET ${path} HTTP/1.1\r\nHost: t\r\n${extra}\r\n`;

function statuses(x: Exchange): number[] {
  return x.responses.map((r) => r.status);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond() && Date.now() < until) await delay(10);
}

/** Runs `fn` against a server of its own, started with the suite's limits and `options`. */
async function withServer(
  makeTransport: MakeTransport,
  options: TransportOptions,
  fn: (port: number, log: ProbeLog) => Promise<void>,
): Promise<void> {
  const p = probe();
  const h = await makeTransport({ ...suiteLimits, ...options }).serve(p.handler, { port: 0, host: '127.0.0.1' });
  try {
    await fn(h.port, p.log);
  } finally {
    await h.close({ graceful: false });
  }
}

/** Waits until `value()` has not changed for `quietMs` (at most `ms`), and returns it. */
async function settled(value: () => number, quietMs = 300, ms = 4000): Promise<number> {
  const until = Date.now() + ms;
  let last = value();
  let since = Date.now();
  while (Date.now() < until) {
    await delay(25);
    const v = value();
    if (v !== last) {
      last = v;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      break;
    }
  }
  return last;
}

/**
 * Reads everything `s` (paused until now) receives until the server closes it or nothing came
 * for `quietMs`, then parses it once.
 */
function readRest(s: Socket, quietMs: number, ms = 8000): Promise<Exchange> {
  const chunks: Buffer[] = [];
  let closed = false;
  return new Promise((resolve) => {
    let quiet: NodeJS.Timeout | undefined;
    const finish = (): void => {
      clearTimeout(quiet);
      clearTimeout(limit);
      s.removeAllListeners('data');
      s.destroy();
      const raw = Buffer.concat(chunks);
      resolve({ responses: parseResponses(raw, []).responses, closed, raw });
    };
    const limit = setTimeout(finish, ms);
    const arm = (): void => {
      clearTimeout(quiet);
      quiet = setTimeout(finish, quietMs);
    };
    s.on('data', (d: Buffer) => {
      chunks.push(d);
      arm();
    });
    s.on('error', () => undefined);
    s.on('close', () => {
      closed = true;
      finish();
    });
    arm();
    s.resume();
  });
}

/** A refusal: one response with `status`, then the server closes; the handler never runs. */
function refused(id: string, title: string, raw: string | Buffer, status: number): SuiteCase {
  return {
    id,
    title,
    async test({ port, log }) {
      const x = await exchange(port, raw);
      expect(statuses(x), 'statuses').to.deep.equal([status]);
      expect(x.closed, 'closed').to.equal(true);
      expect(log.served, 'handler calls').to.deep.equal([]);
    },
  };
}

/**
 * A body longer or shorter than the Content-Length the handler declared: the write fails with
 * ERR_HTTP_CONTENT_LENGTH_MISMATCH, nothing is sent as declared, the connection closes, and
 * the request pipelined behind it is neither served nor answered.
 */
function lengthMismatch(variant: string, method = 'GET'): SuiteCase {
  return {
    id: `length-mismatch-${method === 'HEAD' ? 'head-' : ''}${variant}`,
    title: `${method}: a body that contradicts its declared Content-Length (${variant}) closes the connection, and a pipelined request is not answered`,
    async test({ port, log }) {
      const first = `${method} /length/${variant} HTTP/1.1\r\nHost: t\r\n\r\n`;
      const x = await exchange(port, first + GET('/fixed'), { timeout: 3000, headAt: method === 'HEAD' ? [0] : [] });
      expect(x.closed, 'closed').to.equal(true);
      expect(log.served[0], 'handler calls').to.equal(`/length/${variant}`);
      const raw = x.raw.toString('latin1');
      expect(raw, 'nothing after the first response').to.not.include('12345');
      expect(raw.match(/HTTP\/1\.1 /g)?.length ?? 0, 'at most the head of the first response').to.be.at.most(1);
      for (const r of x.responses) {
        const cl = headerOf(r, 'content-length');
        if (cl !== undefined && method !== 'HEAD') expect(r.body.length, 'no body sent as declared').to.be.below(Number(cl));
      }
      if (variant !== 'end-long') await waitFor(() => log.caught.length > 0);
      if (variant !== 'end-long') expect(log.caught, 'the writer rejected').to.include('ERR_HTTP_CONTENT_LENGTH_MISMATCH');
    },
  };
}

/** Every misuse of the writer `/misuse/<kind>` makes, its rejections ignored by the handler. */
const writerMisuses = ['long-ignored', 'short-ignored', 'write-after-end', 'end-twice', 'header-after-write', 'hijack-then-write', 'client-gone-mid-body'];

const cases: SuiteCase[] = [
  {
    id: 'writer-misuse-no-crash',
    title: 'no misuse of the writer and no client going away mid-body makes an unhandled rejection or an uncaught exception, and the server still answers',
    async test({ port }) {
      const crashes: unknown[] = [];
      const onCrash = (err: unknown): void => {
        crashes.push(err);
      };
      process.on('unhandledRejection', onCrash);
      process.on('uncaughtException', onCrash);
      try {
        for (const kind of writerMisuses) {
          const req = `GET /misuse/${kind} HTTP/1.1\r\nHost: t\r\n\r\n`;
          if (kind === 'client-gone-mid-body') {
            const s = await open(port);
            await talk(s, [req, () => delay(30)], { timeout: 60 });
          } else {
            await exchange(port, req, { timeout: 1000 });
          }
        }
        // Rejections are reported as unhandled a turn after they settle: give them the chance.
        await delay(300);
        expect(crashes.map(String), 'unhandled rejections and uncaught exceptions').to.deep.equal([]);
        const x = await exchange(port, GET('/'), { responses: 1 });
        expect(statuses(x)).to.deep.equal([200]);
      } finally {
        process.off('unhandledRejection', onCrash);
        process.off('uncaughtException', onCrash);
      }
    },
  },
  ...['end-long', 'end-short', 'end-bytes-long', 'write-long', 'write-short', 'stream-long'].map((v) => lengthMismatch(v)),
  lengthMismatch('end-long', 'HEAD'),
  lengthMismatch('write-long', 'HEAD'),
  {
    id: 'hello',
    title: 'answers a GET with status, Date, Content-Length and body',
    async test({ port }) {
      const x = await exchange(port, GET('/'), { responses: 1 });
      const r = x.responses[0]!;
      expect([r.version, r.status, r.reason]).to.deep.equal(['HTTP/1.1', 200, 'OK']);
      expect(headerOf(r, 'date')).to.match(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      // The cached Date is the current second.
      expect(Math.abs(Date.parse(headerOf(r, 'date')!) - Date.now())).to.be.below(2000);
      expect(headerOf(r, 'content-length')).to.equal('2');
      expect(r.body.toString()).to.equal('ok');
    },
  },
  {
    id: 'request-fields',
    title: 'gives the handler method, target, path, query, proto and headers in wire order',
    async test({ port }) {
      const raw = 'GET /info?a=1&b=%20#frag HTTP/1.1\r\nHost: t\r\nX-B: 2\r\nx-a: 1\r\nX-B: 3\r\n\r\n';
      const x = await exchange(port, raw, { responses: 1 });
      const info = JSON.parse(x.responses[0]!.body.toString()) as Record<string, unknown>;
      expect(info).to.deep.include({
        method: 'GET',
        url: '/info?a=1&b=%20#frag',
        path: '/info',
        rawQuery: 'a=1&b=%20',
        proto: 'HTTP/1.1',
        contentLength: 0,
        headers: [['Host', 't'], ['X-B', '2'], ['x-a', '1'], ['X-B', '3']],
      });
      expect(info.remoteAddr).to.match(/^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):\d+$/);
    },
  },
  {
    id: 'keep-alive',
    title: 'keeps an HTTP/1.1 connection open across requests',
    async test({ port }) {
      const s = await open(port);
      const x = await talk(s, [GET('/a'), async (got) => waitFor(() => got.length > 0 || true), GET('/b')], { responses: 2 });
      expect(statuses(x)).to.deep.equal([200, 200]);
      expect(x.closed).to.equal(false);
    },
  },
  {
    id: 'http10-close',
    title: 'closes an HTTP/1.0 connection after the response unless asked to keep it',
    async test({ port }) {
      const x = await exchange(port, 'GET / HTTP/1.0\r\n\r\n');
      expect(statuses(x)).to.deep.equal([200]);
      expect(x.closed).to.equal(true);
      const k = await exchange(port, 'GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n', { responses: 1, timeout: 300 });
      expect(statuses(k)).to.deep.equal([200]);
      expect(headerOf(k.responses[0]!, 'connection')?.toLowerCase()).to.equal('keep-alive');
      expect(k.closed).to.equal(false);
    },
  },
  {
    id: 'connection-close',
    title: 'answers Connection: close with Connection: close and closes',
    async test({ port }) {
      const x = await exchange(port, GET('/', 'Connection: close\r\n') + GET('/never'));
      expect(statuses(x)).to.deep.equal([200]);
      expect(headerOf(x.responses[0]!, 'connection')).to.equal('close');
      expect(x.closed).to.equal(true);
    },
  },
  {
    id: 'pipelining-order',
    title: 'answers pipelined requests in request order, even when earlier ones are slower',
    async test({ port }) {
      const x = await exchange(port, GET('/slow/60') + GET('/slow/1') + GET('/slow/20'), { responses: 3 });
      expect(x.responses.map((r) => r.body.toString())).to.deep.equal(['/slow/60', '/slow/1', '/slow/20']);
    },
  },
  {
    id: 'pipelining-many',
    title: 'serves 64 pipelined requests sent in one write',
    async test({ port }) {
      const x = await exchange(port, GET('/').repeat(64), { responses: 64 });
      expect(statuses(x)).to.deep.equal(new Array<number>(64).fill(200));
    },
  },
  {
    id: 'content-length-body',
    title: 'reads a Content-Length body',
    async test({ port }) {
      const x = await exchange(port, 'POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello', { responses: 1 });
      expect(x.responses[0]!.body.toString()).to.equal('hello');
    },
  },
  {
    id: 'json-malformed',
    title: "answers 400 when the README's handler reads malformed JSON with r.body.json()",
    async test({ port }) {
      const post = (body: string): string => `POST /readme HTTP/1.1\r\nHost: t\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
      const bad = await exchange(port, post('{bad'));
      expect(statuses(bad)).to.deep.equal([400]);
      const good = await exchange(port, post('{"a":1}'), { responses: 1 });
      expect(good.responses[0]!.body.toString()).to.equal('{"got":{"a":1}}');
    },
  },
  {
    id: 'signal-read-keep-alive',
    title: 'finishes responses of handlers that read r.signal on a keep-alive connection, large ones whole',
    async test({ port }) {
      const s = await open(port);
      let seen = 0;
      s.on('data', (d: Buffer) => (seen += d.length));
      const firstAnswered = async (): Promise<void> => {
        await waitFor(() => seen > 0, 1500);
        expect(seen, 'bytes of the first answer before anything more is sent').to.be.above(0);
      };
      // Nothing is sent after the second request: its large answer must finish on its own.
      const x = await talk(s, [GET('/signal-read'), firstAnswered, GET('/signal-read-big')], {
        responses: 2,
        timeout: 3000,
      });
      expect(statuses(x)).to.deep.equal([200, 200]);
      expect(x.responses[0]!.body.toString()).to.equal('ok');
      expect(x.responses[1]!.body.length).to.equal(269_335);
      expect(x.closed).to.equal(false);
    },
  },
  {
    id: 'signal-read-idle-timeout',
    title: 'closes a keep-alive connection left idle after a handler that read r.signal',
    async test({ port }) {
      const started = Date.now();
      const x = await exchange(port, GET('/signal-read'), { timeout: 4000 });
      expect(statuses(x)).to.deep.equal([200]);
      expect(x.closed, 'closed').to.equal(true);
      expect(Date.now() - started).to.be.below(3000);
    },
  },
  {
    id: 'chunked-body',
    title: 'reads a chunked body with extensions and trailers',
    async test({ port }) {
      const raw = 'POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n';
      const x = await exchange(port, raw + GET('/'), { responses: 2 });
      expect(x.responses.map((r) => r.body.toString())).to.deep.equal(['hello world', 'ok']);
    },
  },
  {
    id: 'chunked-response',
    title: 'sends a chunked response when the length is not known',
    async test({ port }) {
      const x = await exchange(port, GET('/stream'), { responses: 1 });
      const r = x.responses[0]!;
      expect(r.chunked).to.equal(true);
      expect(headerOf(r, 'content-length')).to.equal(undefined);
      expect(r.body.toString()).to.equal('hello, world');
    },
  },
  {
    id: 'head-no-body',
    title: 'sends no body for HEAD, with the length a GET would have',
    async test({ port }) {
      const x = await exchange(port, 'HEAD /fixed HTTP/1.1\r\nHost: t\r\n\r\n' + GET('/fixed'), { responses: 2, headAt: [0] });
      expect(statuses(x)).to.deep.equal([200, 200]);
      expect(x.responses[0]!.body.length).to.equal(0);
      expect(headerOf(x.responses[0]!, 'content-length')).to.equal('5');
      expect(x.responses[1]!.body.toString()).to.equal('12345');
    },
  },
  {
    id: 'head-stream',
    title: 'sends no body for HEAD when the handler streams one, and the connection stays in step',
    async test({ port }) {
      const x = await exchange(port, 'HEAD /stream HTTP/1.1\r\nHost: t\r\n\r\n' + GET('/fixed'), { responses: 2, headAt: [0] });
      expect(statuses(x)).to.deep.equal([200, 200]);
      expect(x.responses[0]!.body.length).to.equal(0);
      expect(x.responses[1]!.body.toString()).to.equal('12345');
      expect(x.raw.toString('latin1')).to.not.include('hello');
    },
  },
  {
    id: 'no-body-statuses',
    title: 'sends neither body nor framing for 204 and 304',
    async test({ port }) {
      const x = await exchange(port, GET('/status/204') + GET('/status/304') + GET('/'), { responses: 3 });
      expect(statuses(x)).to.deep.equal([204, 304, 200]);
      for (const r of x.responses.slice(0, 2)) {
        expect(headerOf(r, 'transfer-encoding')).to.equal(undefined);
        expect(r.body.length).to.equal(0);
      }
    },
  },
  {
    id: 'expect-continue',
    title: 'answers Expect: 100-continue when the handler reads the body',
    async test({ port }) {
      const s = await open(port);
      const head = 'POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n';
      const x = await talk(s, [head, async (got) => waitFor(() => got.length > 0, 1000), 'ping'], { responses: 1 });
      expect(x.raw.toString('latin1')).to.match(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
      expect(x.responses.at(-1)!.body.toString()).to.equal('ping');
    },
  },
  {
    id: 'expect-continue-unread',
    title: 'sends no 100 Continue when the handler answers without reading the body',
    async test({ port }) {
      const head = 'POST /fixed HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n';
      const x = await exchange(port, head, { timeout: 1500 });
      expect(x.raw.toString('latin1')).to.not.include('100 Continue');
      expect(statuses(x)).to.deep.equal([200]);
      expect(x.responses[0]!.body.toString()).to.equal('12345');
      // The unread body is not waited for: the connection closes, and says so.
      expect(headerOf(x.responses[0]!, 'connection'), 'Connection').to.equal('close');
      expect(x.closed, 'closed').to.equal(true);
    },
  },
  {
    id: 'http10-stream',
    title: 'ends an HTTP/1.0 response of unknown length by closing, without chunked framing',
    async test({ port }) {
      const x = await exchange(port, 'GET /stream HTTP/1.0\r\n\r\n');
      const r = x.responses[0]!;
      expect(headerOf(r, 'transfer-encoding')).to.equal(undefined);
      expect(r.body.toString()).to.equal('hello, world');
      expect(x.closed).to.equal(true);
    },
  },
  refused('expect-unknown', 'refuses an unknown expectation with 417', GET('/', 'Expect: teapot\r\n'), 417),
  refused('method-unknown', 'refuses a method outside the accepted set with 501', 'BREW / HTTP/1.1\r\nHost: t\r\n\r\n', 501),
  {
    id: 'method-added',
    title: 'serves a method added to the accepted set',
    async test({ port }) {
      const x = await exchange(port, 'FROB / HTTP/1.1\r\nHost: t\r\n\r\n', { responses: 1 });
      expect(statuses(x)).to.deep.equal([200]);
    },
  },
  refused('http2-request-line', 'refuses an HTTP/2.0 request line with 505', 'GET / HTTP/2.0\r\nHost: t\r\n\r\n', 505),
  {
    id: 'http-1x-as-11',
    title: 'serves HTTP/1.2 as HTTP/1.1 (RFC 9110 §2.5)',
    async test({ port, log }) {
      const x = await exchange(port, 'GET /info HTTP/1.2\r\nHost: t\r\n\r\n' + GET('/'), { responses: 2 });
      expect(statuses(x)).to.deep.equal([200, 200]);
      expect(x.responses[0]!.version).to.equal('HTTP/1.1');
      expect((JSON.parse(x.responses[0]!.body.toString()) as { proto: string }).proto).to.equal('HTTP/1.1');
      expect(log.served).to.deep.equal(['/info', '/']);
    },
  },
  refused('rtsp-not-http', 'refuses an RTSP/1.0 request line: it is not HTTP', 'OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n', 400),
  refused('http-version-unknown', 'refuses HTTP/3.0 with 505', 'GET / HTTP/3.0\r\nHost: t\r\n\r\n', 505),
  refused('http09', 'refuses an HTTP/0.9 request line (no version) with 505', 'GET /\r\n\r\n', 505),
  refused('asterisk-not-options', 'refuses the asterisk form for a method other than OPTIONS with 400', 'GET * HTTP/1.1\r\nHost: t\r\n\r\n', 400),
  refused('connect-origin-form', 'refuses a CONNECT whose target is not in authority form with 400', 'CONNECT /x HTTP/1.1\r\nHost: t\r\n\r\n', 400),
  {
    id: 'options-asterisk',
    title: 'serves OPTIONS * (asterisk form)',
    async test({ port, log }) {
      const x = await exchange(port, 'OPTIONS * HTTP/1.1\r\nHost: t\r\n\r\n', { responses: 1 });
      expect(statuses(x)).to.deep.equal([200]);
      expect(log.served).to.deep.equal(['*']);
    },
  },
  {
    id: 'absolute-form',
    title: 'serves an absolute-form target, with the path and query taken from it',
    async test({ port }) {
      const x = await exchange(port, 'GET http://t/info?a=1 HTTP/1.1\r\nHost: t\r\n\r\n', { responses: 1 });
      const info = JSON.parse(x.responses[0]!.body.toString()) as Record<string, unknown>;
      expect(info).to.deep.include({ url: 'http://t/info?a=1', path: '/info', rawQuery: 'a=1' });
    },
  },
  refused('host-missing', 'refuses an HTTP/1.1 request without Host with 400', 'GET / HTTP/1.1\r\n\r\n', 400),
  refused('duplicate-host', 'refuses two Host fields with 400', GET('/', 'Host: u\r\n'), 400),
  refused('host-invalid', 'refuses an invalid Host with 400', 'GET / HTTP/1.1\r\nHost: a b\r\n\r\n', 400),
  refused(
    'te-unknown-coding',
    'refuses Transfer-Encoding: foo, chunked with 501',
    'POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: foo, chunked\r\n\r\n0\r\n\r\n',
    501,
  ),
  refused(
    'te-with-content-length',
    'refuses Transfer-Encoding with Content-Length with 400 (no smuggling)',
    'POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: t\r\n\r\n',
    400,
  ),
  refused('te-chunked-not-last', 'refuses chunked before another coding with 400', 'POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked, gzip\r\n\r\n', 400),
  refused('content-length-differing', 'refuses differing Content-Length values with 400', 'POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab', 400),
  refused('content-length-sign', 'refuses a signed Content-Length with 400', 'POST / HTTP/1.1\r\nHost: t\r\nContent-Length: +1\r\n\r\na', 400),
  refused('obs-fold', 'refuses obsolete line folding with 400', 'GET / HTTP/1.1\r\nHost: t\r\nX: a\r\n b\r\n\r\n', 400),
  refused('space-before-colon', 'refuses whitespace before the colon with 400', 'GET / HTTP/1.1\r\nHost : t\r\n\r\n', 400),
  refused('nul-in-value', 'refuses NUL in a field value with 400', 'GET / HTTP/1.1\r\nHost: t\r\nX: a\0b\r\n\r\n', 400),
  refused('bare-lf', 'refuses a bare LF line ending with 400', 'GET / HTTP/1.1\r\nHost: t\nX: y\r\n\r\n', 400),
  refused('uri-32k', 'refuses a 32 KiB request target with 414', `GET /${'a'.repeat(32 * 1024)} HTTP/1.1\r\nHost: t\r\n\r\n`, 414),
  refused('header-too-large', 'refuses a header section over the limit with 431', GET('/', `X-Big: ${'b'.repeat(20000)}\r\n`), 431),
  refused('body-too-large', 'refuses a Content-Length over the body limit with 413', 'POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n', 413),
  {
    id: 'chunked-body-too-large',
    title: 'answers 413 when a chunked body grows past the limit',
    async test({ port }) {
      const chunk = `400\r\n${'x'.repeat(0x400)}\r\n`;
      const raw = 'POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n' + chunk + chunk + '0\r\n\r\n';
      const x = await exchange(port, raw);
      expect(statuses(x)).to.deep.equal([413]);
      expect(x.closed).to.equal(true);
    },
  },
  {
    id: 'framing-error-stops',
    title: 'processes nothing after a framing error in a chunked body',
    async test({ port, log }) {
      const raw = 'POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nABCDE0\r\n\r\n' + GET('/smuggled');
      const x = await exchange(port, raw);
      expect(statuses(x)).to.deep.equal([400]);
      expect(x.closed).to.equal(true);
      expect(log.served).to.deep.equal(['/echo']);
    },
  },
  {
    id: 'header-timeout',
    title: 'answers 408 when the header section does not arrive in time',
    async test({ port }) {
      const x = await exchange(port, 'GET / HTTP/1.1\r\nHost: t\r\n', { timeout: 4000 });
      expect(statuses(x)).to.deep.equal([408]);
      expect(x.closed).to.equal(true);
    },
  },
  {
    id: 'idle-timeout',
    title: 'closes a keep-alive connection left idle past the idle timeout',
    async test({ port }) {
      const started = Date.now();
      const x = await exchange(port, GET('/'), { timeout: 4000 });
      expect(statuses(x)).to.deep.equal([200]);
      expect(x.closed).to.equal(true);
      expect(Date.now() - started).to.be.lessThan(3500);
    },
  },
  {
    id: 'text-encoding',
    title: 'sends a text body as UTF-8 and a field value one byte per character, with the byte length',
    async test({ port }) {
      const body = Buffer.from('h\u00e9llo \u{1f642}', 'utf8');
      const x = await exchange(port, GET('/text') + GET('/text-latin1-field') + GET('/empty-latin1-field') + GET('/stream-latin1-field'), {
        responses: 4,
      });
      expect(statuses(x)).to.deep.equal([200, 200, 204, 200]);
      const [plain, latin1, empty, streamed] = x.responses;
      expect(plain!.body.equals(body)).to.equal(true);
      expect(headerOf(plain!, 'content-length')).to.equal(String(body.length));
      expect(latin1!.body.equals(body)).to.equal(true);
      expect(headerOf(latin1!, 'content-length')).to.equal(String(body.length));
      // 'café' as Latin-1 is 63 61 66 e9: read back as Latin-1, the same four characters.
      for (const r of [latin1!, empty!, streamed!]) expect(headerOf(r, 'x-name')).to.equal('caf\u00e9');
      expect(x.raw.includes(Buffer.from('X-Name: caf\u00e9\r\n', 'latin1'))).to.equal(true);
      expect(x.raw.includes(Buffer.from('caf\u00e9', 'utf8'))).to.equal(false);
      expect(streamed!.body.equals(body)).to.equal(true);
    },
  },
  {
    id: 'response-splitting',
    title: 'turns CR, LF or NUL in a response field into an error in the handler',
    async test({ port, log }) {
      const x = await exchange(port, GET('/bad-header'), { responses: 1 });
      expect(x.raw.toString('latin1')).to.not.include('Injected');
      expect(x.responses[0]!.body.toString()).to.equal('checked');
      expect(log.caught).to.deep.equal(['ERR_HTTP_INVALID_RESPONSE_HEADER', 'ERR_HTTP_INVALID_RESPONSE_HEADER', 'ERR_HTTP_INVALID_RESPONSE_HEADER']);
    },
  },
  {
    id: 'handler-throws',
    title: 'answers 500 when the handler throws, and closes',
    async test({ port }) {
      const x = await exchange(port, GET('/throw') + GET('/'));
      expect(statuses(x)).to.deep.equal([500]);
      expect(x.closed).to.equal(true);
    },
  },
  {
    id: 'abort-signal',
    title: 'aborts the request signal when the client goes away',
    async test({ port, log }) {
      const s = await open(port);
      s.write(GET('/abort'));
      await delay(100);
      s.destroy();
      await waitFor(() => log.aborted.length > 0);
      expect(log.aborted).to.deep.equal(['/abort']);
    },
  },
  {
    id: 'upgrade-hijack',
    title: 'hands an Upgrade request to the handler, which takes the connection with hijack()',
    async test({ port }) {
      const s = await open(port);
      const head = 'GET /upgrade HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n';
      const x = await talk(s, [head + 'early', async (got) => waitFor(() => got.includes('echo:early'), 1000), 'bye'], { timeout: 1500 });
      const text = x.raw.toString('latin1');
      expect(text).to.match(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
      expect(text).to.include('echo:early');
      expect(text).to.include('echo:bye');
    },
  },
  {
    id: 'connect-not-hijacked',
    title: 'refuses with 501 a CONNECT the handler neither takes over nor answers (never a 200 tunnel), then closes',
    async test({ port, log }) {
      const x = await exchange(port, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n' + GET('/'));
      expect(statuses(x)).to.deep.equal([501]);
      expect(x.closed).to.equal(true);
      expect(log.served).to.deep.equal(['example.com:443']);
    },
  },
  {
    id: 'upgrade-not-taken',
    title: 'refuses with 501 an Upgrade the handler neither takes over nor answers, then closes',
    async test({ port, log }) {
      const x = await exchange(port, 'GET /silent HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n' + GET('/'));
      expect(statuses(x)).to.deep.equal([501]);
      expect(x.closed).to.equal(true);
      expect(log.served).to.deep.equal(['/silent']);
    },
  },
  {
    id: 'upgrade-declined',
    title: 'sends the answer of a handler that declines an Upgrade by answering it, then closes',
    async test({ port }) {
      const x = await exchange(port, 'GET /fixed HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n');
      expect(statuses(x)).to.deep.equal([200]);
      expect(x.responses[0]!.body.toString()).to.equal('12345');
      expect(headerOf(x.responses[0]!, 'connection')).to.equal('close');
      expect(x.closed).to.equal(true);
    },
  },
  ...(
    [
      ['hijack-not-upgrade', 'refuses to hijack a request that is neither Upgrade nor CONNECT', ''],
      ['hijack-after-header', 'refuses to hijack once the header is sent', 'UP'],
    ] as const
  ).map(
    ([name, title, extra]): SuiteCase => ({
      id: name,
      title: `${title}: ERR_HTTP_HIJACK_FAILED, and the response can still be sent`,
      async test({ port, log }) {
        const x = await exchange(port, GET(`/contract/${name}`, extra === 'UP' ? UPGRADE : ''), { responses: 1, timeout: 1500 });
        expect(log.caught, 'error met').to.deep.equal(['ERR_HTTP_HIJACK_FAILED']);
        expect(statuses(x)).to.deep.equal([200]);
        expect(x.responses[0]!.body.toString()).to.equal('ERR_HTTP_HIJACK_FAILED');
      },
    }),
  ),
  {
    id: 'hijack-twice',
    title: 'refuses a second hijack with ERR_HTTP_HIJACK_FAILED; the first one keeps the connection',
    async test({ port, log }) {
      const x = await exchange(port, GET('/contract/hijack-twice', UPGRADE), { timeout: 1500 });
      expect(log.caught, 'error met').to.deep.equal(['ERR_HTTP_HIJACK_FAILED']);
      expect(x.raw.toString('latin1')).to.equal('ERR_HTTP_HIJACK_FAILED');
      expect(x.closed).to.equal(true);
    },
  },
  ...[101, 103, 204, 304].map(
    (status): SuiteCase => ({
      id: `body-not-allowed-${status}`,
      title: `rejects a body write on a ${status} response with ERR_HTTP_BODY_NOT_ALLOWED, and sends no body`,
      async test({ port, log }) {
        const x = await exchange(port, GET(`/contract/body-not-allowed-${status}`), { timeout: 1000 });
        expect(log.caught, 'error met').to.deep.equal(['ERR_HTTP_BODY_NOT_ALLOWED']);
        expect(x.raw.toString('latin1'), 'no body on the wire').to.not.match(/\r\n\r\n(1\r\n)?x/);
      },
    }),
  ),
  {
    id: 'body-consumed',
    title: 'rejects a second read of the request body with ERR_HTTP_BODY_CONSUMED',
    async test({ port, log }) {
      const x = await exchange(port, 'POST /contract/body-consumed HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\na', { responses: 1 });
      expect(log.caught, 'error met').to.deep.equal(['ERR_HTTP_BODY_CONSUMED']);
      expect(x.responses[0]!.body.toString()).to.equal('ERR_HTTP_BODY_CONSUMED');
    },
  },
  {
    id: 'body-consumed-empty',
    title: 'reads an empty request body as nothing, once: the second read is ERR_HTTP_BODY_CONSUMED',
    async test({ port }) {
      const x = await exchange(port, GET('/contract/body-consumed-empty'), { responses: 1 });
      expect(x.responses[0]!.body.toString()).to.equal('0 ERR_HTTP_BODY_CONSUMED');
    },
  },
  {
    id: 'request-aborted',
    title: 'fails a body read after the client went away mid-body with ERR_HTTP_REQUEST_ABORTED',
    async test({ port, log }) {
      const s = await open(port);
      s.write('POST /contract/request-aborted HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\npartial');
      await waitFor(() => log.served.length > 0);
      await delay(20);
      s.destroy();
      await waitFor(() => log.caught.length > 0);
      expect(log.caught, 'error met').to.deep.equal(['ERR_HTTP_REQUEST_ABORTED']);
    },
  },
  {
    id: 'write-after-end',
    title: 'rejects a write after end() with ERR_HTTP_RESPONSE_ALREADY_SENT, and sends nothing more',
    async test({ port, log }) {
      const x = await exchange(port, GET('/contract/write-after-end') + GET('/fixed'), { responses: 2 });
      await waitFor(() => log.caught.length > 0);
      expect(log.caught, 'error met').to.deep.equal(['ERR_HTTP_RESPONSE_ALREADY_SENT']);
      expect(x.responses.map((r) => r.body.toString())).to.deep.equal(['a', '12345']);
    },
  },
  {
    id: 'write-after-hijack',
    title: 'rejects a response write after hijack() with ERR_HTTP_RESPONSE_ALREADY_SENT; only the hijacker writes',
    async test({ port, log }) {
      const x = await exchange(port, GET('/contract/write-after-hijack', UPGRADE), { timeout: 1500 });
      expect(log.caught, 'error met').to.deep.equal(['ERR_HTTP_RESPONSE_ALREADY_SENT']);
      expect(x.raw.toString('latin1')).to.equal('hijacked');
    },
  },
  {
    id: 'upgrade-empty-body',
    title: 'gives an Upgrade request an empty body: the bytes after its head come with the hijacked connection',
    async test({ port }) {
      const x = await exchange(port, 'POST /contract/upgrade-empty-body HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: echo\r\nContent-Length: 5\r\n\r\nhello', { timeout: 1500 });
      expect(x.raw.toString('latin1')).to.equal('0:0:hello');
    },
  },
  {
    id: 'upgrade-client-reset',
    title: 'survives a client that resets during an Upgrade the handler has not taken, and goes on serving',
    async test({ port, log }) {
      const s = await open(port);
      s.write(GET('/contract/upgrade-client-reset', UPGRADE));
      await delay(30);
      s.resetAndDestroy();
      await delay(250);
      expect(log.served, 'handler calls').to.deep.equal(['/contract/upgrade-client-reset']);
      const x = await exchange(port, GET('/'), { responses: 1 });
      expect(statuses(x)).to.deep.equal([200]);
    },
  },
  {
    id: 'connect-tunnel',
    title: 'hands a CONNECT over as a tunnel to the handler that hijacks it',
    async test({ port }) {
      const x = await exchange(port, 'CONNECT tunnel.test:443 HTTP/1.1\r\nHost: tunnel.test:443\r\n\r\n', { timeout: 1500 });
      expect(x.raw.toString('latin1')).to.equal('HTTP/1.1 200 Connection Established\r\n\r\ntunnel.test:443');
    },
  },
  {
    id: 'request-timeout-head',
    title: 'answers 408 when a head trickles in slower than requestTimeout, within headerTimeout',
    async test({ makeTransport }) {
      await withServer(makeTransport, { requestTimeout: 500, headerTimeout: 5000 }, async (port, log) => {
        const s = await open(port);
        const started = Date.now();
        const trickle = ['GET / HTTP/1.1\r\n', 'Host: t\r\n', 'X-A: 1\r\n', 'X-B: 2\r\n', 'X-C: 3\r\n', 'X-D: 4\r\n', '\r\n'];
        const x = await talk(s, trickle.flatMap((line) => [line, () => delay(150)]), { timeout: 3000 });
        expect(statuses(x)).to.deep.equal([408]);
        expect(x.closed).to.equal(true);
        expect(Date.now() - started).to.be.within(400, 2500);
        expect(log.served).to.deep.equal([]);
      });
    },
  },
  {
    id: 'request-timeout-whole',
    title: 'counts requestTimeout from the first byte: a head and a body each in time, together late, get 408',
    async test({ makeTransport }) {
      // The head takes 350 ms, the body 1050 ms after it: 1400 ms in all, far enough past the
      // 600 ms that a timer checked late on a loaded machine still fires before the body ends.
      await withServer(makeTransport, { requestTimeout: 600, headerTimeout: 5000 }, async (port) => {
        const s = await open(port);
        const x = await talk(
          s,
          ['POST /echo HTTP/1.1\r\n', () => delay(350), 'Host: t\r\nContent-Length: 4\r\n\r\n', () => delay(200), 'ab', () => delay(850), 'cd'],
          { timeout: 3000 },
        );
        expect(statuses(x)).to.deep.equal([408]);
        expect(x.closed).to.equal(true);
      });
    },
  },
  {
    id: 'request-timeout-body',
    title: 'answers 408 when a body trickles in past requestTimeout, and closes',
    async test({ makeTransport }) {
      await withServer(makeTransport, { requestTimeout: 400, headerTimeout: 5000 }, async (port) => {
        const s = await open(port);
        const drip = Array.from({ length: 12 }, () => ['x', () => delay(100)]).flat();
        const x = await talk(s, ['POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 12\r\n\r\n', ...drip], { timeout: 3000 });
        expect(statuses(x)).to.deep.equal([408]);
        expect(x.closed).to.equal(true);
      });
    },
  },
  {
    id: 'request-within-timeout',
    title: 'serves a request sent in pieces within requestTimeout, and keeps the connection',
    async test({ makeTransport }) {
      await withServer(makeTransport, { requestTimeout: 1500, headerTimeout: 5000 }, async (port) => {
        const s = await open(port);
        const x = await talk(
          s,
          ['POST /echo HTTP/1.1\r\nHost: t\r\n', () => delay(100), 'Content-Length: 4\r\n\r\nab', () => delay(100), 'cd'],
          { responses: 1, timeout: 3000 },
        );
        expect(statuses(x)).to.deep.equal([200]);
        expect(x.responses[0]!.body.toString()).to.equal('abcd');
        expect(x.closed).to.equal(false);
      });
    },
  },
  {
    id: 'pipelined-unread-past-header-timeout',
    title: 'a client that reads its pipelined answers only after longer than the header timeout is still served in full',
    async test({ makeTransport }) {
      // The heads were all sent at once: a server stalled on its own output must not charge the
      // stall to the next head (a deadline armed before the stall, then read under).
      const n = 600;
      await withServer(makeTransport, { maxPipelinedRequests: 8, sendTimeout: 10000, idleTimeout: 5000 }, async (port, log) => {
        const s = await open(port);
        s.pause();
        s.write(GET('/big/16', `X-Pad: ${'p'.repeat(1000)}\r\n`).repeat(n));
        await settled(() => log.served.length);
        await delay(3 * (suiteLimits.headerTimeout ?? 0));
        const x = await readRest(s, 2000);
        expect(log.served.length, 'handler calls once the client reads').to.equal(n);
        expect(x.responses.length).to.equal(n);
        expect(x.responses.every((r) => r.status === 200)).to.equal(true);
        expect(x.closed).to.equal(false);
      });
    },
  },
  {
    id: 'pipelined-unread-paused',
    title: 'stops serving a client that pipelines requests without reading the answers, and goes on when it reads',
    async test({ makeTransport }) {
      const n = 1500;
      // Timeouts far above the stall: this case is about backpressure (the one before is about timeouts).
      await withServer(makeTransport, { maxPipelinedRequests: 8, sendTimeout: 10000, idleTimeout: 5000, headerTimeout: 8000, requestTimeout: 20000 }, async (port, log) => {
        const s = await open(port);
        s.pause();
        // Requests of about 1 KiB, so that one read from the socket holds a few dozen of them.
        s.write(GET('/big/16', `X-Pad: ${'p'.repeat(1000)}\r\n`).repeat(n));
        const stalled = await settled(() => log.served.length);
        // 24 MB of answers: the kernel buffers take a few MB of them, the server holds the rest back.
        expect(stalled, 'handler calls while the client does not read').to.be.above(0).and.below(n / 2);
        const x = await readRest(s, 2000);
        expect(log.served.length, 'handler calls once the client reads').to.equal(n);
        expect(x.responses.length).to.equal(n);
        expect(x.responses.every((r) => r.status === 200 && r.body.length === 16384)).to.equal(true);
        expect(x.closed).to.equal(false);
      });
    },
  },
  {
    id: 'pipelined-unread-dropped',
    title: 'drops a client that does not read its buffered answers within sendTimeout',
    async test({ makeTransport }) {
      const n = 200;
      await withServer(makeTransport, { maxBufferedResponseBytes: 65536, sendTimeout: 300 }, async (port, log) => {
        const s = await open(port);
        s.pause();
        s.write(GET('/big/64').repeat(n));
        await delay(1200);
        const x = await readRest(s, 2000);
        expect(x.closed, 'dropped').to.equal(true);
        expect(log.served.length, 'handler calls').to.be.below(n);
        expect(x.responses.length, 'answers received').to.be.below(n);
      });
    },
  },
  {
    id: 'handler-write-stalled',
    title: "fails a handler's write the client does not take within sendTimeout, and drops the connection",
    async test({ makeTransport }) {
      await withServer(makeTransport, { sendTimeout: 300 }, async (port, log) => {
        const s = await open(port);
        s.pause();
        const started = Date.now();
        s.write(GET('/flood'));
        await waitFor(() => log.caught.length > 0, 4000);
        expect(log.caught).to.deep.equal(['ERR_NET_DEADLINE_EXCEEDED']);
        expect(Date.now() - started).to.be.within(250, 4000);
        const x = await readRest(s, 2000);
        expect(x.closed, 'dropped').to.equal(true);
      });
    },
  },
  ...(['fresh', 'after-request'] as const).map(
    (when): SuiteCase => ({
      id: `empty-lines-timeout-${when}`,
      title: `closes a connection (${when === 'fresh' ? 'new' : 'after one served request'}) that sends only empty lines, at the ${when === 'fresh' ? 'header' : 'idle'} timeout`,
      async test({ makeTransport }) {
        await withServer(makeTransport, { headerTimeout: 500, idleTimeout: 500 }, async (port) => {
          const s = await open(port);
          const start = when === 'fresh' ? [] : [GET('/'), () => delay(50)];
          const drip = Array.from({ length: 7 }, () => ['\r\n', () => delay(150)]).flat();
          const started = Date.now();
          let closedAt = 0;
          s.once('close', () => (closedAt = Date.now()));
          const x = await talk(s, [...start, ...drip], { timeout: 3000 });
          expect(x.closed, 'closed').to.equal(true);
          expect(closedAt - started, 'ms until closed').to.be.below(1200);
          expect(statuses(x).filter((st) => st === 200).length).to.equal(when === 'fresh' ? 0 : 1);
        });
      },
    }),
  ),
  {
    id: 'graceful-close',
    title: 'closes gracefully: finishes the request in flight, closes idle connections, refuses new ones',
    async test({ makeTransport }) {
      const p = probe();
      const h = await makeTransport(suiteLimits).serve(p.handler, { port: 0, host: '127.0.0.1' });
      // Idle between requests: one served, the connection kept alive.
      const idle = await open(h.port);
      const idleClosed = new Promise<void>((resolve) => idle.once('close', () => resolve()));
      let answered = false;
      idle.once('data', () => (answered = true));
      idle.write(GET('/'));
      await waitFor(() => answered, 1500);
      const busy = exchange(h.port, GET('/slow/300'), { timeout: 3000 });
      await delay(100);
      const closing = h.close({ graceful: true });
      const x = await busy;
      await closing;
      await idleClosed;
      expect(statuses(x)).to.deep.equal([200]);
      expect(x.responses[0]!.body.toString()).to.equal('/slow/300');
      const refused = await open(h.port).then(
        (s) => (s.destroy(), false),
        () => true,
      );
      expect(refused, 'new connection refused').to.equal(true);
    },
  },
  {
    id: 'graceful-close-new-connection',
    title: 'closes gracefully without resetting a connection accepted just before: its first request is answered, then it is closed',
    async test({ makeTransport }) {
      const p = probe();
      const h = await makeTransport(suiteLimits).serve(p.handler, { port: 0, host: '127.0.0.1' });
      const fresh = await open(h.port);
      await delay(50);
      const closing = h.close({ graceful: true });
      const x = await talk(fresh, [() => delay(100), GET('/')], { timeout: 3000 });
      await closing;
      expect(statuses(x)).to.deep.equal([200]);
      expect(x.closed, 'closed after the answer').to.equal(true);
    },
  },
  {
    id: 'max-connections',
    title: 'closes connections beyond maxConnections on accept',
    async test({ makeTransport }) {
      const p = probe();
      const h = await makeTransport({ ...suiteLimits, maxConnections: 1 }).serve(p.handler, { port: 0, host: '127.0.0.1' });
      try {
        // The first connection is served and stays open (keep-alive).
        const held = await open(h.port);
        let answered = false;
        held.on('data', () => {
          answered = true;
        });
        held.write(GET('/'));
        await waitFor(() => answered, 1500);
        expect(answered, 'first connection served').to.equal(true);
        const second = await exchange(h.port, GET('/'), { timeout: 1500 });
        expect(statuses(second)).to.deep.equal([]);
        expect(second.closed).to.equal(true);
        held.destroy();
      } finally {
        await h.close({ graceful: false });
      }
    },
  },
];

/**
 * A sample of the llhttp corpus over sockets: the statuses the server answers, in order (200
 * for each message served). Refusals close the connection.
 */
const corpusSample: Record<string, number[]> = {
  'llhttp-sample-03-curl-get': [200],
  'llhttp-sample-04-firefox-get': [200],
  'llhttp-sample-08-apache-bench-get': [200],
  'llhttp-method-06-patch-request': [200],
  'llhttp-method-08-search-request': [200],
  'llhttp-method-09-link-request': [200],
  'llhttp-connection-01-setting-flag': [400],
  'llhttp-method-07-purge-request': [501],
  'llhttp-invalid-03-spaces-before-headers': [400],
  'llhttp-invalid-09-headers-separated-by-cr': [400],
  'llhttp-invalid-10-headers-separated-by-lf': [400],
  'llhttp-invalid-11-headers-separated-by-dummy-characters': [400],
  'llhttp-invalid-22-missing-cr-between-headers': [400],
  'llhttp-content-length-08-error-on-duplicate-content-length': [400],
  'llhttp-content-length-09-error-on-simultaneous-content-length-and-transfer-encoding-i': [400],
  'llhttp-transfer-encoding-17-post-with-transfer-encoding-and-content-length': [400],
  'llhttp-transfer-encoding-20-post-with-chunked-before-other-transfer-coding-names': [400],
  'llhttp-uri-07-disallow-utf-8-in-uri-path-in-strict-mode': [400],
};

/** Runs the conformance suite against the transport `makeTransport` builds. */
export function transportSuite(name: string, makeTransport: MakeTransport, options: TransportSuiteOptions = {}): void {
  const differences = options.expectedDifferences ?? {};
  describe(`transport suite: ${name}`, function () {
    this.timeout(10000);
    let handle: ServerHandle;
    let log: ProbeLog;
    let handler: Handler;

    before(async () => {
      connector = options.connect ?? openTcp;
      ({ handler, log } = probe());
      handle = await makeTransport(suiteLimits).serve(handler, { port: 0, host: '127.0.0.1' });
    });
    after(async () => {
      connector = openTcp;
      await handle.close({ graceful: false });
    });
    beforeEach(() => {
      log.served.length = 0;
      log.aborted.length = 0;
      log.caught.length = 0;
    });

    const unknown = Object.keys(differences).filter((k) => !cases.some((c) => c.id === k) && !(k in corpusSample));
    it('names only existing cases as expected differences', () => {
      expect(unknown).to.deep.equal([]);
    });

    for (const c of cases) {
      const diff = differences[c.id];
      it(diff === undefined ? `${c.id}: ${c.title}` : `${c.id}: expected difference: ${diff}`, async () => {
        const ctx: Ctx = { port: handle.port, log, makeTransport };
        if (diff === undefined) return c.test(ctx);
        let failed = false;
        await c.test(ctx).catch(() => {
          failed = true;
        });
        expect(failed, `${c.id} now passes: remove it from expectedDifferences`).to.equal(true);
      });
    }

    describe('a sample of the llhttp corpus over sockets', () => {
      const corpus = loadCorpus('http1-requests.json');
      for (const [id, wanted] of Object.entries(corpusSample)) {
        const diff = differences[id];
        it(diff === undefined ? `${id}: ${wanted.join(', ')}` : `${id}: expected difference: ${diff}`, async function () {
          const c = corpus.find((k) => k.id === id)!;
          const refusal = wanted.some((s) => s >= 400);
          const x = await exchange(handle.port, Buffer.from(c.raw, 'latin1'), { responses: refusal ? undefined : wanted.length, timeout: 1500 });
          const ok = JSON.stringify(statuses(x)) === JSON.stringify(wanted) && (wanted.every((s) => s < 400) || x.closed);
          if (diff === undefined) {
            expect(statuses(x)).to.deep.equal(wanted);
            if (wanted.some((s) => s >= 400)) expect(x.closed, 'closed after refusal').to.equal(true);
          } else {
            expect(ok, `${id} now passes: remove it from expectedDifferences`).to.equal(false);
          }
        });
      }
    });
  });
}
