// The TLS layer's errors: net errors (a `code`, Go's `timeout()`) for what TLS adds to a stream.
// A handshake that times out fails with the net layer's DeadlineExceededError, as in Go.
import { NetError } from '../net/errors.js';

/**
 * A configuration that cannot work (Go's `tls: neither Certificates ...` and friends): a server
 * without a certificate, a PEM that does not parse, a key that does not match its certificate,
 * a wrong passphrase, an unknown version or cipher suite.
 */
export class TLSConfigError extends NetError {
  readonly code = 'ERR_TLS_CONFIG';

  constructor(message: string, cause?: unknown) {
    super(`tls: ${message}${cause instanceof Error ? `: ${cause.message}` : ''}`, { cause });
    this.name = 'TLSConfigError';
  }
}

/**
 * A handshake that failed for a reason other than the peer's certificate: an alert from the
 * peer, no protocol version, cipher suite or ALPN protocol in common, a client certificate
 * required and not given, or a peer that is not speaking TLS. `reason` is OpenSSL's or node's
 * code for it when there is one (`ERR_SSL_NO_APPLICATION_PROTOCOL` ...).
 */
export class HandshakeError extends NetError {
  readonly code = 'ERR_TLS_HANDSHAKE';
  /** The underlying code, or ''. */
  readonly reason: string;

  constructor(message: string, cause?: unknown) {
    super(`tls: handshake failed: ${message}`, { cause });
    this.name = 'HandshakeError';
    this.reason = codeOf(cause);
  }
}

/**
 * The peer's certificate did not verify (Go's `tls.CertificateVerificationError`): an unknown
 * authority, a self-signed certificate, an expired one, or a host name it does not cover.
 * `reason` is OpenSSL's verification code (`DEPTH_ZERO_SELF_SIGNED_CERT`, `CERT_HAS_EXPIRED`)
 * or node's `ERR_TLS_CERT_ALTNAME_INVALID`.
 */
export class CertificateVerificationError extends NetError {
  readonly code = 'ERR_TLS_CERTIFICATE_VERIFICATION';
  /** The verification code. */
  readonly reason: string;

  constructor(reason: string, cause?: unknown) {
    super(`tls: failed to verify certificate: ${cause instanceof Error ? cause.message : reason}`, { cause });
    this.name = 'CertificateVerificationError';
    this.reason = reason;
  }
}

function codeOf(cause: unknown): string {
  if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string') return cause.code;
  return '';
}
