// tls.dial(network, address, config): Go's tls.DialWithDialer, on the net layer's dialer: the
// connection is made as `dial` makes it, then the client side of TLS is layered on it and the
// handshake completes before the dial resolves.
import { connect } from 'node:tls';
import { splitHostPort } from '../net/addr.js';
import { dialSocket, type DialOptions } from '../net/dial.js';
import { DialError } from '../net/errors.js';
import type { TLSConfig } from './config.js';
import { TLSConn } from './conn.js';
import { clientTLSOptions } from './node-options.js';

/**
 * Connects to `address` as the net layer's `dial` does, then makes the TLS handshake with
 * `config` (Go's `tls.Dial`): resolves with a {@link TLSConn} whose handshake completed. The
 * server is verified against `config.rootCAs` (node's roots by default) and
 * `config.serverName`, which defaults to the host of `address`. `options.timeout` and
 * `options.signal` cover the handshake too. Rejects as `dial` does, with
 * `CertificateVerificationError` or `HandshakeError` for a failed handshake, and with a
 * `DialError` whose `failure` is `timeout` or `aborted` when the dial took too long or was
 * aborted during the handshake.
 */
export async function dial(network: string, address: string, config: TLSConfig = {}, options: DialOptions = {}): Promise<TLSConn> {
  const started = Date.now();
  const { socket, connOptions } = await dialSocket(network, address, options);
  // An empty host dials the local system, as `dial` does: it is verified as localhost.
  const host = network === 'unix' ? '' : splitHostPort(address).host || 'localhost';
  const tlsOptions = clientTLSOptions(config, host);
  // `host` is what node checks the certificate against when no server name is sent (an IP
  // address); without it node would check 'localhost'.
  const conn = new TLSConn(connect({ ...tlsOptions, socket, host }), { ...connOptions, isServer: false, serverName: tlsOptions.servername ?? '' });
  try {
    await withinDial(conn.handshake(), network, address, options, started);
  } catch (err) {
    conn.close();
    throw err;
  }
  return conn;
}

/** `handshake` bounded by what is left of the dial's timeout and by its signal. */
function withinDial(handshake: Promise<void>, network: string, address: string, options: DialOptions, started: number): Promise<void> {
  const { signal, timeout } = options;
  if (signal === undefined && (timeout === undefined || timeout <= 0)) return handshake;
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      finish();
      reject(new DialError(network, address, 'aborted', signal?.reason));
    };
    function finish(): void {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    if (signal?.aborted === true) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeout !== undefined && timeout > 0) {
      timer = setTimeout(() => {
        finish();
        reject(new DialError(network, address, 'timeout'));
      }, Math.max(0, timeout - (Date.now() - started)));
    }
    handshake.finally(finish).then(resolve, reject);
  });
}
