import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseFolderLocked, openDatabase } from '../../src/db/index.ts';

/**
 * One process per PGlite folder: `npm start` and `npm run chat` on the same folder once both
 * wrote it and the database was lost. The second is refused with the pid of the first; a lock
 * left by a process that died is taken over.
 */
describe('PGlite folder lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cb-lock-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  async function holder(): Promise<ChildProcess> {
    const code = `import { openDatabase } from './src/db/index.ts'; await openDatabase({ pgliteDir: ${JSON.stringify(dir)} }); console.log('open'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (b: Buffer) => b.toString().includes('open') && resolve());
      child.once('exit', (c) => reject(new Error(`holder exited with ${c}`)));
    });
    return child;
  }

  it('refuses a second process with one line naming the holder, and takes over after it died', async () => {
    const first = await holder();
    const refused = await openDatabase({ pgliteDir: dir }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DatabaseFolderLocked);
    expect((refused as Error).message).toBe(
      `The database folder ${dir} is in use by process ${first.pid}; stop it first, or give this process its own PGLITE_DIR or a DATABASE_URL.`,
    );

    first.kill('SIGKILL');
    await once(first, 'exit');
    // Its lock file is still there, naming a process that no longer exists.
    expect(readFileSync(join(dir, 'congboc.lock'), 'utf8').trim()).toBe(String(first.pid));
    const db = await openDatabase({ pgliteDir: dir });
    expect(readFileSync(join(dir, 'congboc.lock'), 'utf8').trim()).toBe(String(process.pid));
    // The same process opening it twice is refused too.
    await expect(openDatabase({ pgliteDir: dir })).rejects.toBeInstanceOf(DatabaseFolderLocked);
    await db.close();
    expect(existsSync(join(dir, 'congboc.lock'))).toBe(false);
  });
});
