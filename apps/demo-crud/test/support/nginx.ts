// nginx from the system, run by a test as a foreground child process on loopback, its config
// generated from docs/nginx.conf.template into a temporary directory that also holds its pid
// file, logs and temporary files, so it needs no root-owned path and no system config.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The config template the README and docs/two-instances.sh show. */
export const NGINX_TEMPLATE = new URL('../../docs/nginx.conf.template', import.meta.url);

/** Where nginx may be besides PATH: Debian puts it in /usr/sbin, often not on a user's PATH. */
const SBIN = ['/usr/sbin', '/usr/local/sbin', '/usr/local/nginx/sbin'];

/** The nginx executable, or null when it is not installed. */
export function findNginx(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter((d) => d !== ''), ...SBIN];
  for (const dir of dirs) {
    const file = path.join(dir, 'nginx');
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // Not here.
    }
  }
  return null;
}

/** The config for `servers` (host:port of each instance), nginx listening on `listen`, its files in `runDir`. */
export function nginxConfig(runDir: string, listen: string, servers: readonly string[]): string {
  const lines = servers.map((s) => `    server ${s} max_fails=1 fail_timeout=5s;`).join('\n');
  return readFileSync(NGINX_TEMPLATE, 'utf8').replaceAll('@RUN_DIR@', runDir).replaceAll('@LISTEN@', listen).replace(/^@SERVERS@$/m, lines);
}

/** A running nginx. */
export interface Nginx {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** The directory of its config, logs and temporary files. */
  dir: string;
  /** The access log so far (one line per request, with the instance that answered). */
  accessLog(): string;
  /** The error log so far. */
  errorLog(): string;
  /** Stops it (SIGQUIT: graceful, then SIGKILL after 5 s) and removes its directory. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function read(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Starts `binary` in front of `servers` on a free loopback port; resolves once it accepts connections. */
export async function startNginx(binary: string, servers: readonly string[]): Promise<Nginx> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sloe-nginx-'));
  // Run as root, nginx's workers drop to `nobody`, who must reach the temporary files in here.
  chmodSync(dir, 0o755);
  const errorLog = path.join(dir, 'error.log');
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, `127.0.0.1:${port}`, servers));
    const child = spawn(binary, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', errorLog], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const gone = exited(child);
    let up = false;
    for (let i = 0; i < 100 && child.exitCode === null && child.signalCode === null; i++) {
      if (await accepts(port)) {
        up = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (up) {
      return {
        url: `http://127.0.0.1:${port}`,
        port,
        dir,
        accessLog: () => read(path.join(dir, 'access.log')),
        errorLog: () => read(errorLog),
        async stop() {
          const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
          child.kill('SIGQUIT');
          await gone;
          clearTimeout(timer);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    child.kill('SIGKILL');
    await gone;
    const log = `${stderr}${read(errorLog)}`;
    // Another process took the port between our probe and nginx's bind: try another.
    if (attempt < 3 && /Address already in use/.test(log)) continue;
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx did not start: ${log.trim() || 'no output'}`);
  }
}
