import { spawn } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../../src/classify/index.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'congboc.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI, feeding stdin in many small writes that respect backpressure. */
function runCli(args: string[], lines: readonly string[] = [], bin = BIN): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    let i = 0;
    const pump = (): void => {
      while (i < lines.length) {
        if (!child.stdin.write(`${lines[i++]}\n`)) {
          child.stdin.once('drain', pump);
          return;
        }
      }
      child.stdin.end();
    };
    pump();
  });
}

describe('congboc classify (stdin → stdout)', () => {
  it('writes one JSON line per valid input, in order, and reports malformed lines on stderr', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'cb xa doi 500k moi lam giay, ko co bien lai' }),
      'this is not json',
      JSON.stringify({ id: 7, text: 'Cảm ơn chị cán bộ đã hướng dẫn tận tình 🙏' }),
      '',
      JSON.stringify({ id: 'no-text' }),
      JSON.stringify(['an', 'array']),
      JSON.stringify({ text: 'no id' }),
      JSON.stringify({ id: 'b', text: 'Chủ tịch xã ép các hộ đóng góp 2 triệu' }),
    ];
    const { code, stdout, stderr } = await runCli(['classify'], input);
    expect(code).toBe(0);
    const out = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.id)).toEqual(['a', '7', 'b']);
    for (const o of out) {
      expect(Object.keys(o).sort()).toEqual(['confidence', 'id', 'label', 'labels', 'needs_review', 'targets_leader', 'topic', 'topic_confidence']);
      expect(LABELS).toContain(o.label);
      expect(Array.isArray(o.labels)).toBe(true);
      expect(o.confidence).toBeGreaterThanOrEqual(0);
      expect(o.confidence).toBeLessThanOrEqual(1);
      expect(typeof o.targets_leader).toBe('boolean');
    }
    expect(out[0]!.label).toBe('tham_nhung');
    expect(out[1]!.label).toBe('khen');
    expect(out[2]!.targets_leader).toBe(true);
    expect(stderr).toContain('line 2: skipped (not_json)');
    expect(stderr).toContain('line 5: skipped (no_text)');
    expect(stderr).toContain('line 6: skipped (not_object)');
    expect(stderr).toContain('line 7: skipped (no_id)');
  });

  it('streams a large input through without losing or reordering lines', async () => {
    const texts = ['nộp hồ sơ quá hẹn 2 tuần', 'cán bộ quát dân', 'cho hỏi thủ tục khai sinh', 'cảm ơn xã'];
    const n = 30_000;
    const input = Array.from({ length: n }, (_, i) => JSON.stringify({ id: `m${i}`, text: texts[i % texts.length] }));
    const { code, stdout, stderr } = await runCli(['classify'], input);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(n);
    expect(JSON.parse(lines[0]!).id).toBe('m0');
    expect(JSON.parse(lines[n - 1]!).id).toBe(`m${n - 1}`);
    // the same text always gets the same answer
    expect(JSON.parse(lines[4]!).label).toBe(JSON.parse(lines[0]!).label);
  });

  it('exits non-zero when every line is malformed', async () => {
    const { code, stdout } = await runCli(['classify'], ['nope', '{"id":1}']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
  });
});

describe('congboc as npm installs it', () => {
  it('runs when started through a link named congboc (npx, node_modules/.bin)', async () => {
    const link = join(mkdtempSync(join(tmpdir(), 'congboc-bin-')), 'congboc');
    symlinkSync(BIN, link);
    const r = await runCli(['classify'], [JSON.stringify({ id: 'a', text: 'cán bộ xã quát tháo người dân' })], link);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ id: 'a', label: expect.any(String) });
  });
});

describe('congboc classify eval', () => {
  it('prints accuracy, macro-F1, per-label figures, confusion and the no-diacritics subset', async () => {
    const { code, stdout } = await runCli(['classify', 'eval', join(import.meta.dirname, 'fixtures', 'heldout.jsonl')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/== all \(n=50\)/);
    expect(stdout).toMatch(/== no diacritics \(n=\d+\)/);
    expect(stdout).toMatch(/accuracy\s+\d+\.\d%\s+macro-F1\s+\d+\.\d%/);
    expect(stdout).toContain('targets_leader: recall');
    expect(stdout).toContain('confusion (rows = gold, columns = predicted)');
    for (const l of LABELS) expect(stdout).toContain(l);
  });

  it('--json agrees with the streamed predictions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-cli-'));
    const file = join(dir, 'tiny.jsonl');
    const rows = [
      { id: 't1', text: 'Cán bộ đòi 2 triệu tiền bồi dưỡng, không có biên lai', label: 'tham_nhung', also_ok: [] },
      { id: 't2', text: 'Cảm ơn anh cán bộ địa chính rất nhiệt tình', label: 'khen', also_ok: [] },
      { id: 't3', text: 'cho hoi lam cccd can gi a', label: 'gop_y', also_ok: [] },
    ];
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
    const streamed = await runCli(
      ['classify'],
      rows.map((r) => JSON.stringify({ id: r.id, text: r.text })),
    );
    const predicted = streamed.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { label: string }).label);
    const expectedAccuracy = predicted.filter((p, i) => p === rows[i]!.label).length / rows.length;
    const { code, stdout } = await runCli(['classify', 'eval', file, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { all: { accuracy: number; n: number }; noDiacritics: { n: number } };
    expect(report.all.n).toBe(3);
    expect(report.noDiacritics.n).toBe(1);
    expect(report.all.accuracy).toBeCloseTo(expectedAccuracy, 10);
  });

  it('fails clearly on a missing file', async () => {
    const { code, stderr } = await runCli(['classify', 'eval', '/nonexistent/file.jsonl']);
    expect(code).toBe(1);
    expect(stderr).toContain('/nonexistent/file.jsonl');
  });
});
