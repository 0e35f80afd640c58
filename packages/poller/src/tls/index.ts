// TLS on the Go-style net API: `tls.listen` and `tls.dial` (Go's crypto/tls), TLSConn and
// TLSListener, Go's Config, and the errors a handshake can end in.
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
export { TLSConn, type TLSConnOptions } from './conn.js';
export { TLSServerListener, type TLSListener } from './listener.js';
export * as tls from './api.js';
