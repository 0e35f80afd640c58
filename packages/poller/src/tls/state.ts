// The ConnectionState of a TLS socket whose handshake completed, read once per connection: a
// destroyed TLSSocket forgets it (node answers null for its version, cipher and certificates),
// so it is read while the socket lives and kept, as Go records it when the handshake ends.
import type { X509Certificate } from 'node:crypto';
import type { Socket } from 'node:net';
import { TLSSocket, type CipherNameAndProtocol } from 'node:tls';
import { clientCertificateOf } from './client-auth.js';
import type { ConnectionState } from './config.js';

/** Which side of the handshake a socket is, and what that side knows beyond the socket. */
export interface StateSide {
  /** True for the accepting side. */
  readonly isServer: boolean;
  /** Client: the host name it sent as SNI ('' for none); a server reads the one it received. */
  readonly serverName?: string;
  /** Server: whether the client's certificate verified; a client reads `socket.authorized`. */
  readonly clientVerified?: boolean;
}

/**
 * The state of `socket`, whose handshake completed, as a frozen object: the same one can be
 * handed to every request of the connection.
 */
export function connectionStateOf(socket: TLSSocket, side: StateSide): ConnectionState {
  const alpn = socket.alpnProtocol;
  const answers = socket as unknown as DestroyedAnswers;
  const cipher = answers.getCipher();
  const resumed = answers.isSessionReused();
  const peerCertificates = Object.freeze(peerChain(socket));
  const verified = side.isServer ? (side.clientVerified ?? false) : socket.authorized;
  return Object.freeze({
    handshakeComplete: true,
    version: socket.getProtocol() ?? '',
    cipherSuite: cipher?.name ?? '',
    negotiatedProtocol: typeof alpn === 'string' ? alpn : '',
    serverName: side.isServer ? receivedServerName(socket) : (side.serverName ?? ''),
    didResume: resumed ?? false,
    peerCertificates,
    verified: peerCertificates.length > 0 && verified,
  });
}

/** What a TLSSocket answers, null once it is destroyed, which node's types leave out. */
interface DestroyedAnswers {
  getCipher(): CipherNameAndProtocol | null;
  isSessionReused(): boolean | null;
}

/** The SNI host name a server-side socket received, '' without SNI. */
export function receivedServerName(socket: TLSSocket): string {
  return typeof socket.servername === 'string' ? socket.servername : '';
}

const served = new WeakMap<object, ConnectionState>();

/**
 * The state of a connection node:http, node:https or node:http2 serves, keyed by `key` (the
 * socket, or the HTTP/2 session whose proxy `socket` is): null for a plain socket, else read on
 * the first call, while the socket is open, and the same object on every later call, after
 * the socket closed too. The transports make the first call when the connection's first request
 * (or session) comes, so a handler that reads it once the client has gone still gets it.
 */
export function servedConnectionState(socket: Socket, key: object = socket): ConnectionState | null {
  const known = served.get(key);
  if (known !== undefined) return known;
  if (!(socket instanceof TLSSocket)) return null;
  const state = connectionStateOf(socket, { isServer: true, clientVerified: clientCertificateOf(socket).verified });
  served.set(key, state);
  return state;
}

/**
 * The certificates the peer sent, leaf first (Go's `PeerCertificates`): node links each to its
 * issuer among them, never to an authority of the local trust store (getPeerCertificate(true)
 * appends that one). getPeerX509Certificate is also about a tenth of its cost: 4 against 35 µs
 * for a client certificate, measured on the development machine.
 */
function peerChain(socket: TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  for (let x = socket.getPeerX509Certificate(); x !== undefined; x = x.issuerCertificate) {
    // A self-signed certificate is its own issuer.
    const fingerprint = x.fingerprint256;
    if (chain.some((c) => c.fingerprint256 === fingerprint)) break;
    chain.push(x);
  }
  return chain;
}
