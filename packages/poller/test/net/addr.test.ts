import { expect } from 'chai';
import { joinHostPort, parseTcpAddress, splitHostPort, unmapIPv4 } from '../../src/net/addr.js';
import { AddrError } from '../../src/net/errors.js';

// Expected values follow Go's net.SplitHostPort / net.JoinHostPort documentation and tests.
const splits: { name: string; in: string; host: string; port: string }[] = [
  { name: 'IPv4 host', in: '127.0.0.1:8080', host: '127.0.0.1', port: '8080' },
  { name: 'bracketed IPv6 host', in: '[::1]:8080', host: '::1', port: '8080' },
  { name: 'IPv6 with zone', in: '[fe80::1%lo0]:80', host: 'fe80::1%lo0', port: '80' },
  { name: 'empty host (all interfaces)', in: ':8080', host: '', port: '8080' },
  { name: 'host name', in: 'localhost:0', host: 'localhost', port: '0' },
  { name: 'empty port', in: 'host:', host: 'host', port: '' },
];

const badSplits: { name: string; in: string; reason: string }[] = [
  { name: 'no port', in: 'localhost', reason: 'missing port in address' },
  { name: 'unbracketed IPv6', in: '::1:80', reason: 'too many colons in address' },
  { name: 'bracket without port', in: '[::1]', reason: 'missing port in address' },
  { name: 'unclosed bracket', in: '[::1:80', reason: 'missing \']\' in address' },
  { name: 'stray bracket', in: 'a]b:80', reason: 'unexpected' },
];

const ports: { name: string; network: 'tcp' | 'tcp4' | 'tcp6'; in: string; error?: string }[] = [
  { name: 'port 0', network: 'tcp', in: ':0' },
  { name: 'port 65535', network: 'tcp', in: ':65535' },
  { name: 'port over 65535', network: 'tcp', in: ':65536', error: 'invalid port' },
  { name: 'non-numeric port', network: 'tcp', in: ':http', error: 'invalid port' },
  { name: 'signed port', network: 'tcp', in: ':+80', error: 'invalid port' },
  { name: 'missing port', network: 'tcp', in: 'host:', error: 'missing port' },
  { name: 'IPv6 literal on tcp4', network: 'tcp4', in: '[::1]:80', error: 'no suitable address' },
  { name: 'IPv4 literal on tcp6', network: 'tcp6', in: '127.0.0.1:80', error: 'no suitable address' },
  { name: 'IPv4 literal on tcp4', network: 'tcp4', in: '127.0.0.1:80' },
];

describe('net addresses', () => {
  describe('splitHostPort', () => {
    for (const c of splits) {
      it(c.name, () => {
        expect(splitHostPort(c.in)).to.deep.equal({ host: c.host, port: c.port });
      });
    }
    for (const c of badSplits) {
      it(`rejects ${c.name}`, () => {
        expect(() => splitHostPort(c.in))
          .to.throw(AddrError)
          .with.property('message')
          .that.contains(c.reason);
      });
    }
  });

  describe('joinHostPort', () => {
    it('brackets IPv6 hosts only', () => {
      expect(joinHostPort('::1', '80')).to.equal('[::1]:80');
      expect(joinHostPort('127.0.0.1', '80')).to.equal('127.0.0.1:80');
      expect(joinHostPort('', '80')).to.equal(':80');
    });
  });

  describe('unmapIPv4', () => {
    const unmaps: { name: string; in: string; out: string }[] = [
      { name: 'IPv4-mapped address', in: '::ffff:127.0.0.1', out: '127.0.0.1' },
      { name: 'plain IPv6 address', in: '::1', out: '::1' },
      { name: 'IPv6 with an ffff group', in: '::ffff:1', out: '::ffff:1' },
      { name: 'plain IPv4 address', in: '10.0.0.1', out: '10.0.0.1' },
    ];
    for (const c of unmaps) {
      it(c.name, () => {
        expect(unmapIPv4(c.in)).to.equal(c.out);
      });
    }
  });

  describe('ports and families', () => {
    for (const c of ports) {
      it(c.name, () => {
        if (c.error === undefined) expect(() => parseTcpAddress(c.network, c.in)).not.to.throw();
        else
          expect(() => parseTcpAddress(c.network, c.in))
            .to.throw(AddrError)
            .with.property('code', 'ERR_NET_ADDR');
      });
    }
  });
});
