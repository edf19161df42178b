/**
 * Classifier speed, one core: messages per second for
 *   - the plain normalisation cost (normalizeVietnamese + stripDiacritics),
 *   - a naive keyword classifier over the folded text (the floor any classifier must beat),
 *   - classify() (normalise, hash features, score, rules),
 *   - the CLI path: classifyStream over an in-memory JSON-lines stream.
 * Target: classify() ≥ 20,000 messages/s on one core. Figures are given per wall-clock
 * second and per CPU second of this (single-threaded) process: on a shared machine the
 * wall clock also counts time the process spent waiting for a core, the CPU time does not.
 *
 *   node bench/classify.ts [seconds-per-case=2]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PassThrough, Readable, Writable } from 'node:stream';
import { classify, createClassifier, foldVietnamese, type LabelId, loadModel, normalizeVietnamese, stripDiacritics } from '../src/classify/index.ts';
import { classifyStream } from '../src/classify/stream.ts';

const seconds = Number(process.argv[2] ?? 2);
const TARGET = 20_000;
const texts = readFileSync(join(import.meta.dirname, '..', 'data', 'classify', 'train.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { text: string }).text);
const meanChars = texts.reduce((s, t) => s + t.length, 0) / texts.length;

const KEYWORDS: readonly [LabelId, readonly string[]][] = [
  ['tham_nhung', ['bien lai', 'boi duong', 'phong bi', 'that thoat', 'lang phi']],
  ['loi_dung', ['ep dong', 'nguoi nha', 'doa cat', 'xe cong']],
  ['gian_doi', ['so lieu', 'lam gia', 'chay chuc', 'bao cao sai']],
  ['cua_quyen', ['bat bo sung', 'di lai', 'lam kho', 'hach sach']],
  ['quan_lieu', ['khong ai xu ly', 'dun day', 'trach nhiem']],
  ['ung_xu', ['quat', 'gat', 'thai do', 'khong them']],
  ['tre_han', ['qua hen', 'tre hen', 'chua co ket qua']],
  ['khen', ['cam on', 'tan tinh', 'nhiet tinh']],
  ['gop_y', ['de nghi', 'nen', 'gop y']],
];
function keywordClassify(text: string): LabelId {
  const folded = foldVietnamese(text);
  for (const [label, words] of KEYWORDS) if (words.some((w) => folded.includes(w))) return label;
  return 'khac';
}

interface Rate {
  wall: number;
  cpu: number;
}

function rate(n: number, start: number, cpuStart: NodeJS.CpuUsage): Rate {
  const cpu = process.cpuUsage(cpuStart);
  return { wall: n / ((performance.now() - start) / 1000), cpu: n / ((cpu.user + cpu.system) / 1e6) };
}

function measure(fn: (text: string) => unknown): Rate {
  let n = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  while (performance.now() < deadline) {
    for (const text of texts) fn(text);
    n += texts.length;
  }
  return rate(n, start, cpuStart);
}

async function measureStream(): Promise<Rate> {
  const classifier = createClassifier(loadModel());
  const input = texts.map((text, i) => `${JSON.stringify({ id: `m${i}`, text })}\n`).join('');
  let n = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  while (performance.now() < deadline) {
    const sink = new Writable({ write: (_chunk, _enc, cb) => cb() });
    const source = Readable.from([input]).pipe(new PassThrough());
    const report = await classifyStream(classifier, source, sink, () => {});
    n += report.classified;
  }
  return rate(n, start, cpuStart);
}

const t0 = performance.now();
classify('khởi động');
const loadMs = performance.now() - t0;

const rows: [string, Rate][] = [
  ['normalisation only (normalize + strip)', measure((t) => stripDiacritics(normalizeVietnamese(t)))],
  ['baseline: naive keyword classifier', measure(keywordClassify)],
  ['classify()', measure((t) => classify(t))],
  ['CLI path: classifyStream, JSON in/out', await measureStream()],
];

process.stdout.write(`classifier bench: ${texts.length} messages, mean ${meanChars.toFixed(0)} chars; model load ${loadMs.toFixed(0)} ms\n`);
process.stdout.write(`${'case'.padEnd(42)} ${'msgs/s wall'.padStart(12)} ${'msgs/s CPU'.padStart(12)} ${'µs/msg CPU'.padStart(11)}\n`);
for (const [name, r] of rows) {
  const fmt = (x: number): string => Math.round(x).toLocaleString('en').padStart(12);
  process.stdout.write(`${name.padEnd(42)} ${fmt(r.wall)} ${fmt(r.cpu)} ${(1e6 / r.cpu).toFixed(1).padStart(11)}\n`);
}
const [norm, keyword, full] = rows.map((r) => r[1].cpu);
process.stdout.write(
  `classify() costs ${(norm! / full!).toFixed(1)}× the normalisation alone and ${(keyword! / full!).toFixed(1)}× the keyword baseline (CPU); ` +
    `target ${TARGET.toLocaleString('en')}/s per core: ${full! >= TARGET ? 'met' : 'NOT met'}\n`,
);
