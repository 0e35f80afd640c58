// tls.listen(network, address, config): Go's tls.Listen, on the net layer's listener.
import { bindServer, type ListenOptions } from '../net/listen.js';
import type { TLSConfig } from './config.js';
import { TLSServerListener, type TLSListener } from './listener.js';
import { serverTLS } from './node-options.js';

/**
 * Listens on `address` as the net layer's `listen` does, and serves TLS with `config` on what
 * it accepts (Go's `tls.Listen`): each accepted connection is a {@link TLSConn} whose handshake
 * starts when it is accepted. The config must give certificates or `getCertificate`. Rejects
 * with TLSConfigError before binding anything when the config cannot work, else as `listen`.
 */
export async function listen(network: string, address: string, config: TLSConfig, options: ListenOptions = {}): Promise<TLSListener> {
  serverTLS(config);
  const bound = await bindServer(network, address, options);
  return new TLSServerListener(bound.server, bound.addr, bound.connOptions, config, [], bound.taken);
}
