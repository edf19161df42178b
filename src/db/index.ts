export {
  type ConnectionErrorListener,
  type Database,
  type DatabaseOptions,
  openDatabase,
  type Queryable,
} from './database.ts';
export { isConnectionError, isDataError } from './errors.ts';
export { DatabaseFolderLocked } from './folder-lock.ts';
export { listMigrations, type Migration, migrate } from './migrate.ts';
