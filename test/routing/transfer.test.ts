import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeStatus,
  getCase,
  listAudit,
  listCaseEvents,
  recordRouting,
  routeCase,
  TransferRefused,
  transferCase,
} from '../../src/cases/index.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';
import { AN_HOI_TAY, conversation, NUNG_TRI_CAO, newCase, THUC_PHAN } from './fixtures.ts';

const at = new Date('2026-11-24T02:00:00Z');

describe.each(DB_KINDS)('routing and transfers on %s', (kind) => {
  let t: TestDatabase;
  let conv: string;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    conv = await conversation(t.db);
  });
  afterAll(() => t.drop());

  it('records the route intake chose, with its rule, and makes protection stick', async () => {
    const c = await newCase(t.db, conv, {
      classification: { label: 'quan_lieu', labels: ['quan_lieu'], confidence: 0.8, targetsLeader: true, needsReview: false },
    });
    const route = routeCase({
      communeCode: c.communeCode,
      provinceCode: c.provinceCode,
      label: c.label,
      labels: [c.label, ...c.secondaryLabels],
      targetsLeader: c.targetsLeader,
    });
    await t.db.transaction((tx) => recordRouting(tx, c.id, route, 'system', at));
    const after = await getCase(t.db, c.id);
    expect(after!.routedTo).toEqual({ kind: 'province', code: AN_HOI_TAY.province });
    expect(after!.identityProtected).toBe(true);
    const [row] = await t.db.query<{ routing_rule: string }>('SELECT routing_rule FROM cases WHERE id = $1', [c.id]);
    expect(row!.routing_rule).toBe('leader_targeted');
    const audit = await listAudit(t.db, 'case', c.id);
    expect(audit.map((a) => [a.actor, a.action, a.details])).toEqual([
      ['system', 'case.route', { rule: 'leader_targeted', to: { kind: 'province', code: '79' }, identityProtected: true }],
    ]);
  });

  it('moves a misrouted case, keeping every move in the history and the audit trail', async () => {
    const c = await newCase(t.db, conv);
    const first = await t.db.transaction((tx) =>
      transferCase(tx, c.id, { toCommuneCode: THUC_PHAN.code, reason: 'Sự việc xảy ra ở phường Thục Phán', actor: 'staff:lan', at }),
    );
    expect(first.case.communeCode).toBe(THUC_PHAN.code);
    expect(first.case.provinceCode).toBe(THUC_PHAN.province);
    expect(first.case.routedTo).toEqual({ kind: 'commune', code: THUC_PHAN.code });
    expect(first.route.rule).toBe('commune');
    const later = new Date(at.getTime() + 3_600_000);
    await t.db.transaction((tx) =>
      transferCase(tx, c.id, { toCommuneCode: NUNG_TRI_CAO.code, reason: 'Nhầm phường', actor: 'staff:minh', at: later }),
    );
    const events = await listCaseEvents(t.db, c.id);
    expect(events.map((e) => e.kind)).toEqual(['created', 'transferred', 'transferred']);
    expect(events[1]!.actor).toBe('staff:lan');
    expect(events[1]!.details).toMatchObject({
      from: { communeCode: AN_HOI_TAY.code, routedTo: { kind: 'commune', code: AN_HOI_TAY.code } },
      to: { communeCode: THUC_PHAN.code, routedTo: { kind: 'commune', code: THUC_PHAN.code } },
      reason: 'Sự việc xảy ra ở phường Thục Phán',
    });
    expect(events[2]!.details).toMatchObject({ from: { communeCode: THUC_PHAN.code }, to: { communeCode: NUNG_TRI_CAO.code } });
    const audit = await listAudit(t.db, 'case', c.id);
    expect(audit.map((a) => [a.actor, a.action])).toEqual([
      ['staff:lan', 'case.transfer'],
      ['staff:minh', 'case.transfer'],
    ]);
  });

  it('sends a case about the leaders of the new commune to that commune’s province, never to the commune', async () => {
    const c = await newCase(t.db, conv, {
      classification: { label: 'loi_dung', labels: ['loi_dung'], confidence: 0.8, targetsLeader: true, needsReview: false },
      routedTo: { kind: 'province', code: AN_HOI_TAY.province },
      identityProtected: true,
    });
    const moved = await t.db.transaction((tx) =>
      transferCase(tx, c.id, { toCommuneCode: THUC_PHAN.code, reason: 'Chủ tịch phường Thục Phán bị tố cáo', actor: 'staff:tinh', at }),
    );
    expect(moved.case.routedTo).toEqual({ kind: 'province', code: THUC_PHAN.province });
    expect(moved.case.identityProtected).toBe(true);
    expect(moved.route.rule).toBe('leader_targeted');
  });

  it('never lifts identity protection, even when the new route would not ask for it', async () => {
    const c = await newCase(t.db, conv, { identityProtected: true });
    const moved = await t.db.transaction((tx) =>
      transferCase(tx, c.id, { toCommuneCode: THUC_PHAN.code, reason: 'Nhầm phường', actor: 'staff:lan', at }),
    );
    expect(moved.route.rule).toBe('commune');
    expect(moved.case.identityProtected).toBe(true);
  });

  it('refuses a transfer without a reason, to an unknown or the same commune, or of a closed case', async () => {
    const c = await newCase(t.db, conv);
    const attempt = (to: string, reason = 'Nhầm xã') =>
      t.db.transaction((tx) => transferCase(tx, c.id, { toCommuneCode: to, reason, actor: 'staff:lan', at }));
    await expect(attempt(THUC_PHAN.code, ' ')).rejects.toMatchObject({ name: 'TransferRefused', reason: 'no_reason' });
    await expect(attempt('99999')).rejects.toMatchObject({ reason: 'unknown_commune' });
    await expect(attempt(AN_HOI_TAY.code)).rejects.toMatchObject({ reason: 'same_commune' });
    await t.db.transaction((tx) => changeStatus(tx, c.id, 'closed', 'staff:lan', null, at));
    await expect(attempt(THUC_PHAN.code)).rejects.toBeInstanceOf(TransferRefused);
    expect((await getCase(t.db, c.id))!.communeCode).toBe(AN_HOI_TAY.code);
  });

  it('keeps the audit trail append-only', async () => {
    const [row] = await t.db.query<{ id: string }>('SELECT id::text AS id FROM audit_log LIMIT 1');
    await expect(t.db.query("UPDATE audit_log SET actor = 'x' WHERE id = $1", [row!.id])).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit_log WHERE id = $1', [row!.id])).rejects.toThrow(/append-only/);
  });
});
