// A raw HTTP/1.1 client for the transport suite: it sends exact bytes over a real socket and
// parses what comes back with its own small response parser, independent of the transports.
import { connect } from 'node:net';
import type { Socket } from 'node:net';

/** One response as read off the wire. */
export interface RawResponse {
  status: number;
  reason: string;
  version: string;
  /** Header fields in wire order, names lowercased. */
  headers: [string, string][];
  body: Buffer;
  /** True when the body was chunked. */
  chunked: boolean;
}

/** What an exchange produced. */
export interface Exchange {
  responses: RawResponse[];
  /** True when the server closed the connection. */
  closed: boolean;
  /** Every byte received. */
  raw: Buffer;
}

/** How to run an exchange. */
export interface ExchangeOptions {
  /** Stop once this many final (non-1xx) responses are complete. Default: wait for close. */
  responses?: number;
  /** Give up after this many milliseconds. Default 3000. */
  timeout?: number;
  /** Half-close after sending. */
  endAfterSend?: boolean;
  /** Requests whose responses have no body (HEAD), by response index. */
  headAt?: number[];
  /** Opens the connection to the port. Default {@link open}: plain TCP. */
  connect?: Connect;
}

/** How a client reaches the server under test: a connected socket (or socket-like duplex) to 127.0.0.1:port. */
export type Connect = (port: number) => Promise<Socket>;

/** The first value of header `name` in `r`, or undefined. */
export function headerOf(r: RawResponse, name: string): string | undefined {
  return r.headers.find(([n]) => n === name)?.[1];
}

/** Opens a connection to 127.0.0.1:port. */
export function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ port, host: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
}

/** Sends `data` on a fresh connection and collects the responses. */
export async function exchange(port: number, data: string | Buffer, options: ExchangeOptions = {}): Promise<Exchange> {
  const s = await (options.connect ?? open)(port);
  return talk(s, [data], options);
}

/**
 * Sends each piece of `pieces` on `s` (a function piece is awaited: a pause, or a wait for a
 * condition on what has arrived), then collects responses as `exchange` does.
 */
export function talk(
  s: Socket,
  pieces: (string | Buffer | ((got: Buffer) => Promise<void>))[],
  options: ExchangeOptions = {},
): Promise<Exchange> {
  const chunks: Buffer[] = [];
  let closed = false;
  return new Promise((resolve, reject) => {
    const finish = (): void => {
      clearTimeout(timer);
      s.removeAllListeners('data');
      s.destroy();
      const raw = Buffer.concat(chunks);
      resolve({ responses: parseResponses(raw, options.headAt ?? []).responses, closed, raw });
    };
    const timer = setTimeout(finish, options.timeout ?? 3000);
    s.on('data', (d: Buffer) => {
      chunks.push(d);
      if (options.responses !== undefined) {
        const parsed = parseResponses(Buffer.concat(chunks), options.headAt ?? []);
        if (parsed.responses.filter((r) => r.status >= 200).length >= options.responses && parsed.complete) finish();
      }
    });
    s.on('error', () => undefined);
    s.on('close', () => {
      closed = true;
      finish();
    });
    void (async () => {
      for (const p of pieces) {
        if (typeof p === 'function') await p(Buffer.concat(chunks));
        else if (!s.destroyed) s.write(p);
      }
      if (options.endAfterSend === true && !s.destroyed) s.end();
    })().catch(reject);
  });
}

/** Parses as many complete responses as `raw` holds; `complete` is false if bytes remain. */
export function parseResponses(raw: Buffer, headAt: number[]): { responses: RawResponse[]; complete: boolean } {
  const out: RawResponse[] = [];
  let at = 0;
  let finals = 0;
  while (at < raw.length) {
    const end = raw.indexOf('\r\n\r\n', at, 'latin1');
    if (end < 0) return { responses: out, complete: false };
    const lines = raw.subarray(at, end).toString('latin1').split('\r\n');
    const m = /^(HTTP\/\d\.\d) (\d{3}) ?(.*)$/.exec(lines[0]!);
    if (m === null) return { responses: out, complete: false };
    const headers = lines.slice(1).map((l): [string, string] => {
      const c = l.indexOf(':');
      return [l.slice(0, c).toLowerCase(), l.slice(c + 1).trim()];
    });
    const status = Number(m[2]);
    const r: RawResponse = { status, reason: m[3]!, version: m[1]!, headers, body: Buffer.alloc(0), chunked: false };
    let p = end + 4;
    const noBody = status < 200 || status === 204 || status === 304 || (status >= 200 && headAt.includes(finals));
    if (!noBody) {
      const te = headerOf(r, 'transfer-encoding');
      const cl = headerOf(r, 'content-length');
      if (te !== undefined && /chunked/i.test(te)) {
        r.chunked = true;
        const parts: Buffer[] = [];
        for (;;) {
          const le = raw.indexOf('\r\n', p, 'latin1');
          if (le < 0) return { responses: out, complete: false };
          const size = parseInt(raw.subarray(p, le).toString('latin1'), 16);
          p = le + 2;
          if (size === 0) {
            const te2 = raw.indexOf('\r\n', p, 'latin1');
            if (te2 < 0) return { responses: out, complete: false };
            p = te2 + 2;
            break;
          }
          if (p + size + 2 > raw.length) return { responses: out, complete: false };
          parts.push(raw.subarray(p, p + size));
          p += size + 2;
        }
        r.body = Buffer.concat(parts);
      } else if (cl !== undefined) {
        const n = Number(cl);
        if (p + n > raw.length) return { responses: out, complete: false };
        r.body = raw.subarray(p, p + n);
        p += n;
      } else {
        r.body = raw.subarray(p);
        p = raw.length;
      }
    }
    out.push(r);
    if (status >= 200) finals++;
    at = p;
  }
  return { responses: out, complete: true };
}
