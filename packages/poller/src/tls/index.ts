// TLS on the Go-style net API: Go's crypto/tls Config, and the errors a handshake can end in.
export type {
  Certificate,
  ClientAuthType,
  ClientHelloInfo,
  ConnectionState,
  GetCertificate,
  PEMData,
  TLSConfig,
  TLSVersion,
} from './config.js';
export { CertificateVerificationError, HandshakeError, TLSConfigError } from './errors.js';
