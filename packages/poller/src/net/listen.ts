// listen(network, address): Go's net.Listen over node:net's createServer.
import { createServer, type AddressInfo, type ListenOptions as NodeListenOptions, type Server, type Socket } from 'node:net';
import type { Addr, Listener } from './conn.js';
import { parseNetwork, parseTcpAddress, TCPAddr, UnixAddr } from './addr.js';
import { ListenError } from './errors.js';
import { TcpListener } from './listener.js';
import type { TCPConnOptions } from './tcp-conn.js';

/** Options of `listen`. */
export interface ListenOptions {
  /** The kernel's accept queue length. Default 511 (node:net's default). */
  backlog?: number;
  /** Received bytes each accepted connection queues before it stops reading. Default 64 KiB. */
  readHighWaterMark?: number;
}

/**
 * Listens on `address` (Go's `net.Listen`). For `tcp`, `tcp4` and `tcp6` the address is
 * `host:port`, `[ipv6]:port` or `:port` (all interfaces; port 0 lets the system choose); for
 * `unix` it is a socket path. Rejects with `UnknownNetworkError`, `AddrError` or `ListenError`.
 */
export async function listen(network: string, address: string, options: ListenOptions = {}): Promise<Listener> {
  const bound = await bindServer(network, address, options);
  return new TcpListener(bound.server, bound.addr, bound.connOptions, bound.taken);
}

/** A listening node:net server, its address and the options of the connections it accepts. */
export interface BoundServer {
  readonly server: Server;
  readonly addr: Addr;
  readonly connOptions: TCPConnOptions;
  /** Connections the server emitted before it was listening, to be accepted first. */
  readonly taken: readonly Socket[];
}

/** Binds a node:net server as `listen` does (the TLS listener wraps the same one). */
export async function bindServer(network: string, address: string, options: ListenOptions): Promise<BoundServer> {
  const net = parseNetwork(network);
  const nodeOptions: NodeListenOptions = { backlog: options.backlog ?? 511 };
  if (net === 'unix') {
    nodeOptions.path = address;
  } else {
    const target = parseTcpAddress(net, address);
    nodeOptions.port = target.port;
    if (target.host !== '') nodeOptions.host = target.host;
    else if (target.family === 4) nodeOptions.host = '0.0.0.0';
    else if (target.family === 6) nodeOptions.host = '::';
    nodeOptions.ipv6Only = target.family === 6;
  }
  const server = createServer({
    allowHalfOpen: true,
    pauseOnConnect: true,
    noDelay: true,
    keepAlive: true,
    keepAliveInitialDelay: 15_000,
  });
  // Held from the start: in a node:cluster worker, the primary can hand over a connection in the
  // same turn as its answer to the bind, before the 'listening' event; one emitted to no listener
  // would stay open forever, neither served nor closed.
  const taken: Socket[] = [];
  const take = (socket: Socket): void => {
    taken.push(socket);
  };
  server.on('connection', take);
  await bind(server, nodeOptions, network, address);
  server.off('connection', take);
  const bound = server.address();
  const addr = typeof bound === 'string' || bound === null ? new UnixAddr(address) : tcpAddrOf(bound);
  const connOptions: TCPConnOptions = {};
  if (options.readHighWaterMark !== undefined) connOptions.readHighWaterMark = options.readHighWaterMark;
  return { server, addr, connOptions, taken };
}

function bind(server: Server, options: NodeListenOptions, network: string, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => {
      reject(new ListenError(network, address, err));
    };
    server.once('error', onError);
    server.listen(options, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function tcpAddrOf(info: AddressInfo): TCPAddr {
  return new TCPAddr(info.address, info.port);
}
