// The entry point of `npm start`: reads the settings, opens the store (migrating it), serves the
// app, and shuts down gracefully on SIGINT/SIGTERM: no new connections, in-flight requests
// finish, the store closes. A second signal exits at once.
import { createApp } from './app.js';
import { readSettings } from './config.js';
import { ConfigError } from './errors.js';
import { createLogger } from './log.js';
import { openRepository } from './store/open.js';

async function main(): Promise<void> {
  const settings = readSettings(process.env);
  const log = createLogger(settings.logLevel, process.stdout.isTTY);
  if (settings.sessionSecret === undefined) log.warn('SESSION_SECRET is unset: a random key signs the session cookie and the forms, valid on this instance until it stops');
  const repo = await openRepository(settings);
  const app = createApp(repo, { logger: log, sessionSecret: settings.sessionSecret, writeRateLimit: settings.writeRateLimit, trustedProxies: settings.trustedProxies });
  const server = await app.listen({ port: settings.port, host: settings.host, transport: settings.transport });
  const store = settings.databaseUrl !== undefined ? 'postgres' : `sqlite:${settings.databasePath}`;
  log.info({ address: server.address, port: server.port, transport: settings.transport, store }, `listening on http://${displayHost(settings.host)}:${server.port}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down: draining requests');
    void (async () => {
      try {
        await app.close();
        await repo.close();
        log.info('stopped');
        process.exit(0);
      } catch (err) {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      }
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function displayHost(host: string | undefined): string {
  return host === undefined || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(`sloe demo: ${err.message}`);
  else console.error('sloe demo: failed to start:', err);
  process.exit(1);
});
