import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CoreError } from './errors.js';
import type { Handler, ServerHandle, Transport } from './http/contract.js';
import { NodeRequest, NodeResponseWriter } from './http/node-adapter.js';

/** The transports `listen` knows by name. */
export type TransportName = 'node' | 'netpoll';

/** Interim node:http transport, until the poller's is published. */
function interimNodeTransport(): Transport {
  return {
    serve(handler: Handler, opts = {}): Promise<ServerHandle> {
      const server = createServer((req, res) => {
        void handler.serveHTTP(new NodeResponseWriter(res), new NodeRequest(req, res));
      });
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port: opts.port ?? 0, host: opts.host, backlog: opts.backlog }, () => {
          const a = server.address() as AddressInfo;
          resolve({
            address: a.family === 'IPv6' ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`,
            port: a.port,
            close: ({ timeout = 10000 } = {}) =>
              new Promise<void>((done) => {
                const t = setTimeout(() => {
                  server.closeAllConnections();
                }, timeout);
                server.close(() => {
                  clearTimeout(t);
                  done();
                });
                server.closeIdleConnections();
              }),
          });
        });
      });
    },
  };
}

/** The Transport for a name (or the one given), accepting the Engine's route methods as well. */
export function resolveTransport(t: TransportName | Transport, _methods: readonly string[]): Transport {
  if (typeof t !== 'string') return t;
  if (t === 'node') return interimNodeTransport();
  throw new CoreError('ERR_TRANSPORT', `the ${t} transport is not available yet`);
}
