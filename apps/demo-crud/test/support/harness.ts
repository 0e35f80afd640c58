// The app on a temporary SQLite store, reachable three ways: supertest over `callback()` (no
// listening socket of ours), and supertest over a real socket served by each transport.
import { CoreError, Engine, type Listening } from '@sloe/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createApp, type AppOptions } from '../../src/app.js';
import type { UserRepository } from '../../src/store/repository.js';
import { PostgresUserRepository } from '../../src/store/postgres.js';
import { SqliteUserRepository } from '../../src/store/sqlite.js';
import { runId } from './pending.js';
import pg from 'pg';

/** How a harness reaches the app. */
export type Mode = 'callback' | 'node' | 'netpoll';

/** Every mode, each run through the same tables. */
export const MODES: readonly Mode[] = ['callback', 'node', 'netpoll'];

/** A request of a case. */
export interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  path: string;
  headers?: Record<string, string>;
  /** Sent as is: a string, not serialized. */
  body?: string;
}

/** A response as the tests see it. */
export interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON (null when it is not JSON). */
  json: unknown;
}

/** A running app. */
export interface Harness {
  app: Engine;
  repo: UserRepository;
  /** `http://127.0.0.1:port` in the socket modes. */
  url: string | null;
  send(req: Req): Promise<Res>;
  close(): Promise<void>;
}

/** The store under the app: a temporary SQLite file, or a schema of its own in TEST_DATABASE_URL. */
export type StoreChoice = 'sqlite' | 'postgres';

/** Starts the app on a fresh store, reachable in `mode`. */
export async function startHarness(mode: Mode, options: AppOptions = {}, store: StoreChoice = 'sqlite'): Promise<Harness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sloe-demo-app-'));
  const schema = `sloe_app_${runId()}`;
  const repo: UserRepository =
    store === 'sqlite'
      ? SqliteUserRepository.open({ path: path.join(dir, 'demo.db') })
      : await PostgresUserRepository.open({ connectionString: process.env.TEST_DATABASE_URL!, schema, synchronousCommit: false });
  // The tables write far more than a client may per minute: the limit has tests of its own.
  const app = createApp(repo, { sessionSecret: 'test-secret', writeRateLimit: false, ...options });
  let server: Listening | null = null;
  if (mode !== 'callback') server = await app.listen({ host: '127.0.0.1', port: 0, transport: mode });
  const url = server === null ? null : `http://127.0.0.1:${server.port}`;
  const target = url ?? app.callback();
  return {
    app,
    repo,
    url,
    async send(req) {
      const agent = request(target);
      let t =
        req.method === 'GET' ? agent.get(req.path)
        : req.method === 'POST' ? agent.post(req.path)
        : req.method === 'PUT' ? agent.put(req.path)
        : req.method === 'PATCH' ? agent.patch(req.path)
        : req.method === 'DELETE' ? agent.delete(req.path)
        : agent.head(req.path);
      for (const [k, v] of Object.entries(req.headers ?? {})) t = t.set(k, v);
      // The raw text, whatever its type: supertest would otherwise re-serialize or reject it.
      t = t.buffer(true).parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
      const res = await (req.body === undefined ? t : t.send(req.body));
      const text = typeof res.body === 'string' ? res.body : '';
      let json: unknown = null;
      if (/json/.test(String(res.headers['content-type'] ?? ''))) {
        try {
          json = JSON.parse(text);
        } catch {
          json = null;
        }
      }
      return { status: res.status, headers: res.headers as Record<string, string | string[] | undefined>, text, json };
    },
    async close() {
      await server?.close();
      await repo.close();
      rmSync(dir, { recursive: true, force: true });
      if (store === 'postgres') {
        const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL! });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => client.end());
      }
    },
  };
}

/** Why `mode` cannot serve here (its transport is not available), or null. */
export async function transportMissing(mode: Mode): Promise<string | null> {
  if (mode === 'callback') return null;
  const probe = new Engine();
  try {
    const server = await probe.listen({ host: '127.0.0.1', port: 0, transport: mode });
    await server.close();
    return null;
  } catch (err) {
    if (err instanceof CoreError && err.code === 'ERR_CORE_TRANSPORT') return `the ${mode} transport is not available: ${err.message}`;
    throw err;
  }
}
