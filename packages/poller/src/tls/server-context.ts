// The TLS of a node:tls server (the node transport's https.Server, the HTTP/2 transport's
// tls.Server): its options, with the certificate choice and the context replaceable while it
// listens (setSecureContext), and the client-certificate policy judged on every connection.
import type { Server as TLSServer, TLSSocket, TlsOptions } from 'node:tls';
import { clientAuthFailure, clientCertificateOf } from './client-auth.js';
import type { ClientAuthType, TLSConfig } from './config.js';
import { serverTLS, type ServerTLS } from './node-options.js';

/**
 * The TLS side of one server. `options` go to the node:tls server when it is created; `reload`
 * replaces its certificates and `getCertificate` for the connections that come next. ALPN and
 * `clientAuth` stay as the server started with them.
 */
export class ServerSecureContext {
  readonly #protos: readonly string[];
  readonly #clientAuth: ClientAuthType;
  #tls: ServerTLS;
  #server: TLSServer | undefined;

  /** Resolves `config`; throws TLSConfigError for one that cannot work. */
  constructor(config: TLSConfig, defaultProtos: readonly string[]) {
    this.#protos = defaultProtos;
    this.#tls = serverTLS(config, defaultProtos);
    this.#clientAuth = this.#tls.clientAuth;
  }

  /** The options of the node:tls server, whose SNI callback asks the current config. */
  get options(): TlsOptions {
    return { ...this.#tls.socketOptions, SNICallback: this.#sni };
  }

  /**
   * Takes charge of `server`, created with `options`: a connection whose client certificate
   * breaks the policy is closed before it is served (the listener runs first).
   */
  attach(server: TLSServer): void {
    this.#server = server;
    server.prependListener('secureConnection', this.#onSecureConnection);
  }

  /**
   * Serves `config` on the attached server from its next handshake; throws TLSConfigError and
   * keeps the old one when it cannot work.
   */
  reload(config: TLSConfig): void {
    const next = serverTLS(config, this.#protos);
    this.#server?.setSecureContext(next.socketOptions);
    this.#tls = next;
  }

  readonly #onSecureConnection = (socket: TLSSocket): void => {
    const refused = clientAuthFailure(this.#clientAuth, clientCertificateOf(socket));
    if (refused !== undefined) socket.destroy();
  };

  readonly #sni: NonNullable<TlsOptions['SNICallback']> = (serverName, cb) => {
    const pick = this.#tls.socketOptions.SNICallback;
    if (pick === undefined) cb(null, undefined);
    else pick(serverName, cb);
  };
}
