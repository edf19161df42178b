/**
 * Place matching speed: matchPlace over the test table's inputs, against two linear scans over
 * all 3,321 names in the same run (exact substring scan; edit distance to every name).
 *
 *   node bench/directory.ts [seconds-per-case=2]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fold, listCommunes, matchPlace } from '../src/directory/index.ts';
import { editDistance } from '../src/directory/similarity.ts';

const seconds = Number(process.argv[2] ?? 2);
const fixtures = join(import.meta.dirname, '..', 'test', 'directory', 'fixtures');
const inputs = ['place-table.hand.json', 'place-table.generated.json'].flatMap(
  (f) => (JSON.parse(readFileSync(join(fixtures, f), 'utf8')) as { input: string }[]).map((c) => c.input),
);

const t0 = performance.now();
matchPlace('warm up: phường Ba Đình');
const loadMs = performance.now() - t0;

const names = listCommunes().map((c) => ({ c, key: fold(c.short) }));

function run(label: string, fn: (text: string) => unknown): number {
  let n = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  while (performance.now() < deadline) {
    for (const text of inputs) fn(text);
    n += inputs.length;
  }
  const perSec = n / ((performance.now() - start) / 1000);
  process.stdout.write(`${label.padEnd(44)} ${Math.round(perSec).toLocaleString('en').padStart(10)} matches/s  ${(1000 / perSec).toFixed(4)} ms/match\n`);
  return perSec;
}

function latencies(): void {
  const samples: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const text of inputs) {
      const s = performance.now();
      matchPlace(text);
      samples.push(performance.now() - s);
    }
  }
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!.toFixed(4);
  process.stdout.write(`matchPlace latency over ${samples.length} calls: p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms\n`);
}

process.stdout.write(`${inputs.length} inputs; first call (load lists + build index) ${loadMs.toFixed(1)} ms\n`);
const indexed = run('matchPlace (token index + trigram typos)', (t) => matchPlace(t));
const substring = run('baseline: substring scan of all names', (t) => {
  const f = ` ${fold(t)} `;
  return names.filter((n) => f.includes(` ${n.key} `));
});
const fuzzy = run('baseline: edit distance to all names', (t) => {
  const f = fold(t);
  let best = names[0]!;
  let bestD = Number.POSITIVE_INFINITY;
  for (const n of names) {
    const d = editDistance(f, n.key, bestD);
    if (d < bestD) {
      bestD = d;
      best = n;
    }
  }
  return best;
});
latencies();
process.stdout.write(`speed-up: ${(indexed / substring).toFixed(1)}x over substring scan, ${(indexed / fuzzy).toFixed(1)}x over edit-distance scan\n`);
