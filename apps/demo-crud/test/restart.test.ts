// Durability end to end: the app runs as a child process on a SQLite file, acknowledges writes,
// is killed with SIGKILL (no shutdown, no flush), is started again on the same file, and must
// answer every acknowledged write.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserClient, type UserJson } from '../src/client.js';
import { startApp, stopApp as kill, type AppProcess } from './support/app-process.js';

describe('the app as a process: shutdown and restart', function () {
  this.timeout(60000);
  let dir: string;
  let running: AppProcess | undefined;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sloe-demo-restart-'));
  });
  after(async () => {
    if (running !== undefined) await kill(running.child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('shuts down on SIGTERM: logs, exits 0, and the last acknowledged write is kept', async () => {
    const env = { DATABASE_PATH: path.join(dir, 'sigterm.db') };
    const lines: string[] = [];
    running = await startApp(env, lines);
    const { user } = await new UserClient(running.url).create({ name: 'Last', email: 'last@sigterm.test' });
    const exited = new Promise<number | null>((resolve) => running!.child.once('exit', (code) => resolve(code)));
    running.child.kill('SIGTERM');
    expect(await exited).to.equal(0);
    const messages = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages.slice(-2)).to.deep.equal(['shutting down: draining requests', 'stopped']);
    running = await startApp(env);
    expect((await new UserClient(running.url).get(user.id)).user).to.deep.equal(user);
    await kill(running.child);
    running = undefined;
  });

  for (const transport of ['netpoll', 'node'] as const) {
    it(`keeps every acknowledged create, update and delete through SIGKILL and restart (${transport} transport)`, async () => {
      const env = { DATABASE_PATH: path.join(dir, `${transport}.db`), TRANSPORT: transport };
      running = await startApp(env);
      let client = new UserClient(running.url);
      const expected = new Map<number, UserJson | null>();
      // Concurrent writers, so the kill lands while the store is busy.
      await Promise.all(
        Array.from({ length: 4 }, async (_, w) => {
          for (let i = 0; i < 10; i++) {
            const { user } = await client.create({ name: `w${w} u${i}`, email: `w${w}.u${i}@restart.test`, age: i });
            expected.set(user.id, user);
            if (i % 3 === 0) expected.set(user.id, (await client.update(user.id, { bio: `edited ${i}` })).user);
            if (i % 5 === 4) {
              await client.delete(user.id);
              expected.set(user.id, null);
            }
          }
        }),
      );
      await kill(running.child);
      running = await startApp(env);
      client = new UserClient(running.url);
      for (const [id, user] of expected) {
        if (user === null) {
          const res = await fetch(`${running.url}/api/users/${id}`);
          expect(res.status, `user ${id} was deleted`).to.equal(404);
        } else {
          expect((await client.get(id)).user).to.deep.equal(user);
        }
      }
      expect((await client.list({ q: 'restart.test' })).total).to.equal([...expected.values()].filter((u) => u !== null).length);
      await kill(running.child);
      running = undefined;
    });
  }
});
