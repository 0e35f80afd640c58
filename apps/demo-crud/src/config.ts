// The settings, read once from the environment at start-up; a bad value stops the start with a
// ConfigError naming the variable.
import { isIP } from 'node:net';
import { ConfigError } from './errors.js';

/** The transports the app can listen with. */
export type TransportSetting = 'node' | 'netpoll';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A pino level, or `silent`. */
export type LogLevel = (typeof LEVELS)[number];

/** Every setting of the app, with its environment variable. */
export interface Settings {
  /** `PORT`: the TCP port. Default 8080. */
  port: number;
  /** `HOST`: the interface to bind. Default: all interfaces. */
  host: string | undefined;
  /** `TRANSPORT`: `netpoll` (sloe's own HTTP/1.1 server) or `node` (node:http). Default `netpoll`. */
  transport: TransportSetting;
  /** `LOG_LEVEL`: fatal, error, warn, info, debug, trace or silent. Default `info`. */
  logLevel: LogLevel;
  /** `DATABASE_PATH`: the SQLite file when DATABASE_URL is unset. Default `data/demo.db`. */
  databasePath: string;
  /** `DATABASE_URL`: a postgres:// URL; when set, PostgreSQL is used instead of SQLite. */
  databaseUrl: string | undefined;
  /** `SESSION_SECRET`: keys the session cookie (flash messages) and the CSRF token; share it between instances. Default: random per process. */
  sessionSecret: string | undefined;
  /** `WRITE_RATE_LIMIT`: writes (POST, PUT, PATCH, DELETE) each client may make per minute, or `off`. Default 300. */
  writeRateLimit: number | false;
  /** `TRUSTED_PROXIES`: comma-separated addresses or CIDR ranges whose X-Forwarded-For is believed. Default none. */
  trustedProxies: string[];
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/** Reads the settings from `env`. Throws ConfigError. */
export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const portText = nonEmpty(env.PORT) ?? '8080';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new ConfigError('PORT', `must be a port number from 0 to 65535, not ${JSON.stringify(portText)}`);
  const transport = nonEmpty(env.TRANSPORT) ?? 'netpoll';
  if (transport !== 'node' && transport !== 'netpoll') throw new ConfigError('TRANSPORT', `must be netpoll or node, not ${JSON.stringify(transport)}`);
  const level = (nonEmpty(env.LOG_LEVEL) ?? 'info').toLowerCase();
  const logLevel = LEVELS.find((l) => l === level);
  if (logLevel === undefined) throw new ConfigError('LOG_LEVEL', `must be one of ${LEVELS.join(', ')}, not ${JSON.stringify(level)}`);
  const databaseUrl = nonEmpty(env.DATABASE_URL);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL', 'must be a postgres:// URL');
  const limitText = (nonEmpty(env.WRITE_RATE_LIMIT) ?? '300').toLowerCase();
  if (limitText !== 'off' && !/^[1-9]\d{0,8}$/.test(limitText)) throw new ConfigError('WRITE_RATE_LIMIT', `must be a number of writes per minute from 1, or off, not ${JSON.stringify(limitText)}`);
  const trustedProxies = (nonEmpty(env.TRUSTED_PROXIES) ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
  for (const p of trustedProxies) {
    if (!isAddressOrRange(p)) throw new ConfigError('TRUSTED_PROXIES', `must list IP addresses or CIDR ranges, not ${JSON.stringify(p)}`);
  }
  return {
    port: Number(portText),
    host: nonEmpty(env.HOST),
    transport,
    logLevel,
    databasePath: nonEmpty(env.DATABASE_PATH) ?? 'data/demo.db',
    databaseUrl,
    sessionSecret: nonEmpty(env.SESSION_SECRET),
    writeRateLimit: limitText === 'off' ? false : Number(limitText),
    trustedProxies,
  };
}

/** `127.0.0.1`, `::1`, `10.0.0.0/8`, `fd00::/8`: an IP address with an optional prefix length. */
function isAddressOrRange(text: string): boolean {
  const [address = '', bits, extra] = text.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}
