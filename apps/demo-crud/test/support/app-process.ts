// The app as a child process (src/main.ts through tsx), as `npm start` runs it: started on a free
// port with the given settings, ready once it logs that it listens, stopped by a signal.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** A running app process. */
export interface AppProcess {
  child: ChildProcess;
  /** The port it listens on (on 127.0.0.1). */
  port: number;
  /** `http://127.0.0.1:<port>`. */
  url: string;
}

/**
 * Starts the app with `env` over the test's environment (PORT 0, HOST 127.0.0.1, LOG_LEVEL info
 * unless given) and resolves once it logs `listening`; `lines` receives every line it logs.
 */
export function startApp(env: Record<string, string>, lines: string[] = []): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the app did not report listening within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`the app exited with ${String(code)} before listening`)));
    // Read to the end whatever happens, so a chatty app never blocks on a full pipe.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      let entry: { port?: unknown; msg?: unknown };
      try {
        entry = JSON.parse(line) as { port?: unknown; msg?: unknown };
      } catch {
        return;
      }
      if (typeof entry.port === 'number' && String(entry.msg).startsWith('listening')) {
        clearTimeout(timer);
        resolve({ child, port: entry.port, url: `http://127.0.0.1:${entry.port}` });
      }
    });
  });
}

/** Sends `signal` (default SIGKILL: no shutdown, no flush) and resolves once the process is gone. */
export function stopApp(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
