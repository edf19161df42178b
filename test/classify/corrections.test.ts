import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClassifier, InvalidCorrection, listCorrections, recordCorrection } from '../../src/classify/index.ts';
import { decodeModel } from '../../src/classify/model.ts';
import { runTraining } from '../../src/classify/training-run.ts';
import { migrate, openDatabase } from '../../src/db/index.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';

const TRAIN = join(import.meta.dirname, '..', '..', 'data', 'classify', 'train.jsonl');
// A made-up word the training set never contains, so only the correction can teach it.
const ODD_TEXT = 'Xin góp ý về zorblat quaxum ở sân ủy ban';

/** A small training file (every 10th synthetic message) so retraining in a test is quick. */
function smallTrainingFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cb-train-'));
  const file = join(dir, 'train.jsonl');
  const lines = readFileSync(TRAIN, 'utf8').trim().split('\n').filter((_, i) => i % 10 === 0);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe.each(DB_KINDS)('classification corrections on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(kind);
  });
  afterAll(() => t.drop());

  it('stores a correction and lists the latest word per message', async () => {
    const first = await recordCorrection(t.db, {
      caseId: 'case-1',
      text: 'Cán bộ quát dân'.normalize('NFD'),
      predictedLabel: 'cua_quyen',
      correctedLabel: 'quan_lieu',
      correctedBy: 'staff:lan',
    });
    const second = await recordCorrection(t.db, {
      caseId: 'case-1',
      text: 'Cán bộ quát dân',
      predictedLabel: 'cua_quyen',
      correctedLabel: 'ung_xu',
      targetsLeader: false,
      correctedBy: 'staff:minh',
    });
    await recordCorrection(t.db, { text: 'Chủ tịch xã nhận phong bì', predictedLabel: 'khac', correctedLabel: 'tham_nhung', correctedBy: 'staff:lan' });
    expect(typeof first).toBe('string');
    expect(Number(second)).toBeGreaterThan(Number(first));
    const all = await listCorrections(t.db);
    expect(all).toHaveLength(2);
    const quat = all.find((c) => c.text === 'Cán bộ quát dân');
    expect(quat).toMatchObject({ caseId: 'case-1', correctedLabel: 'ung_xu', correctedBy: 'staff:minh', targetsLeader: false });
    expect(quat?.createdAt).toBeInstanceOf(Date);
    expect(all.find((c) => c.correctedLabel === 'tham_nhung')).toMatchObject({ caseId: null, targetsLeader: null });
  });

  it('rejects unknown labels, empty text and anonymous corrections', async () => {
    const base = { text: 'x', predictedLabel: 'khac', correctedLabel: 'khen', correctedBy: 'staff:a' } as const;
    await expect(recordCorrection(t.db, { ...base, correctedLabel: 'nope' as never })).rejects.toThrow(InvalidCorrection);
    await expect(recordCorrection(t.db, { ...base, text: '   ' })).rejects.toThrow(InvalidCorrection);
    await expect(recordCorrection(t.db, { ...base, correctedBy: ' ' })).rejects.toThrow(InvalidCorrection);
  });

  it('enforces label ids in the table itself', async () => {
    await expect(
      t.db.query(
        "INSERT INTO classification_corrections (text, predicted_label, corrected_label, corrected_by) VALUES ('t', 'khac', 'bogus', 's')",
      ),
    ).rejects.toThrow();
  });
});

describe('congboc classify train --with-corrections', () => {
  const train = smallTrainingFile();

  async function trainWith(args: string[]): Promise<{ out: string; log: string[] }> {
    const out = join(mkdtempSync(join(tmpdir(), 'cb-model-')), 'model.bin');
    const log: string[] = [];
    const code = await runTraining(['--data', train, '--out', out, '--epochs', '6', ...args], (l) => log.push(l));
    expect(code).toBe(0);
    return { out, log };
  }

  it('learns from corrections stored in PGlite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-pglite-'));
    const db = await openDatabase({ pgliteDir: dir });
    await migrate(db);
    await recordCorrection(db, { text: ODD_TEXT, predictedLabel: 'khac', correctedLabel: 'gop_y', correctedBy: 'staff:a' });
    await db.close();

    const { out, log } = await trainWith(['--with-corrections', '--pglite-dir', dir]);
    expect(log.join('\n')).toContain('corrections: 1');
    const model = decodeModel(readFileSync(out));
    expect(model.header.trainedOn.corrections).toBe(1);
    expect(createClassifier(model).classify(ODD_TEXT).label).toBe('gop_y');
  });

  it('learns from corrections stored in PostgreSQL', async () => {
    const t = await freshDatabase('postgres');
    try {
      await recordCorrection(t.db, { text: ODD_TEXT, predictedLabel: 'gop_y', correctedLabel: 'ung_xu', correctedBy: 'staff:b' });
      const { out } = await trainWith(['--with-corrections', '--database-url', t.url!]);
      const model = decodeModel(readFileSync(out));
      expect(model.header.trainedOn.corrections).toBe(1);
      expect(createClassifier(model).classify(ODD_TEXT).label).toBe('ung_xu');
    } finally {
      await t.drop();
    }
  });

  it('ignores the database without the flag', async () => {
    const { out, log } = await trainWith([]);
    expect(log.join('\n')).not.toContain('corrections:');
    expect(decodeModel(readFileSync(out)).header.trainedOn.corrections).toBe(0);
  });
});
