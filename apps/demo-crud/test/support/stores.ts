// The stores under test, each opened fresh (an empty database) per test: SQLite on a temporary
// file, PostgreSQL in a schema of its own inside TEST_DATABASE_URL's database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PostgresUserRepository } from '../../src/store/postgres.js';
import type { UserRepository } from '../../src/store/repository.js';
import { SqliteUserRepository } from '../../src/store/sqlite.js';
import { runId } from './pending.js';

/** One kind of store: how to open an empty one, reopen it, and throw it away. */
export interface StoreKind {
  name: string;
  /** Why this store cannot run here, or null. */
  missing(): string | null;
  /** A new, empty store. */
  create(now?: () => Date): Promise<OpenedStore>;
}

/** A store opened for one test. */
export interface OpenedStore {
  repo: UserRepository;
  /** Opens the same database again (the store must already be closed). */
  reopen(now?: () => Date): Promise<UserRepository>;
  /** Closes it and deletes its data. */
  dispose(): Promise<void>;
}

/** SQLite on a file in a fresh temporary directory. */
export const sqliteKind: StoreKind = {
  name: 'SQLite',
  missing: () => null,
  create(now) {
    const dir = mkdtempSync(path.join(tmpdir(), 'sloe-demo-store-'));
    const file = path.join(dir, 'nested', 'demo.db');
    const repos: UserRepository[] = [SqliteUserRepository.open({ path: file, now })];
    return Promise.resolve({
      repo: repos[0]!,
      reopen(again) {
        const r = SqliteUserRepository.open({ path: file, now: again });
        repos.push(r);
        return Promise.resolve(r);
      },
      async dispose() {
        for (const r of repos) await r.close().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    });
  },
};

/** PostgreSQL in a schema named after this run and a counter, dropped afterwards. */
export const postgresKind: StoreKind = {
  name: 'PostgreSQL',
  missing: () => (process.env.TEST_DATABASE_URL ? null : 'TEST_DATABASE_URL is not set'),
  async create(now) {
    const url = process.env.TEST_DATABASE_URL!;
    const schema = `sloe_test_${runId()}`;
    const repos: UserRepository[] = [await PostgresUserRepository.open({ connectionString: url, schema, now, maxConnections: 4 })];
    return {
      repo: repos[0]!,
      async reopen(again) {
        const r = await PostgresUserRepository.open({ connectionString: url, schema, now: again, maxConnections: 4 });
        repos.push(r);
        return r;
      },
      async dispose() {
        for (const r of repos) await r.close().catch(() => undefined);
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await client.end();
        }
      },
    };
  },
};

/** Every store kind, each run through the same suites. */
export const STORE_KINDS: readonly StoreKind[] = [sqliteKind, postgresKind];
