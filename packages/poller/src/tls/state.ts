// The ConnectionState of a TLS socket whose handshake completed, read once per connection: a
// destroyed TLSSocket forgets it (node answers null for its version, cipher and certificates),
// so it is read while the socket lives and kept, as Go records it when the handshake ends.
import { X509Certificate } from 'node:crypto';
import type { Socket } from 'node:net';
import { TLSSocket, type CipherNameAndProtocol, type DetailedPeerCertificate } from 'node:tls';
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
  getPeerCertificate(detailed: true): DetailedPeerCertificate | null;
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

/** The peer's chain, leaf first, as node received it. */
function peerChain(socket: TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  // Without a peer certificate node gives an empty object; once the socket is destroyed, null.
  let cert: Partial<DetailedPeerCertificate> = (socket as unknown as DestroyedAnswers).getPeerCertificate(true) ?? {};
  while (cert.raw !== undefined) {
    const x = new X509Certificate(cert.raw);
    // node links a self-signed certificate to itself.
    if (chain.some((c) => c.fingerprint256 === x.fingerprint256)) break;
    chain.push(x);
    cert = cert.issuerCertificate ?? {};
  }
  return chain;
}
