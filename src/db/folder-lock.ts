import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Two processes opening one PGlite folder both write it and it is lost (issue 13): one holder. */
export class DatabaseFolderLocked extends Error {
  override name = 'DatabaseFolderLocked';
}

const LOCK_FILE = 'congboc.lock';

/** Folders this process holds: its own pid in a lock file is then not a stale lock. */
const held = new Set<string>();

/**
 * Takes the folder's lock file (created exclusively, holding our pid) or refuses with the pid
 * of the process that has it. A lock left by a process that is gone (killed, or a container
 * restarted with the same pid) is taken over. Returns the release.
 */
export function lockFolder(dir: string): () => void {
  const path = join(resolve(dir), LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw refusal(err, path, dir);
      const holder = readHolder(path);
      if (holder !== null && isAlive(holder) && (holder !== process.pid || held.has(path))) {
        throw new DatabaseFolderLocked(
          `The database folder ${dir} is in use by process ${holder}; stop it first, or give this process its own PGLITE_DIR or a DATABASE_URL.`,
        );
      }
      unlinkSync(path);
    }
  }
  held.add(path);
  const release = () => {
    if (!held.delete(path)) return;
    process.off('exit', release);
    try {
      unlinkSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  };
  process.on('exit', release);
  return release;
}

function refusal(err: unknown, path: string, dir: string): Error {
  if (err instanceof DatabaseFolderLocked) return err;
  const holder = readHolder(path);
  return new DatabaseFolderLocked(
    holder === null
      ? `Could not lock the database folder ${dir}: ${err instanceof Error ? err.message : String(err)}`
      : `The database folder ${dir} is in use by process ${holder}; stop it first, or give this process its own PGLITE_DIR or a DATABASE_URL.`,
  );
}

function readHolder(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else, still a live holder.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
