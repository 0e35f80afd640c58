// A TCP server that prints every line each client sends and echoes it back: the first program
// of every Go networking course, on @sloe/poller's net API.
//
//   node --import tsx examples/echo-server.ts [address]     (default ":8080")
import { listen, Scanner, type Conn } from '../src/index.js';

const encoder = new TextEncoder();

async function handle(conn: Conn): Promise<void> {
  const who = conn.remoteAddr.toString();
  console.log(`${who} connected`);
  try {
    // Go's bufio.NewScanner(conn): one line per scan, without its newline.
    const input = new Scanner(conn);
    while (await input.scan()) {
      const line = input.text();
      console.log(`${who}: ${line}`);
      await conn.write(encoder.encode(`${line}\n`));
    }
    if (input.err() !== null) throw input.err();
    console.log(`${who} disconnected`);
  } catch (err) {
    console.log(`${who} failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    conn.close();
  }
}

async function main(): Promise<void> {
  const ln = await listen('tcp', process.argv[2] ?? ':8080');
  console.log(`listening on ${ln.addr.toString()}`);
  const stop = (): void => {
    void ln.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Each connection is served concurrently, as `go handle(conn)` would.
  for await (const conn of ln) void handle(conn);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
