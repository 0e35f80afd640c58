// A TLSConfig resolved into node:tls options: what a server is refused for, and what a client
// sends and checks.
import { expect } from 'chai';
import { clientTLSOptions, serverTLS } from '../../src/tls/node-options.js';
import { TLSConfigError } from '../../src/tls/errors.js';
import { localhostCertificate, selfSignedCertificate } from '../../../../test/support/tls-cert.js';

describe('TLSConfig', () => {
  const own = localhostCertificate();

  describe('a server config', () => {
    const refused: { name: string; config: () => Parameters<typeof serverTLS>[0]; message: RegExp }[] = [
      { name: 'without certificates nor getCertificate', config: () => ({}), message: /neither certificates/ },
      { name: 'with a key but no cert', config: () => ({ key: own.key }), message: /key and cert must be given together/ },
      { name: 'with a key that is not the certificate\'s', config: () => ({ key: selfSignedCertificate().key, cert: own.cert }), message: /cannot load the certificates/ },
      { name: 'with a PEM that does not parse', config: () => ({ key: 'nonsense', cert: own.cert }), message: /cannot load the certificates/ },
      { name: 'with the wrong passphrase', config: () => ({ ...selfSignedCertificate({ passphrase: 'right' }), passphrase: 'wrong' }), message: /cannot load the certificates/ },
    ];
    for (const c of refused) {
      it(`is refused ${c.name}, with ERR_TLS_CONFIG`, () => {
        const config = c.config();
        expect(() => serverTLS(config)).to.throw(TLSConfigError, c.message).with.property('code', 'ERR_TLS_CONFIG');
      });
    }

    it('loads an encrypted key with its passphrase', () => {
      const enc = selfSignedCertificate({ passphrase: 'right' });
      expect(enc.key).to.contain('ENCRYPTED PRIVATE KEY');
      expect(() => serverTLS({ ...enc, passphrase: 'right' })).not.to.throw();
    });

    it('takes getCertificate alone, as node\'s SNICallback', () => {
      const s = serverTLS({ getCertificate: () => own });
      expect(s.socketOptions.SNICallback).to.be.a('function');
    });

    it('offers the default ALPN protocols unless nextProtos names its own', () => {
      expect(serverTLS(own, ['http/1.1']).socketOptions.ALPNProtocols).to.deep.equal(['http/1.1']);
      expect(serverTLS({ ...own, nextProtos: ['h2', 'http/1.1'] }, ['http/1.1']).socketOptions.ALPNProtocols).to.deep.equal(['h2', 'http/1.1']);
      expect(serverTLS(own).socketOptions.ALPNProtocols).to.equal(undefined);
    });

    const policies = [
      { clientAuth: 'none', requestCert: false, rejectUnauthorized: false },
      { clientAuth: 'request', requestCert: true, rejectUnauthorized: false },
      { clientAuth: 'require-any', requestCert: true, rejectUnauthorized: false },
      { clientAuth: 'verify-if-given', requestCert: true, rejectUnauthorized: false },
      { clientAuth: 'require-and-verify', requestCert: true, rejectUnauthorized: true },
    ] as const;
    for (const p of policies) {
      it(`clientAuth ${p.clientAuth}: requestCert ${p.requestCert}, rejectUnauthorized ${p.rejectUnauthorized}`, () => {
        const o = serverTLS({ ...own, clientAuth: p.clientAuth }).socketOptions;
        expect([o.requestCert, o.rejectUnauthorized]).to.deep.equal([p.requestCert, p.rejectUnauthorized]);
      });
    }
  });

  describe('a client config', () => {
    it('sends the dialed host name as SNI, and no SNI for an IP address', () => {
      expect(clientTLSOptions({}, 'example.test').servername).to.equal('example.test');
      expect(clientTLSOptions({}, '127.0.0.1').servername).to.equal(undefined);
      expect(clientTLSOptions({ serverName: 'other.test' }, '127.0.0.1').servername).to.equal('other.test');
    });

    it('verifies unless insecureSkipVerify', () => {
      expect(clientTLSOptions({}, 'h').rejectUnauthorized).to.equal(true);
      expect(clientTLSOptions({ insecureSkipVerify: true }, 'h').rejectUnauthorized).to.equal(false);
    });

    it('takes one root CA or several, and versions defaulting to TLS 1.2 to 1.3', () => {
      expect(clientTLSOptions({ rootCAs: own.cert }, 'h').ca).to.have.length(1);
      expect(clientTLSOptions({ rootCAs: [own.cert, own.cert] }, 'h').ca).to.have.length(2);
      const o = clientTLSOptions({}, 'h');
      expect([o.minVersion, o.maxVersion]).to.deep.equal(['TLSv1.2', 'TLSv1.3']);
    });
  });
});
