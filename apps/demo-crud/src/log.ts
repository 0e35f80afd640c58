// The process logger: human-readable lines when stdout is a terminal, JSON lines otherwise (for
// log collectors). In a terminal every record is one line: a request reads
// `12:00:00.123 INFO: GET /users 200 3 ms 5120 B {"reqId":"…"}`.
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from './config.js';

/** The fields of core's request log, shown in the message rather than as an object. */
const REQUEST_FIELDS = ['method', 'path', 'status', 'ms', 'bytes'];

/**
 * The message of a pretty line: the request fields a record carries read as
 * `GET /users 200 3 ms 5120 B` (after its own message, unless that is core's `request`).
 */
export function prettyMessage(log: Record<string, unknown>, messageKey: string): string {
  const msg = typeof log[messageKey] === 'string' ? log[messageKey] : '';
  const parts: string[] = [];
  if (typeof log.method === 'string') parts.push(log.method);
  if (typeof log.path === 'string') parts.push(log.path);
  if (typeof log.status === 'number') parts.push(String(log.status));
  if (typeof log.ms === 'number') parts.push(`${log.ms} ms`);
  if (typeof log.bytes === 'number') parts.push(`${log.bytes} B`);
  if (parts.length === 0) return msg;
  return msg === 'request' || msg === '' ? parts.join(' ') : `${msg}: ${parts.join(' ')}`;
}

/** A pino logger at `level`, pretty-printed one line per record when `tty` is true, to `destination` (default stdout). */
export function createLogger(level: LogLevel, tty: boolean, destination: NodeJS.WritableStream = process.stdout): Logger {
  if (!tty) return pino({ level }, destination);
  return pino(
    { level },
    pretty({
      colorize: true,
      translateTime: 'SYS:HH:MM:ss.l',
      // The request fields are in the message; whatever else a record carries follows as JSON on the same line.
      ignore: ['pid', 'hostname', ...REQUEST_FIELDS].join(','),
      singleLine: true,
      messageFormat: prettyMessage,
      destination,
      sync: true,
    }),
  );
}
