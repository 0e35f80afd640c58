// listen() in a node:cluster worker: a connection the primary hands over in the same turn as its
// answer to the bind reaches the Listener (the fixture says how the case is made).
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const fixture = fileURLToPath(new URL('../fixtures/cluster-listen.mjs', import.meta.url));

describe('listen() in a node:cluster worker', function () {
  // Three node processes and a worker kept busy for 5 s.
  this.timeout(60_000);

  it('accepts a connection handed over before the listening event, as every other', async () => {
    const out = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [fixture], { timeout: 50_000 }, (err, stdout) => (err === null ? resolve(stdout) : reject(err)));
    });
    const got = JSON.parse(out.trim().split('\n').pop()!) as { first: string; second: string };
    expect(got).to.deep.equal({ first: 'A', second: 'B' });
  });
});
