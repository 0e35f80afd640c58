// The peer of an HTTP/2 session (its client's address), read once per session and kept: once a
// stream has closed it no longer knows its session, and once the session is destroyed its socket
// can no longer be asked, yet a handler may read Request.remoteAddr after either (a log line
// written when the request ends), as netpoll's and node's requests give it then.
import type { Http2Session } from 'node:http2';
import { remoteAddrOf } from '../adapter/remote-addr.js';

const PEERS = new WeakMap<Http2Session, string>();

/** The peer of `session` as `host:port`, as `remoteAddrOf` gives it; `:0` when it was never known. */
export function sessionPeer(session: Http2Session | undefined): string {
  if (session === undefined) return remoteAddrOf(undefined);
  let peer = PEERS.get(session);
  if (peer === undefined) {
    // A destroyed session's socket proxy throws (ERR_HTTP2_SOCKET_UNBOUND) rather than answer.
    peer = remoteAddrOf(session.destroyed ? undefined : session.socket);
    PEERS.set(session, peer);
  }
  return peer;
}
