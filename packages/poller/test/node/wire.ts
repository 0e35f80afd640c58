// A raw HTTP/1.1 client for the transport tests: sends exact bytes, reads until the server
// closes (or a quiet period passes), and splits what came back into responses.
import { connect, type Socket } from 'node:net';

/** One parsed response: status, header fields in wire order (lower-cased names), body. */
export interface WireResponse {
  status: number;
  headers: [string, string][];
  body: string;
  get(name: string): string | undefined;
}

/**
 * Sends `request` and collects the reply until the server closes, or `quietMs` pass without
 * bytes once some have come (the first byte is waited for up to 5 s, the machine may be busy).
 */
export function exchange(port: number, request: string | Buffer, quietMs = 300): Promise<{ raw: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    let raw = '';
    let timer: NodeJS.Timeout | undefined;
    const done = (closed: boolean): void => {
      if (timer !== undefined) clearTimeout(timer);
      socket.destroy();
      resolve({ raw, closed });
    };
    const arm = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => done(false), quietMs);
    };
    socket.setEncoding('latin1');
    socket.on('data', (s: string) => {
      raw += s;
      arm();
    });
    socket.on('end', () => done(true));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNRESET') done(true);
      else reject(err);
    });
    socket.on('connect', () => {
      socket.write(request);
      timer = setTimeout(() => done(false), Math.max(quietMs, 5000));
    });
  });
}

/** Splits a byte stream of responses (Content-Length or chunked framed, or to the end). */
export function parseResponses(raw: string, headRequest = false): WireResponse[] {
  const out: WireResponse[] = [];
  let rest = raw;
  while (rest.length > 0) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const lines = rest.slice(0, end).split('\r\n');
    const status = Number(lines[0]!.split(' ')[1]);
    const headers = lines.slice(1).map((l): [string, string] => {
      const i = l.indexOf(':');
      return [l.slice(0, i).toLowerCase(), l.slice(i + 1).trim()];
    });
    const get = (name: string): string | undefined => headers.find(([n]) => n === name)?.[1];
    rest = rest.slice(end + 4);
    let body = '';
    const te = get('transfer-encoding');
    const cl = get('content-length');
    if (headRequest || status < 200 || status === 204 || status === 304) {
      body = '';
    } else if (te !== undefined && te.includes('chunked')) {
      for (;;) {
        const nl = rest.indexOf('\r\n');
        const size = parseInt(rest.slice(0, nl), 16);
        rest = rest.slice(nl + 2);
        if (size === 0) {
          rest = rest.slice(rest.indexOf('\r\n') + 2);
          break;
        }
        body += rest.slice(0, size);
        rest = rest.slice(size + 2);
      }
    } else if (cl !== undefined) {
      body = rest.slice(0, Number(cl));
      rest = rest.slice(Number(cl));
    } else {
      body = rest;
      rest = '';
    }
    out.push({ status, headers, body, get });
  }
  return out;
}
