export { type Database, type DatabaseOptions, openDatabase, type Queryable } from './database.ts';
export { listMigrations, type Migration, migrate } from './migrate.ts';
