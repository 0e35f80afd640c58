// The shared store: PostgreSQL through pg, for several app instances behind a load balancer.
// Same migrations and semantics as the SQLite store; writes run in transactions on one pooled
// client, and a version check takes the row lock (SELECT ... FOR UPDATE) before it compares.
import type { RateLimitStore } from '@sloe/core';
import pg from 'pg';
import { EmailTakenError, UserNotFoundError, VersionMismatchError } from '../errors.js';
import { encodeCursor } from './cursor.js';
import { MIGRATIONS } from './migrations.js';
import { PostgresRateLimitStore } from './postgres-rate-limit.js';
import type { UserRepository } from './repository.js';
import { listClauses, searchCondition, type Dialect } from './sql.js';
import { nameKey, normalizeEmail, type ListQuery, type Page, type User, type UserFields, type WriteCondition } from './user.js';

/** Options of {@link PostgresUserRepository.open}. */
export interface PostgresOptions {
  /** A `postgres://` URL. */
  connectionString: string;
  /** The schema holding the tables, created if missing. Default: the server's search_path (`public`). */
  schema?: string;
  /** Pool size. Default: 10. */
  maxConnections?: number;
  /** The clock stamping createdAt and updatedAt. Default: `() => new Date()`. */
  now?: () => Date;
  /**
   * Wait for the WAL flush before a commit returns. Default true: an acknowledged write survives
   * a server crash. False (`synchronous_commit=off`) may lose the last commits on a crash but
   * never corrupts; for test databases.
   */
  synchronousCommit?: boolean;
}

interface UserRow {
  id: number;
  name: string;
  email: string;
  age: number | null;
  bio: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const POSTGRES: Dialect = { binaryCollation: ' COLLATE "C"', timestampParam: '?::timestamptz' };
const COLUMNS = 'id, name, email, age, bio, created_at, updated_at, version';
/** An arbitrary constant: the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK = 7_316_001;

function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    age: row.age,
    bio: row.bio,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** Rewrites `?` placeholders as `$1, $2, ...`. The shared SQL never has a `?` inside a literal. */
function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && (err as { code?: unknown }).code === '23505';
}

/** Quotes an identifier for PostgreSQL. */
function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A {@link UserRepository} on a PostgreSQL database. */
export class PostgresUserRepository implements UserRepository {
  readonly #pool: pg.Pool;
  readonly #now: () => Date;
  /** The write rate limit's counts, in this database, shared by every instance on it. */
  readonly rateLimitStore: RateLimitStore;

  private constructor(pool: pg.Pool, now: () => Date) {
    this.#pool = pool;
    this.#now = now;
    this.rateLimitStore = new PostgresRateLimitStore(pool);
  }

  /** Connects, creates the schema if asked, and applies the pending migrations. */
  static async open(options: PostgresOptions): Promise<PostgresUserRepository> {
    const config: pg.PoolConfig = { connectionString: options.connectionString, max: options.maxConnections ?? 10 };
    const settings: string[] = [];
    if (options.schema !== undefined) settings.push(`-c search_path=${ident(options.schema)}`);
    if (options.synchronousCommit === false) settings.push('-c synchronous_commit=off');
    if (settings.length > 0) config.options = settings.join(' ');
    const pool = new pg.Pool(config);
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    try {
      if (options.schema !== undefined) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${ident(options.schema)}`);
      await migrate(pool);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new PostgresUserRepository(pool, options.now ?? (() => new Date()));
  }

  async list(query: ListQuery): Promise<Page> {
    const { where, orderBy } = listClauses(query, POSTGRES);
    const offset = query.cursor === undefined ? (query.offset ?? 0) : 0;
    const sql = `SELECT ${COLUMNS} FROM users WHERE ${where.text} ORDER BY ${orderBy} LIMIT ? OFFSET ?`;
    const [result, total] = await Promise.all([
      this.#pool.query<UserRow>(numbered(sql), [...where.params, query.limit + 1, offset]),
      this.count(query.q),
    ]);
    const items = result.rows.slice(0, query.limit).map(toUser);
    const last = items[items.length - 1];
    const nextCursor = result.rows.length > query.limit && last !== undefined ? encodeCursor(last, query.sort) : null;
    return { items, total, nextCursor };
  }

  async get(id: number): Promise<User | null> {
    const result = await this.#pool.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    const row = result.rows[0];
    return row === undefined ? null : toUser(row);
  }

  async count(q?: string): Promise<number> {
    const search = searchCondition(q);
    const result = await this.#pool.query<{ n: number }>(numbered(`SELECT count(*)::int AS n FROM users WHERE ${search.text}`), search.params);
    return result.rows[0]?.n ?? 0;
  }

  create(fields: UserFields): Promise<User> {
    const email = normalizeEmail(fields.email);
    return this.#write(async (client) => {
      const now = this.#now().toISOString();
      const result = await client.query<UserRow>(
        `INSERT INTO users (name, name_key, email, age, bio, created_at, updated_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $6, 1) RETURNING ${COLUMNS}`,
        [fields.name, nameKey(fields.name), email, fields.age, fields.bio, now],
      );
      return toUser(result.rows[0]!);
    }, email);
  }

  update(id: number, fields: UserFields, condition: WriteCondition = {}): Promise<User> {
    return this.#write(async (client) => {
      await lockAndCheck(client, id, condition);
      return this.#replace(client, id, fields);
    });
  }

  modify(id: number, change: (current: User) => UserFields, condition: WriteCondition = {}): Promise<User> {
    // The row lock taken by lockAndCheck holds every other writer of this user until COMMIT.
    return this.#write(async (client) => this.#replace(client, id, change(await lockAndCheck(client, id, condition))));
  }

  delete(id: number, condition: WriteCondition = {}): Promise<void> {
    return this.#write(async (client) => {
      await lockAndCheck(client, id, condition);
      await client.query('DELETE FROM users WHERE id = $1', [id]);
    });
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  /** Within a transaction, the row locked: replaces a user's fields and moves its version on. */
  async #replace(client: pg.PoolClient, id: number, fields: UserFields): Promise<User> {
    const email = normalizeEmail(fields.email);
    try {
      const result = await client.query<UserRow>(
        `UPDATE users SET name = $1, name_key = $2, email = $3, age = $4, bio = $5, updated_at = $6, version = version + 1
         WHERE id = $7 RETURNING ${COLUMNS}`,
        [fields.name, nameKey(fields.name), email, fields.age, fields.bio, this.#now().toISOString(), id],
      );
      return toUser(result.rows[0]!);
    } catch (err) {
      if (isUniqueViolation(err)) throw new EmailTakenError(email);
      throw err;
    }
  }

  /** Runs `fn` in a transaction on one client; a unique violation becomes EmailTakenError. */
  async #write<T>(fn: (client: pg.PoolClient) => Promise<T>, email?: string): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const value = await fn(client);
      await client.query('COMMIT');
      return value;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (email !== undefined && isUniqueViolation(err)) throw new EmailTakenError(email);
      throw err;
    } finally {
      client.release();
    }
  }
}

/** Within a transaction: locks the user's row, checks it exists and is at the expected version, and returns it. */
async function lockAndCheck(client: pg.PoolClient, id: number, condition: WriteCondition): Promise<User> {
  const result = await client.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]);
  const row = result.rows[0];
  if (row === undefined) throw new UserNotFoundError(id);
  if (condition.ifVersion !== undefined && condition.ifVersion !== row.version) {
    throw new VersionMismatchError(id, condition.ifVersion, row.version);
  }
  return toUser(row);
}

/** Applies every pending migration under an advisory lock, so instances starting together take turns. */
async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.postgres);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
