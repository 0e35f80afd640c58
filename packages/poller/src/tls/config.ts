// TLSConfig: Go's crypto/tls Config with its field names in lower camel case, the one TLS option
// type of every listener, dialer and HTTP transport in the package. Nothing here has behaviour;
// `node-options.ts` turns a config into node:tls options.
import type { X509Certificate } from 'node:crypto';

/** PEM text, or its bytes. */
export type PEMData = string | Uint8Array;

/** A certificate chain and its private key (Go's `tls.Certificate`). */
export interface Certificate {
  /** The certificate chain, PEM: the leaf first, then the intermediates. */
  readonly cert: PEMData;
  /** The private key of the leaf, PEM. */
  readonly key: PEMData;
  /** The passphrase of an encrypted `key`. */
  readonly passphrase?: string;
}

/** What a server knows of a client when choosing its certificate (Go's `tls.ClientHelloInfo`). */
export interface ClientHelloInfo {
  /** The host name the client asked for (SNI), or '' when it sent none. */
  readonly serverName: string;
}

/**
 * Picks the certificate for a handshake (Go's `Config.GetCertificate`): called for every
 * handshake, with what the client sent. Resolving to `undefined` uses `certificates` (or
 * `key`/`cert`). Throwing or rejecting fails the handshake. Returning the same `Certificate`
 * object again reuses what was built for it, so return a new object to reload one.
 */
export type GetCertificate = (hello: ClientHelloInfo) => Certificate | undefined | Promise<Certificate | undefined>;

/**
 * Whether and how a server asks for client certificates (Go's `tls.ClientAuthType`):
 * - `none`: it does not ask (Go's `NoClientCert`);
 * - `request`: it asks, and accepts a handshake without one or with one it cannot verify
 *   (`RequestClientCert`);
 * - `require-any`: it requires one, unverified (`RequireAnyClientCert`);
 * - `verify-if-given`: a certificate is optional, but one given must verify against
 *   `clientCAs` (`VerifyClientCertIfGiven`);
 * - `require-and-verify`: it requires one that verifies against `clientCAs`
 *   (`RequireAndVerifyClientCert`).
 */
export type ClientAuthType = 'none' | 'request' | 'require-any' | 'verify-if-given' | 'require-and-verify';

/** A TLS protocol version, as node:tls names it (Go's `tls.VersionTLS12`, `VersionTLS13`). */
export type TLSVersion = 'TLSv1.2' | 'TLSv1.3';

/**
 * A TLS configuration (Go's `tls.Config`), for servers and clients alike; each field says which
 * side reads it. A config is read when a listener, dialer or server starts (and by
 * `setSecureContext`); changing the object later has no effect.
 */
export interface TLSConfig {
  /**
   * The certificate chains to present (Go's `Certificates`): a server's own (several for
   * several key types, node picking the one the client supports), or a client's for servers
   * that ask for one. A server needs at least one, or `getCertificate`.
   */
  certificates?: readonly Certificate[];
  /** Short for `certificates: [{ key, cert, passphrase }]`, as node:https takes it. */
  key?: PEMData;
  /** Short for `certificates: [{ key, cert, passphrase }]`, as node:https takes it. */
  cert?: PEMData;
  /** The passphrase of an encrypted `key`. */
  passphrase?: string;
  /**
   * Server: picks the certificate per handshake, by the name the client asked for (SNI); see
   * {@link GetCertificate}. Default: `certificates` for every client.
   */
  getCertificate?: GetCertificate;
  /**
   * The application protocols offered through ALPN, most preferred first (Go's `NextProtos`).
   * A server picks the first of its own that the client offers and refuses the handshake when
   * both sides sent some and none match. Default: none (the HTTP servers default to
   * `['http/1.1']`).
   */
  nextProtos?: readonly string[];
  /**
   * Client: the host name sent in SNI and checked against the server's certificate (Go's
   * `ServerName`). Default: the host dialed, unless it is an IP address (then no SNI is sent
   * and the address is checked).
   */
  serverName?: string;
  /**
   * Client: the certificate authorities that verify servers (Go's `RootCAs`). Default: node's
   * bundled Mozilla roots.
   */
  rootCAs?: PEMData | readonly PEMData[];
  /**
   * Client: accepts any server certificate and any host name (Go's `InsecureSkipVerify`), for
   * tests only; the peer certificate stays readable on the connection. Default false.
   */
  insecureSkipVerify?: boolean;
  /** Server: whether and how to ask for client certificates; see {@link ClientAuthType}. Default `none`. */
  clientAuth?: ClientAuthType;
  /**
   * Server: the certificate authorities that verify client certificates (Go's `ClientCAs`).
   * Default: node's bundled roots.
   */
  clientCAs?: PEMData | readonly PEMData[];
  /** The lowest protocol version accepted. Default `TLSv1.2` (Go's default for servers). */
  minVersion?: TLSVersion;
  /** The highest protocol version accepted. Default `TLSv1.3`. */
  maxVersion?: TLSVersion;
  /**
   * The TLS 1.2 cipher suites allowed, OpenSSL names (`ECDHE-RSA-AES128-GCM-SHA256`), most
   * preferred first (Go's `CipherSuites`; TLS 1.3 suites are not configurable, as in Go).
   * Default: node's list.
   */
  cipherSuites?: readonly string[];
}

/**
 * The state of a TLS connection (Go's `tls.ConnectionState`), from `TLSConn.connectionState()`.
 * Before the handshake completes only `handshakeComplete` (false) and `serverName` (a client's)
 * are meaningful.
 */
export interface ConnectionState {
  /** True once the handshake completed. */
  readonly handshakeComplete: boolean;
  /** The negotiated version (`TLSv1.3`), or '' before the handshake. */
  readonly version: string;
  /** The negotiated cipher suite, in OpenSSL's name, or '' before the handshake. */
  readonly cipherSuite: string;
  /** The protocol agreed through ALPN, or '' when none was (Go's `NegotiatedProtocol`). */
  readonly negotiatedProtocol: string;
  /**
   * The host name of the SNI extension: the one a server received, or the one a client sent;
   * '' without SNI.
   */
  readonly serverName: string;
  /** True when the session was resumed from an earlier one (Go's `DidResume`). */
  readonly didResume: boolean;
  /**
   * The certificates the peer presented, its leaf first (Go's `PeerCertificates`): empty when
   * it presented none (a client not asked for one).
   */
  readonly peerCertificates: readonly X509Certificate[];
  /**
   * True when the peer's certificate verified against the configured authorities (for a
   * client, including the host name); false with `insecureSkipVerify`, `clientAuth: 'request'`
   * or `'require-any'` on an unverifiable one, or without a certificate.
   */
  readonly verified: boolean;
}
