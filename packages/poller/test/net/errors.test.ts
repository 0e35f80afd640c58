import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import {
  AddrError,
  ClosedError,
  DeadlineExceededError,
  DialError,
  ListenError,
  NetError,
  SocketError,
  UnknownNetworkError,
} from '../../src/net/errors.js';
import { CertificateVerificationError, HandshakeError, TLSConfigError } from '../../src/tls/errors.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

const cases: { name: string; err: NetError; code: string; timeout: boolean; message: string }[] = [
  { name: 'ClosedError', err: new ClosedError('read'), code: 'ERR_NET_CLOSED', timeout: false, message: 'read: use of closed network connection' },
  { name: 'DeadlineExceededError', err: new DeadlineExceededError('write'), code: 'ERR_NET_DEADLINE_EXCEEDED', timeout: true, message: 'write: i/o timeout' },
  { name: 'AddrError', err: new AddrError('missing port in address', 'localhost'), code: 'ERR_NET_ADDR', timeout: false, message: 'address localhost: missing port in address' },
  { name: 'UnknownNetworkError', err: new UnknownNetworkError('udp'), code: 'ERR_NET_UNKNOWN_NETWORK', timeout: false, message: 'unknown network udp' },
  { name: 'DialError (system)', err: new DialError('tcp', '127.0.0.1:1', 'system', refused), code: 'ERR_NET_DIAL', timeout: false, message: 'dial tcp 127.0.0.1:1: connect ECONNREFUSED' },
  { name: 'DialError (timeout)', err: new DialError('tcp', 'h:1', 'timeout'), code: 'ERR_NET_DIAL', timeout: true, message: 'dial tcp h:1: i/o timeout' },
  { name: 'DialError (aborted)', err: new DialError('tcp', 'h:1', 'aborted'), code: 'ERR_NET_DIAL', timeout: false, message: 'dial tcp h:1: operation was canceled' },
  { name: 'ListenError', err: new ListenError('tcp', ':80', Object.assign(new Error('listen EACCES'), { code: 'EACCES' })), code: 'ERR_NET_LISTEN', timeout: false, message: 'listen tcp :80: listen EACCES' },
  { name: 'SocketError', err: new SocketError('read', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })), code: 'ERR_NET_SOCKET', timeout: false, message: 'read: read ECONNRESET' },
  { name: 'TLSConfigError', err: new TLSConfigError('neither certificates nor getCertificate set'), code: 'ERR_TLS_CONFIG', timeout: false, message: 'tls: neither certificates nor getCertificate set' },
  { name: 'HandshakeError', err: new HandshakeError('no application protocol', Object.assign(new Error('x'), { code: 'ERR_SSL_NO_APPLICATION_PROTOCOL' })), code: 'ERR_TLS_HANDSHAKE', timeout: false, message: 'tls: handshake failed: no application protocol' },
  { name: 'CertificateVerificationError', err: new CertificateVerificationError('CERT_HAS_EXPIRED', new Error('certificate has expired')), code: 'ERR_TLS_CERTIFICATE_VERIFICATION', timeout: false, message: 'tls: failed to verify certificate: certificate has expired' },
];

describe('net and TLS errors', () => {
  for (const c of cases) {
    it(`${c.name}: code, Go-style message, timeout() and README entry`, () => {
      expect(c.err).to.be.instanceOf(NetError).and.instanceOf(Error);
      expect(c.err.code).to.equal(c.code);
      expect(c.err.message).to.equal(c.message);
      expect(c.err.timeout()).to.equal(c.timeout);
      expect(readme).to.contain('`' + c.code + '`');
    });
  }

  it('system errors keep their errno', () => {
    expect(new DialError('tcp', 'h:1', 'system', refused).errno).to.equal('ECONNREFUSED');
    expect(new DialError('tcp', 'h:1', 'timeout').errno).to.equal(undefined);
  });
});
