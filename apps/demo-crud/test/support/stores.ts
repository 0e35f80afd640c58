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
  /** Removes what the kind's stores left behind (after the last test). */
  finish(): Promise<void>;
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
  finish: () => Promise.resolve(),
};

/**
 * PostgreSQL in a schema named after this run. One repository (one pool) serves every test, so
 * tests do not pay for new connections: each test empties the table (TRUNCATE ... RESTART
 * IDENTITY, so ids start at 1 again) and sets the clock the repository reads. `finish` closes
 * it and drops the schema.
 */
let pgSchema: string | null = null;
let pgShared: UserRepository | null = null;
let pgClock: () => Date = () => new Date();

async function pgAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL! });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function pgOpen(schema: string, now: () => Date): Promise<PostgresUserRepository> {
  // The durability of PostgreSQL itself is not under test: skip the WAL flush per commit.
  return PostgresUserRepository.open({ connectionString: process.env.TEST_DATABASE_URL!, schema, now, maxConnections: 4, synchronousCommit: false });
}

export const postgresKind: StoreKind = {
  name: 'PostgreSQL',
  missing: () => (process.env.TEST_DATABASE_URL ? null : 'TEST_DATABASE_URL is not set'),
  async create(now) {
    pgClock = now ?? (() => new Date());
    const schema = (pgSchema ??= `sloe_test_${runId()}`);
    if (pgShared === null) pgShared = await pgOpen(schema, () => pgClock());
    await pgAdmin((c) => c.query(`TRUNCATE "${schema}".users RESTART IDENTITY`));
    const reopened: UserRepository[] = [];
    return {
      repo: pgShared,
      async reopen(again) {
        // The test closed the shared repository: the next test opens a new one.
        pgShared = null;
        const r = await pgOpen(schema, again ?? (() => new Date()));
        reopened.push(r);
        return r;
      },
      async dispose() {
        for (const r of reopened) await r.close();
      },
    };
  },
  async finish() {
    await pgShared?.close();
    pgShared = null;
    if (pgSchema === null) return;
    const schema = pgSchema;
    pgSchema = null;
    await pgAdmin((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  },
};

/** Every store kind, each run through the same suites. */
export const STORE_KINDS: readonly StoreKind[] = [sqliteKind, postgresKind];
