import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));

function start(script: string, args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', examples + script, ...args], { cwd: examples, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (s: string) => {
    out += s;
  });
  return { child, output: () => out };
}

async function waitFor(cond: () => boolean, what: string, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('examples: echo-server and line-client over a real socket', function () {
  this.timeout(30000);

  it('the client sends each stdin line, prints the echoes and quits on bye; the server prints each line', async () => {
    const server = start('echo-server.ts', ['127.0.0.1:0']);
    try {
      await waitFor(() => /listening on 127\.0\.0\.1:\d+/.test(server.output()), 'the server to listen');
      const address = /listening on (127\.0\.0\.1:\d+)/.exec(server.output())![1]!;
      const client = start('line-client.ts', [address]);
      const exited = new Promise<number | null>((resolve) => client.child.once('exit', resolve));
      // stdin stays open after "bye": the client must quit on the word, not on end of input.
      client.child.stdin!.write('hello\nsecond line\nbye\n');
      expect(await exited).to.equal(0);
      expect(client.output().split('\n')).to.include.members(['echo: hello', 'echo: second line', 'echo: bye']);
      client.child.stdin!.end();
      await waitFor(() => server.output().includes('disconnected'), 'the server to see the client go');
      const printed = server.output().split('\n');
      const peer = /(127\.0\.0\.1:\d+) connected/.exec(server.output())![1]!;
      expect(printed).to.include.members([`${peer}: hello`, `${peer}: second line`, `${peer}: bye`, `${peer} disconnected`]);
    } finally {
      const stopped = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.kill('SIGTERM');
      await stopped;
    }
  });
});
