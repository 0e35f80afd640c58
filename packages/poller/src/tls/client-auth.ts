// The server's check of a client certificate, once the handshake completed. node verifies a
// client's chain during the handshake but judges the outcome afterwards, in its tls.Server; a
// TLSSocket made for a connection accepted on its own (tls.listen) gets no such judgement, and
// node's rejectUnauthorized cannot express `require-any` (a certificate, verified or not) nor
// `verify-if-given` (none, or one that verifies). So every policy is judged here, as Go judges
// them in its handshake.
import type { TLSSocket } from 'node:tls';
import type { ClientAuthType } from './config.js';
import { CertificateVerificationError, HandshakeError } from './errors.js';

/** What a completed server-side handshake tells of the client's certificate. */
export interface ClientCertificate {
  /** The client presented a certificate. */
  readonly given: boolean;
  /** It verified against the server's `clientCAs`. */
  readonly verified: boolean;
  /** OpenSSL's verification code when it did not verify (`DEPTH_ZERO_SELF_SIGNED_CERT` ...), else ''. */
  readonly reason: string;
}

/** The client certificate of a server-side `socket` whose handshake completed. */
export function clientCertificateOf(socket: TLSSocket): ClientCertificate {
  const given = socket.getPeerX509Certificate() !== undefined;
  if (!given) return { given, verified: false, reason: '' };
  const err = verifyError(socket);
  return { given, verified: err === null, reason: err === null ? '' : codeOf(err) };
}

/** Why `client` breaks `policy`, or undefined when it does not. */
export function clientAuthFailure(policy: ClientAuthType, client: ClientCertificate): HandshakeError | CertificateVerificationError | undefined {
  switch (policy) {
    case 'none':
    case 'request':
      return undefined;
    case 'require-any':
      return client.given ? undefined : new HandshakeError('client did not provide a certificate');
    case 'verify-if-given':
      return !client.given || client.verified ? undefined : unverified(client);
    case 'require-and-verify':
      if (!client.given) return new HandshakeError('client did not provide a certificate');
      return client.verified ? undefined : unverified(client);
  }
}

function unverified(client: ClientCertificate): CertificateVerificationError {
  return new CertificateVerificationError(client.reason, new Error(`client certificate: ${client.reason}`));
}

// The outcome OpenSSL recorded for the peer's chain, read as node's own tls.Server reads it
// (`this._handle.verifyError()`). Without that method the certificate counts as unverified.
function verifyError(socket: TLSSocket): Error | null {
  const handle = (socket as unknown as { _handle?: { verifyError?: () => Error | null } })._handle;
  if (typeof handle?.verifyError !== 'function') return new Error('cannot read the verification outcome');
  return handle.verifyError();
}

function codeOf(err: Error): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : err.message;
}
