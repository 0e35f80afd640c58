// The remote address of a request, from the connection node serves it on: read once per
// connection, while it is open, and kept. A socket node has destroyed no longer knows its peer
// (unless asked before), yet a handler may read Request.remoteAddr after the client has gone (a
// log line written when the request ends), as netpoll's requests give it then.
import { joinHostPort, unmapIPv4 } from '../net/addr.js';

/** What the peer is read from: a net.Socket, or an HTTP/2 session's socket proxy. */
export interface PeerSocket {
  readonly remoteAddress?: string | undefined;
  readonly remotePort?: number | undefined;
}

const PEERS = new WeakMap<object, string>();

/**
 * The peer of the connection `key` (its socket, or its HTTP/2 session) as `host:port`
 * (`[::1]:5000`, an IPv4-mapped address as IPv4), as netpoll gives it: read from `socket` on the
 * first call and the same on every later one. `:0` when it was never known (`socket` undefined,
 * or already closed on the first call). The transports make the first call as a connection (or
 * session) begins.
 */
export function connectionPeer(key: object, socket: PeerSocket | undefined): string {
  let peer = PEERS.get(key);
  if (peer === undefined) {
    peer = joinHostPort(unmapIPv4(socket?.remoteAddress ?? ''), String(socket?.remotePort ?? 0));
    PEERS.set(key, peer);
  }
  return peer;
}
