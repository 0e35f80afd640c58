// From a TLSConfig to node:tls options: the secure context of a server (with the per-handshake
// certificate choice of getCertificate as node's SNICallback), and the options of a client.
// Every HTTP server and the tls listener and dialer go through here, so a config means the same
// everywhere.
import { createSecureContext, type ConnectionOptions, type SecureContext, type SecureContextOptions, type TlsOptions } from 'node:tls';
import { isIP } from 'node:net';
import type { Certificate, ClientAuthType, GetCertificate, PEMData, TLSConfig } from './config.js';
import { TLSConfigError } from './errors.js';

/** What a server-side TLS socket is created with, resolved once per config. */
export interface ServerTLS {
  /** The context of `certificates` (possibly without any certificate, with getCertificate). */
  readonly secureContext: SecureContext;
  /** The options `new TLSSocket(socket, ...)`, `tls.createServer` and `https.createServer` take. */
  readonly socketOptions: TlsOptions;
  /** The client-certificate policy, checked again after the handshake (see `client-auth.ts`). */
  readonly clientAuth: ClientAuthType;
}

/**
 * Resolves a server's config. `defaultProtos` are the ALPN protocols used when the config names
 * none. Throws TLSConfigError for a config no handshake could succeed with.
 */
export function serverTLS(config: TLSConfig, defaultProtos: readonly string[] = []): ServerTLS {
  const certificates = certificatesOf(config);
  if (certificates.length === 0 && config.getCertificate === undefined) {
    throw new TLSConfigError('neither certificates (key and cert) nor getCertificate set in the config');
  }
  const base = contextBase(config, config.clientCAs);
  const secureContext = contextOf(base, certificates);
  const clientAuth = config.clientAuth ?? 'none';
  const protos = config.nextProtos ?? defaultProtos;
  const socketOptions: TlsOptions = {
    ...base,
    ...certificateOptions(certificates),
    secureContext,
    requestCert: clientAuth !== 'none',
    // node refuses an unverified certificate only when it may refuse every one: the policies
    // that accept some unverified ones are checked after the handshake.
    rejectUnauthorized: clientAuth === 'require-and-verify',
  };
  if (protos.length > 0) socketOptions.ALPNProtocols = [...protos];
  if (config.getCertificate !== undefined) socketOptions.SNICallback = sniCallback(config.getCertificate, base);
  return { secureContext, socketOptions, clientAuth };
}

/** The options of `tls.connect` for a client with `config`, dialing `host`. */
export function clientTLSOptions(config: TLSConfig, host: string): ConnectionOptions {
  const base = contextBase(config, config.rootCAs);
  const options: ConnectionOptions = { ...base, ...certificateOptions(certificatesOf(config)) };
  const serverName = config.serverName ?? (isIP(host) === 0 ? host : '');
  // RFC 6066 forbids an IP address as SNI: the address is then only checked, as Go does.
  if (serverName !== '' && isIP(serverName) === 0) options.servername = serverName;
  if (config.serverName !== undefined && isIP(config.serverName) !== 0) {
    const name = config.serverName;
    options.checkServerIdentity = (_host, cert) => checkIdentity(name, cert);
  }
  if (config.nextProtos !== undefined && config.nextProtos.length > 0) options.ALPNProtocols = [...config.nextProtos];
  options.rejectUnauthorized = config.insecureSkipVerify !== true;
  return options;
}

/** The certificates of a config: `certificates`, then the `key`/`cert` pair. */
export function certificatesOf(config: TLSConfig): Certificate[] {
  const list = [...(config.certificates ?? [])];
  if (config.key !== undefined || config.cert !== undefined) {
    if (config.key === undefined || config.cert === undefined) throw new TLSConfigError('key and cert must be given together');
    list.push(config.passphrase === undefined ? { key: config.key, cert: config.cert } : { key: config.key, cert: config.cert, passphrase: config.passphrase });
  }
  return list;
}

/** What every context of a config shares: versions, suites, the authorities that verify the peer. */
function contextBase(config: TLSConfig, cas: PEMData | readonly PEMData[] | undefined): SecureContextOptions {
  const base: SecureContextOptions = { minVersion: config.minVersion ?? 'TLSv1.2', maxVersion: config.maxVersion ?? 'TLSv1.3' };
  if (config.cipherSuites !== undefined) base.ciphers = config.cipherSuites.join(':');
  if (cas !== undefined) base.ca = (isList(cas) ? cas : [cas]).map(toBuffer);
  return base;
}

function certificateOptions(certificates: readonly Certificate[]): SecureContextOptions {
  if (certificates.length === 0) return {};
  return {
    key: certificates.map((c) => (c.passphrase === undefined ? { pem: toBuffer(c.key) } : { pem: toBuffer(c.key), passphrase: c.passphrase })),
    cert: certificates.map((c) => toBuffer(c.cert)),
  };
}

function contextOf(base: SecureContextOptions, certificates: readonly Certificate[]): SecureContext {
  try {
    return createSecureContext({ ...base, ...certificateOptions(certificates) });
  } catch (err) {
    throw new TLSConfigError('cannot load the certificates', err);
  }
}

// getCertificate as node's SNICallback. A context is built once per Certificate object and
// reused while getCertificate keeps returning that object.
function sniCallback(get: GetCertificate, base: SecureContextOptions): NonNullable<TlsOptions['SNICallback']> {
  const built = new WeakMap<Certificate, SecureContext>();
  return (serverName, cb) => {
    let pending: ReturnType<GetCertificate>;
    try {
      pending = get({ serverName });
    } catch (err) {
      cb(asError(err), undefined);
      return;
    }
    Promise.resolve(pending).then(
      (cert) => {
        if (cert === undefined) {
          cb(null, undefined);
          return;
        }
        let ctx = built.get(cert);
        if (ctx === undefined) {
          ctx = contextOf(base, [cert]);
          built.set(cert, ctx);
        }
        cb(null, ctx);
      },
      (err: unknown) => {
        cb(asError(err), undefined);
      },
    ).catch((err: unknown) => {
      cb(asError(err), undefined);
    });
  };
}

function checkIdentity(name: string, cert: Parameters<NonNullable<ConnectionOptions['checkServerIdentity']>>[1]): Error | undefined {
  const ips = (cert.subjectaltname ?? '').split(', ').filter((s) => s.startsWith('IP Address:')).map((s) => s.slice(11));
  if (ips.includes(name)) return undefined;
  return Object.assign(new Error(`IP: ${name} is not in the cert's list: ${ips.join(', ')}`), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
}

function isList(v: PEMData | readonly PEMData[]): v is readonly PEMData[] {
  return Array.isArray(v);
}

function toBuffer(pem: PEMData): Buffer {
  return typeof pem === 'string' ? Buffer.from(pem, 'utf8') : Buffer.from(pem.buffer, pem.byteOffset, pem.byteLength);
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
