// Chooses the store from the settings: PostgreSQL when a URL is given, SQLite otherwise.
import { PostgresUserRepository } from './postgres.js';
import type { UserRepository } from './repository.js';
import { SqliteUserRepository } from './sqlite.js';

/** Where the users are kept. */
export interface StoreSettings {
  /** When set, the PostgreSQL database at this URL. */
  databaseUrl?: string;
  /** Otherwise this SQLite file. Default: `data/demo.db` (relative to the working directory). */
  databasePath?: string;
}

/** Opens the configured store, its migrations applied. */
export async function openRepository(settings: StoreSettings): Promise<UserRepository> {
  if (settings.databaseUrl !== undefined && settings.databaseUrl !== '') {
    return PostgresUserRepository.open({ connectionString: settings.databaseUrl });
  }
  return SqliteUserRepository.open({ path: settings.databasePath ?? 'data/demo.db' });
}
