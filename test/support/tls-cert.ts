// Certificates made at test time with the openssl CLI, so no private key is ever committed.
// `.ci/run` installs openssl; without it every helper here throws, naming what is missing.
//
//   const { cert, key } = localhostCertificate();             // self-signed for localhost, 127.0.0.1, ::1
//   const ca = testCA();                                       // a CA of its own ...
//   const leaf = ca.issue({ commonName: 'a.test' });          // ... and certificates it signs
//   const client = ca.issue({ commonName: 'alice', usage: 'client' });
//
// Keys are ECDSA P-256 (fast to make and to handshake with); certificates are valid for 2 days.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A certificate and its private key, both PEM. */
export interface TestCertificate {
  /** The certificate, PEM. */
  readonly cert: string;
  /** The unencrypted private key, PEM (PKCS#8). */
  readonly key: string;
  /** The certificate's SHA-256 fingerprint, as node's `X509Certificate.fingerprint256` gives it. */
  readonly fingerprint256: string;
}

/** What a certificate is for, in its extended key usage. */
export type CertificateUsage = 'server' | 'client';

/** Options of a certificate made by {@link selfSignedCertificate} or {@link TestCA.issue}. */
export interface CertificateOptions {
  /** The subject's common name. Default `localhost`. */
  commonName?: string;
  /**
   * Subject alternative names: host names, or IP addresses (told apart by their form).
   * Default: `localhost`, `127.0.0.1` and `::1`.
   */
  altNames?: readonly string[];
  /** The extended key usage. Default `server`. */
  usage?: CertificateUsage;
  /** Encrypts the private key with this passphrase (AES-256). Default: not encrypted. */
  passphrase?: string;
}

/** A certificate authority of the test's own. */
export interface TestCA extends TestCertificate {
  /** Makes a key and a certificate signed by this CA. */
  issue(options?: CertificateOptions): TestCertificate;
}

const LOCALHOST: readonly string[] = ['localhost', '127.0.0.1', '::1'];
const DAYS = '2';

/**
 * A self-signed certificate for `options.commonName` (default `localhost`, with the loopback
 * addresses as alternative names), made now with openssl.
 */
export function selfSignedCertificate(options: CertificateOptions = {}): TestCertificate {
  return inTempDir((dir) => {
    const names = subjectOf(options);
    writeFileSync(path.join(dir, 'ext.cnf'), extensions(options, false));
    openssl([
      'req', '-x509', '-new', ...newKey(), '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
      '-days', DAYS, '-subj', names, '-extensions', 'ext', '-config', path.join(dir, 'ext.cnf'),
    ]);
    return finish(dir, options.passphrase);
  });
}

let cachedLocalhost: TestCertificate | undefined;

/** One self-signed certificate for localhost, made once per test process and shared. */
export function localhostCertificate(): TestCertificate {
  cachedLocalhost ??= selfSignedCertificate();
  return cachedLocalhost;
}

/** A new certificate authority (self-signed, `CA:TRUE`) whose `issue` signs leaf certificates. */
export function testCA(commonName = 'sloe test CA'): TestCA {
  const ca = inTempDir((dir) => {
    writeFileSync(path.join(dir, 'ext.cnf'), caExtensions());
    openssl([
      'req', '-x509', '-new', ...newKey(), '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
      '-days', DAYS, '-subj', `/CN=${commonName}`, '-extensions', 'ext', '-config', path.join(dir, 'ext.cnf'),
    ]);
    return finish(dir, undefined);
  });
  return { ...ca, issue: (options = {}) => issue(ca, options) };
}

function issue(ca: TestCertificate, options: CertificateOptions): TestCertificate {
  return inTempDir((dir) => {
    const file = (name: string): string => path.join(dir, name);
    writeFileSync(file('ca.pem'), ca.cert);
    writeFileSync(file('ca.key'), ca.key);
    writeFileSync(file('ext.cnf'), extensions(options, true));
    openssl(['req', '-new', ...newKey(), '-nodes', '-keyout', file('key.pem'), '-out', file('req.csr'), '-subj', subjectOf(options), '-config', file('ext.cnf')]);
    openssl([
      'x509', '-req', '-in', file('req.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-set_serial', serial(),
      '-days', DAYS, '-out', file('cert.pem'), '-extfile', file('ext.cnf'), '-extensions', 'ext',
    ]);
    return finish(dir, options.passphrase);
  });
}

function newKey(): string[] {
  return ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
}

function subjectOf(options: CertificateOptions): string {
  return `/CN=${options.commonName ?? 'localhost'}`;
}

// An openssl config holding only the extensions section `ext` (and the empty sections `req`
// insists on), so the system's openssl.cnf plays no part.
function extensions(options: CertificateOptions, signed: boolean): string {
  const names = options.altNames ?? (options.commonName === undefined ? LOCALHOST : [options.commonName]);
  const san = names.map((n) => (isIP(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
  const lines = [
    '[req]',
    'distinguished_name = dn',
    '[dn]',
    '[ext]',
    'basicConstraints = critical,CA:FALSE',
    `keyUsage = critical,digitalSignature${signed ? '' : ',keyCertSign'}`,
    `extendedKeyUsage = ${options.usage === 'client' ? 'clientAuth' : 'serverAuth'}`,
  ];
  if (san !== '') lines.push(`subjectAltName = ${san}`);
  return lines.join('\n') + '\n';
}

function caExtensions(): string {
  return ['[req]', 'distinguished_name = dn', '[dn]', '[ext]', 'basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign,cRLSign', 'subjectKeyIdentifier = hash', ''].join('\n');
}

function isIP(name: string): boolean {
  return /^[\d.]+$/.test(name) || name.includes(':');
}

let serials = 0;
function serial(): string {
  return String(Date.now() * 1000 + ++serials);
}

function finish(dir: string, passphrase: string | undefined): TestCertificate {
  const cert = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
  let key = readFileSync(path.join(dir, 'key.pem'), 'utf8');
  if (passphrase !== undefined) {
    key = openssl(['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-in', path.join(dir, 'key.pem'), '-passout', `pass:${passphrase}`]);
  }
  return { cert, key, fingerprint256: new X509Certificate(cert).fingerprint256 };
}

function inTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'sloe-cert-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function openssl(args: string[]): string {
  try {
    return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') {
      throw new Error('the openssl command is required to make test certificates (apt-get install openssl; .ci/run installs it)', { cause: err });
    }
    const stderr = (err as { stderr?: unknown }).stderr;
    throw new Error(`openssl ${args[0] ?? ''} failed: ${typeof stderr === 'string' ? stderr.trim() : String(err)}`, { cause: err });
  }
}
