export * from './generated/client';
export { openDatabase, isPostgresUrl, DEFAULT_PGLITE_DATA_DIR, type Database, type DatabaseKind, type DatabaseOptions } from './database';
export { applyMigrations, listMigrations } from './migrate';
