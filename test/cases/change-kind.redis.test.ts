import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase, listAudit, listCaseEvents } from '../../src/cases/index.ts';
import { calendarWarning, dueDate } from '../../src/deadlines/index.ts';
import { DB_KINDS } from '../support/db.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { type Client, makeCase, seedWorld, signedIn } from '../inbox/support.ts';

describe.each(DB_KINDS)('staff change the kind of a case in law (%s)', (kind) => {
  let h: TestRuntime;
  let staffA: Client;

  beforeAll(async () => {
    h = await startTestRuntime(kind, {});
    await seedWorld(h.t.db);
    staffA = await signedIn(h.rt.url!, 'staff.a');
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('a phản ánh becomes a tố cáo with a reason: audited, shown, and its deadline planned again', async () => {
    const c = await makeCase(h.t.db, 'PSID-KIND', {
      classification: { label: 'tham_nhung', labels: ['tham_nhung'], confidence: 0.9, targetsLeader: false, needsReview: false },
      legalKind: { kind: 'phan_anh_kien_nghi', reason: 'default' },
    });
    expect(c.legalKind).toBe('phan_anh_kien_nghi');
    const noReason = await staffA.json('POST', `/api/cases/${c.id}/kind`, { kind: 'to_cao', reason: '' });
    expect(noReason.status).toBe(400);
    const unknown = await staffA.json('POST', `/api/cases/${c.id}/kind`, { kind: 'khieu_to', reason: 'nhầm loại' });
    expect(unknown.status).toBe(400);

    const ok = await staffA.json<{ from: string; to: string; dueDate: string }>('POST', `/api/cases/${c.id}/kind`, {
      kind: 'to_cao',
      reason: 'nêu tên cán bộ nhận tiền',
    });
    expect(ok.status).toBe(200);
    const expected = dueDate('to_cao_xu_ly_ban_dau', c.receivedAt).due;
    expect(ok.body).toEqual({ from: 'phan_anh_kien_nghi', to: 'to_cao', dueDate: expected });
    expect(await getCase(h.t.db, c.id)).toMatchObject({ legalKind: 'to_cao', dueDate: expected });
    const events = await listCaseEvents(h.t.db, c.id);
    expect(events.find((e) => e.kind === 'kind_changed')?.details).toMatchObject({ from: 'phan_anh_kien_nghi', to: 'to_cao', reason: 'nêu tên cán bộ nhận tiền' });
    expect((await listAudit(h.t.db, 'case', c.id)).some((a) => a.action === 'case.change_kind')).toBe(true);

    const page = await staffA.request('GET', `/inbox/cases/${c.id}`);
    const html = await page.text();
    expect(html).toContain('Tố cáo');
    expect(html).toContain('<option value="to_cao" selected>Tố cáo</option>');

    // A compliment has no deadline.
    const khen = await staffA.json<{ dueDate: string | null }>('POST', `/api/cases/${c.id}/kind`, { kind: 'khen', reason: 'thực ra là lời khen' });
    expect(khen.body.dueDate).toBeNull();
    expect((await getCase(h.t.db, c.id))?.dueDate).toBeNull();
  });

  it('the admin page says, from 1 December, that next year’s calendar is unconfirmed', async () => {
    const admin = await signedIn(h.rt.url!, 'admin.p');
    const page = await (await admin.get('/inbox/admin')).text();
    // The page asks the calendar at request time; whichever month the test runs in, it must agree.
    const warning = calendarWarning(new Date());
    if (warning) {
      expect(page).toContain('id="calendar-warning"');
      expect(page).toContain(`Lịch làm việc năm ${warning.year} chưa được xác nhận`);
      expect(page).toContain(`congboc calendar check ${warning.year}`);
    } else {
      expect(page).not.toContain('id="calendar-warning"');
    }
  });
});
