// injectWS: a WebSocket to an Engine without a port. The upgrade request goes through node:http's
// parser and the node transport's own upgrade path over an in-memory connection, so middleware,
// the handshake checks and hijack run exactly as they do on a socket.
import { createServer, type IncomingMessage } from 'node:http';
import type { ClientOptions } from 'ws';
import { HttpError } from '../errors.js';
import type { NodeRequestListener } from '@sloe/poller';
import { MemorySocket } from './memory-socket.js';
import { WebSocket } from './socket.js';

/** Options of `app.injectWS(path, options)`. */
export interface InjectWebSocketOptions {
  /** Request headers sent with the upgrade (cookies, authorization). Default none. */
  headers?: Record<string, string>;
  /** Subprotocols offered in `Sec-WebSocket-Protocol`. Default none. */
  protocols?: readonly string[];
  /** Offer permessage-deflate. Default false. */
  perMessageDeflate?: boolean;
  /** The largest message the client accepts, in bytes. Default 100 MiB. */
  maxMessageSize?: number;
}

/**
 * Opens a WebSocket to `listener` over an in-memory connection. Resolves with the client's end
 * once the server answered 101; rejects with an HttpError carrying the status of any other
 * answer (a middleware's 401, the route's 426) and its body as message.
 */
export async function injectWebSocket(listener: NodeRequestListener, path: string, options: InjectWebSocketOptions = {}): Promise<WebSocket> {
  const { WebSocket: Client } = await import('ws');
  const [client, server] = MemorySocket.pair();
  const http = createServer(listener);
  listener.attach(http);
  http.emit('connection', server);
  const clientOptions: ClientOptions = {
    createConnection: (() => client) as unknown as ClientOptions['createConnection'],
    headers: options.headers ?? {},
    perMessageDeflate: options.perMessageDeflate ?? false,
    maxPayload: options.maxMessageSize ?? 100 * 1024 * 1024,
  };
  const raw = new Client(`ws://localhost${path}`, [...(options.protocols ?? [])], clientOptions);
  return new Promise<WebSocket>((resolve, reject) => {
    // Wrapped as it opens: messages sent with the 101 are emitted before a promise continuation.
    raw.once('open', () => {
      resolve(new WebSocket(raw, { pingInterval: 0, pongTimeout: 1, maxQueuedMessages: 16 }));
    });
    raw.once('error', reject);
    raw.once('unexpected-response', (req, res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (b: Buffer) => chunks.push(b));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        req.destroy();
        reject(new HttpError(res.statusCode ?? 0, `the upgrade was refused with ${res.statusCode}: ${body}`));
      });
    });
  });
}
