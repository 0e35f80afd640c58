// The process logger as a terminal shows it: one line per request, as the README promises.
import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { createLogger, prettyMessage } from '../src/log.js';
import { SqliteUserRepository } from '../src/store/sqlite.js';

/** The text written to a stream, without colour codes. */
function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return () => text.replace(/\x1b\[[0-9;]*m/g, '');
}

describe('the terminal log', () => {
  it('prints one line per request: time, level, method, path, status, time taken, size, request id', async () => {
    const out = new PassThrough();
    const text = collect(out);
    const repo = SqliteUserRepository.open({ path: ':memory:' });
    try {
      const app = createApp(repo, { logger: createLogger('info', true, out), sessionSecret: 'test-secret' });
      await request(app.callback()).get('/api/users?limit=2').expect(200);
      await request(app.callback()).get('/api/users/12345').expect(404);
    } finally {
      await repo.close();
    }
    const lines = text().split('\n').filter((l) => l !== '');
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: GET \/api\/users 200 \d+(\.\d+)? ms \d+ B \{"reqId":"[^"]+"\}$/);
    expect(lines[1]).to.match(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: GET \/api\/users\/12345 404 /);
  });

  const MESSAGES: { name: string; log: Record<string, unknown>; line: string }[] = [
    { name: 'a request', log: { msg: 'request', method: 'GET', path: '/x', status: 200, ms: 1.5, bytes: 10 }, line: 'GET /x 200 1.5 ms 10 B' },
    { name: 'another message with request fields', log: { msg: 'page failed', method: 'POST', path: '/users' }, line: 'page failed: POST /users' },
    { name: 'a message without them', log: { msg: 'listening on http://localhost:8080', port: 8080 }, line: 'listening on http://localhost:8080' },
  ];
  for (const c of MESSAGES) {
    it(`words ${c.name} as "${c.line}"`, () => {
      expect(prettyMessage(c.log, 'msg')).to.equal(c.line);
    });
  }
});
