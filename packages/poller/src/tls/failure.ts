// What a failed handshake is called: the peer's certificate did not verify
// (CertificateVerificationError), or anything else that stopped it (HandshakeError).
import type { TLSSocket } from 'node:tls';
import type { NetError } from '../net/errors.js';
import { CertificateVerificationError, HandshakeError } from './errors.js';

/**
 * The error of a handshake that `socket` reported as `err`. node marks a certificate it
 * refused by setting `authorizationError` to the error's code before it destroys the socket.
 */
export function handshakeFailure(socket: TLSSocket, err: Error): NetError {
  const code = codeOf(err);
  const refused = socket.authorizationError as unknown;
  if (code !== '' && (refused === code || code === 'ERR_TLS_CERT_ALTNAME_INVALID')) {
    return new CertificateVerificationError(code, err);
  }
  return new HandshakeError(err.message.split('\n')[0] ?? err.message, err);
}

function codeOf(err: Error): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}
