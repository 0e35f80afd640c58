// The shared suite's client over TLS, for every transport that serves HTTP/1.1 over TLS.
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { Connect } from './raw-client.js';

/**
 * Connects over TLS offering only HTTP/1.1 through ALPN, trusting `ca`. The socket's
 * `resetAndDestroy()` resets the TCP connection under it (a TLS socket cannot itself).
 */
export function http1OverTls(ca: string): Connect {
  return (port: number) =>
    new Promise<Socket>((resolve, reject) => {
      const tcp = connectTcp({ port, host: '127.0.0.1' });
      const s = connectTls({ socket: tcp, servername: 'localhost', ca, ALPNProtocols: ['http/1.1'] }, () => resolve(s));
      s.resetAndDestroy = () => {
        tcp.resetAndDestroy();
        return s;
      };
      s.once('error', reject);
    });
}

/** What TLS itself changes, on every transport. */
export const tlsDifferences: Record<string, string> = {
  'max-connections':
    'the connection past maxConnections is closed on accept, before the TLS handshake, so the client fails to connect rather than seeing a closed connection',
};
