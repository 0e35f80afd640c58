// The handler a WebSocket route ends with: the opening handshake checked, the connection taken
// over from the transport (hijack) and handed to ws, then the route's own handler run with the
// Context and the socket for as long as the conversation lasts.
import type { IncomingMessage } from 'node:http';
import type { ServerOptions, WebSocket as RawWebSocket, WebSocketServer } from 'ws';
import type { Context, HandlerFunc, ParamsObject } from '../context.js';
import { ConnStream } from './conn-stream.js';
import { handshakeError } from './handshake.js';
import type { OpenSockets } from './open-sockets.js';
import { resolveWebSocketOptions, type ResolvedWebSocketOptions, type WebSocketOptions } from './options.js';
import { WebSocket } from './socket.js';

/**
 * The handler of a WebSocket route: the Context first (params, cookies, what middleware set),
 * then the open socket. The socket is closed (1000) when the handler returns, or with 1011 when
 * it throws.
 */
export type WebSocketHandler<P extends ParamsObject = ParamsObject> = (c: Context<P>, ws: WebSocket) => void | Promise<void>;

/** The request ws reads in handleUpgrade, with the headers middleware set, for the 101. */
interface UpgradeRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly extra: string[];
}

const NO_HEAD = Buffer.alloc(0);
// Headers of the 101 that the handshake owns: middleware's values for them are not sent.
const OWN_HEADERS = new Set(['connection', 'upgrade', 'content-length', 'content-type', 'transfer-encoding', 'keep-alive']);

/**
 * The last handler of `app.ws(path, ...)`. Registering it starts loading ws; a request that is
 * not a valid handshake is answered 426 or 400 as any error, and so is one middleware refused.
 */
export function webSocketRoute(handler: WebSocketHandler, options: WebSocketOptions, sockets: OpenSockets): HandlerFunc {
  const o = resolveWebSocketOptions(options);
  const server = createServer(o);
  // A failure to load ws surfaces on the first upgrade, not as an unhandled rejection now.
  server.catch(() => undefined);
  return async function webSocket(c: Context): Promise<void> {
    const refused = handshakeError(c.req);
    if (refused !== undefined) {
      if (refused.status === 426) c.setHeader('Upgrade', 'websocket').setHeader('Sec-WebSocket-Version', '13');
      throw refused;
    }
    const raw = await accept(await server, c);
    // ws refused the handshake itself (a malformed extension offer) and answered on the connection.
    if (raw === undefined) return;
    c.status(101);
    const ws = new WebSocket(raw, o);
    sockets.add(ws);
    try {
      await handler(c, ws);
    } catch (err) {
      c.log.error({ err }, 'WebSocket handler failed');
      await ws.close(1011, 'internal error');
      return;
    }
    await ws.close(1000);
  };
}

async function createServer(o: ResolvedWebSocketOptions): Promise<WebSocketServer> {
  const { WebSocketServer } = await import('ws');
  const deflate = o.perMessageDeflate;
  const wsOptions: ServerOptions & { closeTimeout: number } = {
    noServer: true,
    clientTracking: false,
    maxPayload: o.maxMessageSize,
    closeTimeout: o.closeTimeout,
    perMessageDeflate:
      deflate === false
        ? false
        : {
            threshold: deflate.threshold ?? 1024,
            serverNoContextTakeover: deflate.serverNoContextTakeover ?? false,
            clientNoContextTakeover: deflate.clientNoContextTakeover ?? false,
            ...(deflate.level === undefined ? {} : { zlibDeflateOptions: { level: deflate.level } }),
          },
    handleProtocols: (offered) => o.protocols.find((p) => offered.has(p)) ?? false,
  };
  const wss = new WebSocketServer(wsOptions);
  wss.on('headers', (headers: string[], req: IncomingMessage) => {
    headers.push(...(req as unknown as UpgradeRequest).extra);
  });
  return wss;
}

// Takes the connection over and lets ws answer 101; undefined when ws refused the handshake.
function accept(wss: WebSocketServer, c: Context): Promise<RawWebSocket | undefined> {
  const req = upgradeRequest(c);
  const stream = new ConnStream(c.writer.hijack());
  return new Promise((resolve) => {
    const refused = (): void => {
      resolve(undefined);
    };
    stream.once('close', refused);
    wss.handleUpgrade(req as unknown as IncomingMessage, stream, NO_HEAD, (raw) => {
      stream.off('close', refused);
      resolve(raw);
    });
  });
}

function upgradeRequest(c: Context): UpgradeRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of c.req.headers) {
    const key = name.toLowerCase();
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  const extra: string[] = [];
  for (const [name, value] of c.writer.header()) {
    const key = name.toLowerCase();
    if (!OWN_HEADERS.has(key) && !key.startsWith('sec-websocket-')) extra.push(`${name}: ${value}`);
  }
  return { method: c.req.method, url: c.req.url, headers, extra };
}
