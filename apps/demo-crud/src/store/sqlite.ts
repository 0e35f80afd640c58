// The embedded store: SQLite through better-sqlite3. One connection, WAL journal so readers do
// not block the writer, synchronous=FULL so a write acknowledged to a client is on disk before
// the acknowledgement (WAL's default, NORMAL, may lose the last commits on power loss). The
// fsync that buys this is shared: concurrent writes are group-committed (see #write).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { EmailTakenError, UserNotFoundError, VersionMismatchError } from '../errors.js';
import { encodeCursor } from './cursor.js';
import { MIGRATIONS } from './migrations.js';
import type { UserRepository } from './repository.js';
import { listClauses, searchCondition, type Dialect } from './sql.js';
import { nameKey, normalizeEmail, type ListQuery, type Page, type User, type UserFields, type WriteCondition } from './user.js';

/** Options of {@link SqliteUserRepository.open}. */
export interface SqliteOptions {
  /** The database file; its directory is created. `:memory:` for a throw-away store. */
  path: string;
  /** The clock stamping createdAt and updatedAt. Default: `() => new Date()`. */
  now?: () => Date;
}

interface UserRow {
  id: number;
  name: string;
  email: string;
  age: number | null;
  bio: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A write waiting for the next group commit. */
interface PendingWrite {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

const SQLITE: Dialect = { binaryCollation: '', timestampParam: '?' };
const COLUMNS = 'id, name, email, age, bio, created_at, updated_at, version';

function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    age: row.age,
    bio: row.bio,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** A {@link UserRepository} on a SQLite file. */
export class SqliteUserRepository implements UserRepository {
  readonly #db: Database.Database;
  readonly #now: () => Date;
  #pending: PendingWrite[] = [];

  private constructor(db: Database.Database, now: () => Date) {
    this.#db = db;
    this.#now = now;
  }

  /** Opens (creating if needed) the database file and applies the pending migrations. */
  static open(options: SqliteOptions): SqliteUserRepository {
    if (options.path !== ':memory:') mkdirSync(path.dirname(path.resolve(options.path)), { recursive: true });
    const db = new Database(options.path);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      migrate(db);
    } catch (err) {
      db.close();
      throw err;
    }
    return new SqliteUserRepository(db, options.now ?? (() => new Date()));
  }

  list(query: ListQuery): Promise<Page> {
    return this.#run(() => {
      const { where, orderBy } = listClauses(query, SQLITE);
      const offset = query.cursor === undefined ? (query.offset ?? 0) : 0;
      const rows = this.#db
        .prepare<unknown[], UserRow>(`SELECT ${COLUMNS} FROM users WHERE ${where.text} ORDER BY ${orderBy} LIMIT ? OFFSET ?`)
        .all(...where.params, query.limit + 1, offset);
      const items = rows.slice(0, query.limit).map(toUser);
      const last = items[items.length - 1];
      const nextCursor = rows.length > query.limit && last !== undefined ? encodeCursor(last, query.sort) : null;
      return { items, total: this.#count(query.q), nextCursor };
    });
  }

  get(id: number): Promise<User | null> {
    return this.#run(() => this.#get(id));
  }

  count(q?: string): Promise<number> {
    return this.#run(() => this.#count(q));
  }

  create(fields: UserFields): Promise<User> {
    return this.#write(() => {
      const now = this.#now().toISOString();
      const email = normalizeEmail(fields.email);
      try {
        const row = this.#db
          .prepare<unknown[], UserRow>(
            `INSERT INTO users (name, name_key, email, age, bio, created_at, updated_at, version)
             VALUES (?, ?, ?, ?, ?, ?, ?, 1) RETURNING ${COLUMNS}`,
          )
          .get(fields.name, nameKey(fields.name), email, fields.age, fields.bio, now, now);
        return toUser(row!);
      } catch (err) {
        if (isUniqueViolation(err)) throw new EmailTakenError(email);
        throw err;
      }
    });
  }

  update(id: number, fields: UserFields, condition: WriteCondition = {}): Promise<User> {
    return this.#write(() => {
      this.#check(id, condition);
      return this.#replace(id, fields);
    });
  }

  modify(id: number, change: (current: User) => UserFields, condition: WriteCondition = {}): Promise<User> {
    // The write runs synchronously inside the transaction: nothing can come between read and write.
    return this.#write(() => this.#replace(id, change(this.#check(id, condition))));
  }

  delete(id: number, condition: WriteCondition = {}): Promise<void> {
    return this.#write(() => {
      this.#check(id, condition);
      this.#db.prepare('DELETE FROM users WHERE id = ?').run(id);
    });
  }

  /** Closes the database once the queued writes are committed. */
  async close(): Promise<void> {
    if (this.#pending.length > 0) this.#flush();
    await Promise.resolve();
    this.#db.close();
  }

  /** Within a write transaction: the user, which exists and, when asked, is at the expected version. */
  #check(id: number, condition: WriteCondition): User {
    const current = this.#get(id);
    if (current === null) throw new UserNotFoundError(id);
    if (condition.ifVersion !== undefined && condition.ifVersion !== current.version) {
      throw new VersionMismatchError(id, condition.ifVersion, current.version);
    }
    return current;
  }

  /** Within a write transaction: replaces an existing user's fields and moves its version on. */
  #replace(id: number, fields: UserFields): User {
    const email = normalizeEmail(fields.email);
    try {
      const row = this.#db
        .prepare<unknown[], UserRow>(
          `UPDATE users SET name = ?, name_key = ?, email = ?, age = ?, bio = ?, updated_at = ?, version = version + 1
           WHERE id = ? RETURNING ${COLUMNS}`,
        )
        .get(fields.name, nameKey(fields.name), email, fields.age, fields.bio, this.#now().toISOString(), id);
      return toUser(row!);
    } catch (err) {
      if (isUniqueViolation(err)) throw new EmailTakenError(email);
      throw err;
    }
  }

  #get(id: number): User | null {
    const row = this.#db.prepare<[number], UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = ?`).get(id);
    return row === undefined ? null : toUser(row);
  }

  #count(q: string | undefined): number {
    const search = searchCondition(q);
    const row = this.#db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM users WHERE ${search.text}`).get(...search.params);
    return row?.n ?? 0;
  }

  /** Runs a read, turning a synchronous throw into a rejected promise like the other stores. */
  #run<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /**
   * Queues a write for the next group commit. Writes queued in the same turn of the event loop
   * share one transaction, and so one fsync, each inside its own savepoint: a write that throws
   * is rolled back alone, and every promise settles only once the COMMIT is on disk.
   */
  #write<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (this.#pending.length === 1) {
        setImmediate(() => {
          this.#flush();
        });
      }
    });
  }

  /** Commits the queued writes as one IMMEDIATE transaction (the write lock taken before the first read). */
  #flush(): void {
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; err: unknown })[] = [];
    try {
      this.#db
        .transaction(() => {
          for (const w of batch) {
            try {
              // A nested better-sqlite3 transaction is a savepoint, released or rolled back alone.
              outcomes.push({ ok: true, value: this.#db.transaction(w.fn)() });
            } catch (err) {
              outcomes.push({ ok: false, err });
            }
          }
        })
        .immediate();
    } catch (err) {
      // The COMMIT itself failed (disk full, I/O error): nothing of the batch is stored.
      for (const w of batch) w.reject(err);
      return;
    }
    batch.forEach((w, i) => {
      const o = outcomes[i]!;
      if (o.ok) w.resolve(o.value);
      else w.reject(o.err);
    });
  }
}

/** Applies every migration newer than the database's, each in its own transaction. */
function migrate(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((r) => r.version));
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sqlite);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
}
