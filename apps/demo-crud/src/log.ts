// The process logger: human-readable lines when stdout is a terminal, JSON lines otherwise (for
// log collectors).
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from './config.js';

/** A pino logger at `level`, pretty-printed when `tty` is true. */
export function createLogger(level: LogLevel, tty: boolean): Logger {
  if (!tty) return pino({ level });
  return pino({ level }, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true }));
}
