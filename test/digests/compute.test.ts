import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IsoDate } from '../../src/deadlines/index.ts';
import { computeDigest, type Digest, type UnitCounts, UnknownScope } from '../../src/digests/index.ts';
import { countLateAndApologies } from '../../src/letters/index.ts';
import { satisfactionSummary } from '../../src/satisfaction/index.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';
import { AN_HOI_TAY, NOW, NUNG_TRI_CAO, PROVINCE, type Seeded, seedWeek, THUC_PHAN, WEEK } from './seed.ts';

const week = WEEK as IsoDate;
const FROM = new Date('2026-11-15T17:00:00Z');
const TO = new Date('2026-11-22T17:00:00Z');

/** The invariants every digest must satisfy, whatever the data. */
function expectAddsUp(d: Digest): void {
  const sum = (pick: (c: UnitCounts) => number) => d.units.reduce((n, u) => n + pick(u), 0);
  for (const k of ['received', 'answered', 'answeredOnTime', 'answeredLate', 'becameOverdue', 'overdueNow'] as const) {
    expect(sum((u) => u[k]), `units sum to totals.${k}`).toBe(d.totals[k]);
  }
  expect(d.byLabel.reduce((n, b) => n + b.count, 0)).toBe(d.totals.received);
  expect(Object.values(d.byStatus).reduce((n, v) => n + v, 0)).toBe(d.totals.received);
  expect(d.totals.answeredOnTime + d.totals.answeredLate).toBe(d.totals.answered);
  for (const u of d.units) expect(u.answeredOnTime + u.answeredLate).toBe(u.answered);
  expect(d.needsReview).toBeLessThanOrEqual(d.totals.received);
  expect(d.overdueCases.length).toBeLessThanOrEqual(d.totals.overdueNow);
}

describe.each(DB_KINDS)('computeDigest on %s', (kind) => {
  let t: TestDatabase;
  let seeded: Seeded;

  beforeAll(async () => {
    t = await freshDatabase(kind);
    seeded = await seedWeek(t.db);
  });
  afterAll(() => t.drop());

  it("counts a commune's week, Monday 00:00 to Sunday 24:00 in Viet Nam", async () => {
    const d = await computeDigest(t.db, { scope: { kind: 'commune', code: THUC_PHAN.code }, weekStart: week, now: NOW });
    expect(d.scopeName).toBe('Phường Thục Phán');
    expect([d.weekStart, d.weekEnd]).toEqual(['2026-11-16', '2026-11-22']);
    expect(d.totals).toEqual({ received: 4, answered: 2, answeredOnTime: 1, answeredLate: 1, becameOverdue: 1, overdueNow: 1 });
    expect(d.units).toHaveLength(1);
    expect(d.byLabel).toEqual([
      { label: 'cua_quyen', count: 1 },
      { label: 'ung_xu', count: 1 },
      { label: 'tre_han', count: 1 },
      { label: 'khen', count: 1 },
    ]);
    expect(d.byStatus).toEqual({ new: 1, in_progress: 1, answered: 1, closed: 1, reopened: 0 });
    expect(d.needsReview).toBe(1);
    // Mon 16 → Wed 18: 2 working days; Sun 15 (23:59 in Viet Nam) → Thu 19: 4.
    expect(d.medianAnswerWorkingDays).toBe(3);
    expect(d.apologies).toEqual({ drafted: 2, signed: 1, sent: 0 });
    expect(d.satisfaction.ratedCases).toBe(1);
    expect(d.satisfaction.byDimension).toEqual({
      attitude: { count: 1, average: 5, satisfied: 1 },
      timeliness: { count: 0, average: null, satisfied: 0 },
      outcome: { count: 1, average: 4, satisfied: 1 },
    });
    expect(d.overdueCases.map((c) => c.code)).toEqual([seeded.cases.overdue!.code]);
    expectAddsUp(d);
  });

  it("never counts a complaint about the commune's own leaders in that commune's digest", async () => {
    const d = await computeDigest(t.db, { scope: { kind: 'commune', code: THUC_PHAN.code }, weekStart: week, now: NOW });
    expect(d.byLabel.map((b) => b.label)).not.toContain('tham_nhung');
    expect(JSON.stringify(d)).not.toContain(seeded.cases.denunciation!.code);
    expect(JSON.stringify(d)).not.toContain('0912345678');
  });

  it('adds a province up from its own desk and its communes, and keeps protected text out', async () => {
    const d = await computeDigest(t.db, { scope: { kind: 'province', code: PROVINCE }, weekStart: week, now: NOW });
    expect(d.scopeName).toBe('Tỉnh Cao Bằng');
    expect(d.units.map((u) => `${u.kind}:${u.code}`)).toEqual([
      `province:${PROVINCE}`,
      `commune:${THUC_PHAN.code}`,
      `commune:${NUNG_TRI_CAO.code}`,
    ]);
    expect(d.units[0]).toMatchObject({ received: 1, answered: 0, overdueNow: 1 });
    expect(d.units[2]).toMatchObject({ received: 2, answered: 1, answeredOnTime: 0, answeredLate: 1 });
    expect(d.totals).toEqual({ received: 7, answered: 3, answeredOnTime: 1, answeredLate: 2, becameOverdue: 1, overdueNow: 2 });
    expect(d.byLabel.find((b) => b.label === 'unknown')).toEqual({ label: 'unknown', count: 1 });
    expect(d.needsReview).toBe(2);
    // 2, 4 and Tue 17 → Sat 21 01:00 in Viet Nam: 3 (Saturday is no working day).
    expect(d.medianAnswerWorkingDays).toBe(3);
    const protectedCase = d.overdueCases.find((c) => c.code === seeded.cases.denunciation!.code);
    expect(protectedCase).toMatchObject({ excerpt: null, unit: { kind: 'province', code: PROVINCE } });
    expect(JSON.stringify(d)).not.toContain('0912345678');
    expect(d.satisfaction.ratedCases).toBe(2);
    expectAddsUp(d);
  });

  it('leaves out communes with nothing to report and other provinces', async () => {
    const d = await computeDigest(t.db, { scope: { kind: 'province', code: PROVINCE }, weekStart: week, now: NOW });
    expect(d.units.length).toBe(3);
    const other = await computeDigest(t.db, { scope: { kind: 'commune', code: AN_HOI_TAY.code }, weekStart: week, now: NOW });
    expect(other.totals.received).toBe(1);
    expectAddsUp(other);
  });

  it('agrees with the letters and satisfaction areas where their scopes coincide', async () => {
    // Those areas count by the place of the case; a commune without escalations is the same set.
    const scope = { kind: 'commune' as const, code: NUNG_TRI_CAO.code };
    const d = await computeDigest(t.db, { scope, weekStart: week, now: NOW });
    const late = await countLateAndApologies(t.db, { scope, from: FROM, to: TO });
    expect([d.totals.answeredLate, d.totals.becameOverdue, d.apologies.drafted, d.apologies.signed]).toEqual([
      late.answeredLate,
      late.casesOverdue,
      late.apologiesDrafted,
      late.apologiesSigned,
    ]);
    // One answer in Nùng Trí Cao's week: the median is that answer's time.
    expect(d.medianAnswerWorkingDays).toBe(3);
    const s = await satisfactionSummary(t.db, { scope, from: FROM, to: TO });
    expect(d.satisfaction).toEqual(s);
    const tp = await computeDigest(t.db, { scope: { kind: 'commune', code: THUC_PHAN.code }, weekStart: week, now: NOW });
    const tpLate = await countLateAndApologies(t.db, { scope: { kind: 'commune', code: THUC_PHAN.code }, from: FROM, to: TO });
    expect([tp.totals.answeredLate, tp.totals.becameOverdue, tp.apologies.drafted, tp.apologies.signed]).toEqual([
      tpLate.answeredLate,
      tpLate.casesOverdue,
      tpLate.apologiesDrafted,
      tpLate.apologiesSigned,
    ]);
  });

  it('counts an empty week as zeros that still add up', async () => {
    const d = await computeDigest(t.db, { scope: { kind: 'province', code: PROVINCE }, weekStart: '2026-11-02' as IsoDate, now: NOW });
    expect(d.totals.received).toBe(0);
    expect(d.byLabel).toEqual([]);
    expect(d.medianAnswerWorkingDays).toBeNull();
    expect(d.units).toHaveLength(2); // the province desk always, plus Thục Phán's case still overdue now
    expectAddsUp(d);
  });

  it('refuses a week that does not start on Monday and a unit not in the directory', async () => {
    await expect(computeDigest(t.db, { scope: { kind: 'commune', code: THUC_PHAN.code }, weekStart: '2026-11-17' as IsoDate })).rejects.toThrow(/not a Monday/);
    await expect(computeDigest(t.db, { scope: { kind: 'commune', code: '99999' }, weekStart: week })).rejects.toThrow(UnknownScope);
  });
});
