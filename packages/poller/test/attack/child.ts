// Starting the attack tests' servers in a child process, where a crash or a reset cannot be
// hidden by sharing an event loop with the client.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A server script running in its own process: its first stdout line is JSON with `port`. */
export interface Child {
  process: ChildProcess;
  port: number;
  /** Every later stdout line, parsed. */
  lines: unknown[];
  /** What it wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code when it exits. */
  exited: Promise<number | null>;
}

/** Runs `script` (beside this file) with `args` and node options `execArgv`; resolves once it listens. */
export async function startChild(script: string, args: string[] = [], execArgv: string[] = []): Promise<Child> {
  const file = fileURLToPath(new URL(script, import.meta.url));
  const c = spawn(process.execPath, [...execArgv, '--import', 'tsx', file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  c.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => c.once('exit', (code) => resolve(code)));
  const lines: unknown[] = [];
  const input = createInterface({ input: c.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    input.on('line', (line) => {
      const m = JSON.parse(line) as { port?: number };
      if (m.port !== undefined) resolve(m.port);
      else lines.push(m);
    });
    void exited.then(() => reject(new Error(`the server exited before listening: ${err}`)));
  });
  return { process: c, port, lines, stderr: () => err, exited };
}
