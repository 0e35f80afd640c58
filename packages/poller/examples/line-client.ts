// A TCP client that sends each line typed on stdin and prints what the server answers; it
// quits after sending "bye". The companion of echo-server.ts.
//
//   node --import tsx examples/line-client.ts [address]     (default "127.0.0.1:8080")
import { createInterface } from 'node:readline';
import { dial, Scanner } from '../src/index.js';

const encoder = new TextEncoder();

async function main(): Promise<void> {
  const conn = await dial('tcp', process.argv[2] ?? '127.0.0.1:8080', { timeout: 5000 });
  const printed = (async () => {
    const replies = new Scanner(conn);
    while (await replies.scan()) console.log(`echo: ${replies.text()}`);
  })();
  const input = createInterface({ input: process.stdin, terminal: false });
  for await (const line of input) {
    await conn.write(encoder.encode(`${line}\n`));
    if (line.trim() === 'bye') break;
  }
  input.close();
  // Half-close: the server sees EOF, finishes its echoes and closes its side.
  await conn.closeWrite();
  await printed;
  conn.close();
  process.stdin.destroy();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
