// The demo's reusable parts: the application factory, the stores and the client.
export { VERSION } from './version.js';
export { createApp, DEFAULT_VIEWS_DIR } from './app.js';
export type { AppOptions } from './app.js';
export { UserClient } from './client.js';
export type { ClientOptions, ListParams, Tagged, UserJson, UserList, WriteOptions } from './client.js';
export { ApiError, ConfigError, DemoError, EmailTakenError, InvalidCursorError, UserNotFoundError, VersionMismatchError } from './errors.js';
export { openRepository } from './store/open.js';
export type { StoreSettings } from './store/open.js';
export type { UserRepository } from './store/repository.js';
export { SqliteUserRepository } from './store/sqlite.js';
export type { SqliteOptions } from './store/sqlite.js';
export { PostgresUserRepository } from './store/postgres.js';
export type { PostgresOptions } from './store/postgres.js';
export type { ListQuery, Page, Sort, SortField, User, UserFields, WriteCondition } from './store/user.js';
