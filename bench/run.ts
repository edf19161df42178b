/**
 * `npm run bench`: every bench/*.ts script in turn, each in its own process so one's heap and
 * JIT state do not colour the next. Each script prints its figures beside its own baseline.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

let failed = 0;
for (const file of scripts) {
  console.log(`\n=== ${file} ===`);
  const res = spawnSync(process.execPath, [join(dir, file)], { stdio: 'inherit' });
  if (res.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
