import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase, listCaseEvents, recordRouting, routeCase, transferCase } from '../../src/cases/index.ts';
import { dueDate } from '../../src/deadlines/index.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';
import { AN_HOI_TAY, conversation, newCase, THUC_PHAN } from './fixtures.ts';

const CORRUPTION = { label: 'tham_nhung', labels: ['tham_nhung'], confidence: 0.9, targetsLeader: false, needsReview: false } as const;

describe('routing to bodies the commune does not manage', () => {
  const base = { communeCode: AN_HOI_TAY.code, provinceCode: null, label: 'tham_nhung', labels: ['tham_nhung'], targetsLeader: false };

  it('a report about the commune police is received by the commune and forwarded to the province police', () => {
    const r = routeCase({ ...base, text: 'Trưởng cong an phuong nhận tiền để bỏ qua vi phạm' });
    expect(r).toMatchObject({ kind: 'commune', code: AN_HOI_TAY.code, rule: 'commune_police', identityProtected: true });
    expect(r.forwardTo).toBe('Công an thành phố Hồ Chí Minh');
  });

  it('so are reports about the land-registry branch, tax and social insurance staff; a plain one is not', () => {
    expect(routeCase({ ...base, text: 'cán bộ chi nhánh văn phòng đăng ký đất đai đòi tiền' }).forwardTo).toBe(
      'Văn phòng Đăng ký đất đai thành phố Hồ Chí Minh',
    );
    expect(routeCase({ ...base, label: 'quan_lieu', labels: ['quan_lieu'], text: 'cán bộ thuế hách dịch' }).forwardTo).toBe(
      'Thuế thành phố Hồ Chí Minh',
    );
    expect(routeCase({ ...base, label: 'ung_xu', labels: ['ung_xu'], text: 'nhân viên BHXH quát tháo' }).rule).toBe('social_insurance');
    // A question about social insurance is no report about its staff.
    expect(routeCase({ ...base, label: 'khac', labels: ['khac'], text: 'hỏi về bảo hiểm xã hội' }).forwardTo).toBeUndefined();
    expect(routeCase({ ...base, text: 'cán bộ địa chính xã đòi tiền' })).toMatchObject({ rule: 'integrity_denunciation' });
  });
});

describe.each(DB_KINDS)('forwarding and transfer clocks on %s', (kind) => {
  let t: TestDatabase;
  let conv: string;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    conv = await conversation(t.db);
  });
  afterAll(() => t.drop());

  it('tracks the 5-working-day forwarding duty of a tố cáo about the commune police', async () => {
    const c = await newCase(t.db, conv, {
      classification: CORRUPTION,
      officialText: 'trưởng công an phường',
      legalKind: { kind: 'to_cao', reason: 'named_accusation' },
      dueDate: dueDate('to_cao_xu_ly_ban_dau', new Date('2026-11-23T03:00:00Z')).due,
    });
    const route = routeCase({ ...c, label: c.label, labels: [c.label], text: `${c.description} ${c.officialText}` });
    const at = new Date('2026-11-23T03:00:00Z');
    await t.db.transaction((tx) => recordRouting(tx, c.id, route, 'system', at));
    const after = await getCase(t.db, c.id);
    // Received Monday 23/11/2026: 5 working days, 24/11 being a day off (25–27/11, 30/11, 1/12) → Tuesday 1/12.
    const forwardDue = dueDate('to_cao_chuyen', c.receivedAt).due;
    expect(forwardDue).toBe('2026-12-01');
    expect(after!.forward).toEqual({ to: 'Công an thành phố Hồ Chí Minh', dueDate: forwardDue });
    // The case's own due date follows the earlier duty, so reminders come before it.
    expect(after!.dueDate).toBe(forwardDue);
    const event = (await listCaseEvents(t.db, c.id)).find((e) => e.kind === 'forward_required');
    expect(event?.details).toMatchObject({ to: 'Công an thành phố Hồ Chí Minh', dueDate: forwardDue, limit: 'to_cao_chuyen' });
  });

  it('a transfer starts the receiving unit’s own clock from the day it receives the case', async () => {
    const c = await newCase(t.db, conv);
    expect(c.dueDate).toBe('2026-12-07');
    const at = new Date('2026-12-01T02:00:00Z');
    const moved = await t.db.transaction((tx) =>
      transferCase(tx, c.id, { toCommuneCode: THUC_PHAN.code, reason: 'Sự việc xảy ra ở phường Thục Phán', actor: 'staff:lan', at }),
    );
    const expected = dueDate('phan_anh_kien_nghi', at).due;
    expect(moved.case.dueDate).toBe(expected);
    expect(expected > '2026-12-07').toBe(true);
    const event = (await listCaseEvents(t.db, c.id)).find((e) => e.kind === 'transferred');
    expect(event?.details).toMatchObject({ dueFrom: '2026-12-07', dueTo: expected });
  });
});
