import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { staffNotifier } from '../../src/alerts/index.ts';
import { type CaseRecord, transferCase } from '../../src/cases/index.ts';
import {
  type DeadlineKind,
  DeadlineScheduler,
  deadlineJobId,
  type RunningDeadlineWorker,
  runDeadlineJob,
  startDeadlineWorker,
} from '../../src/deadline-jobs/index.ts';
import type { IsoDate } from '../../src/deadlines/index.ts';
import { type Mailer, smtpMailer } from '../../src/digests/index.ts';
import { createUser, type Role, setUserActive, type User, type UserScope } from '../../src/users/index.ts';
import { startTestSmtp, type TestSmtp } from '../digests/smtp.ts';
import { AN_HOI_TAY, consent, conversation, NUNG_TRI_CAO, newCase } from '../routing/fixtures.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';
import { clearPrefix, testRedis, uniquePrefix } from '../support/redis.ts';
import { completedOutcome } from '../support/jobs.ts';

// Cases received Monday 23/11/2026, due Monday 07/12/2026 (as in test/deadline-jobs).
const RECEIVED = new Date('2026-11-23T03:00:00Z');
const REMINDER_AT = new Date('2026-12-03T01:00:00Z');
const ESCALATION_AT = new Date('2026-12-07T01:00:00Z');
const OVERDUE_AT = new Date('2026-12-07T17:00:00Z');
const FROM = 'Công Bộc <congboc@ubnd.example.vn>';
const PUBLIC_URL = 'https://congboc.example.vn';

const A: UserScope = { kind: 'commune', code: AN_HOI_TAY.code };
const OTHER: UserScope = { kind: 'commune', code: NUNG_TRI_CAO.code };
const PROVINCE: UserScope = { kind: 'province', code: AN_HOI_TAY.province };

describe.each(DB_KINDS)('deadline notices to staff through the real deadline worker (%s)', (kind) => {
  let t: TestDatabase;
  let redis: Redis;
  let prefix: string;
  let smtp: TestSmtp;
  let mailer: Mailer;
  let clock: Date;
  const now = () => clock;
  let scheduler: DeadlineScheduler;
  let worker: RunningDeadlineWorker;
  let conv: string;
  const u = {} as Record<
    'lan' | 'minh' | 'chuTich' | 'gone' | 'adminA' | 'otherStaff' | 'otherLeader' | 'officer' | 'otherOfficer',
    User
  >;

  const user = (username: string, role: Role, scope: UserScope, email: string | null = null, locale: 'vi' | 'en' = 'vi') =>
    createUser(t.db, { username, displayName: `Cán bộ ${username}`, role, scope, password: 'mật-khẩu-đủ-dài-1', email, locale });

  /** A deadline worker that tells staff through the inbox and by e-mail, as the program does. */
  const startWorker = () =>
    startDeadlineWorker({
      db: t.db,
      connection: redis,
      prefix,
      now,
      lockMs: 5000,
      resyncOnStart: false,
      onNotice: staffNotifier({ db: t.db, redis, prefix, mailer, from: FROM, publicUrl: PUBLIC_URL, now }),
    });

  const outcome = (jobId: string) => completedOutcome(scheduler.queue as Queue, jobId);

  /** Moves the clock and lets the worker run what came due; returns the job's outcome. */
  async function runAt(at: Date, c: CaseRecord, k: DeadlineKind, version = 1): Promise<unknown> {
    clock = at;
    await scheduler.promoteDue();
    return outcome(deadlineJobId(c.id, version, k));
  }

  /** Every notification of a case, as [username, kind]. */
  async function notified(c: CaseRecord): Promise<[string, string][]> {
    const rows = await t.db.query<{ username: string; kind: string }>(
      `SELECT u.username, n.kind FROM staff_notifications n JOIN users u ON u.id = n.user_id
       WHERE n.case_id = $1 ORDER BY n.kind, u.username`,
      [c.id],
    );
    return rows.map((r) => [r.username, r.kind]);
  }

  const mailsAbout = (c: CaseRecord) => smtp.received.filter((m) => (m.header('subject') ?? '').length > 0 && m.text().includes(c.code));

  async function assign(c: CaseRecord, to: User) {
    await t.db.query('INSERT INTO case_assignments (case_id, user_id, assigned_by) VALUES ($1, $2, $2)', [c.id, to.id]);
  }

  async function scheduledCase(over: Parameters<typeof newCase>[2] = {}): Promise<CaseRecord> {
    clock = RECEIVED;
    const c = await newCase(t.db, conv, over);
    await scheduler.schedule(t.db, c.id);
    return c;
  }

  beforeAll(async () => {
    t = await freshDatabase(kind);
    redis = testRedis();
    prefix = uniquePrefix(`alerts-${kind}`);
    smtp = await startTestSmtp();
    mailer = smtpMailer(smtp.url, { timeoutMs: 5000 });
    clock = RECEIVED;
    u.lan = await user('lan', 'commune_staff', A, 'lan@anhoitay.example.vn');
    u.minh = await user('minh', 'commune_staff', A);
    u.chuTich = await user('chu.tich', 'commune_leader', A, 'chutich@anhoitay.example.vn', 'en');
    u.gone = await user('da.nghi', 'commune_staff', A, 'danghi@anhoitay.example.vn');
    await setUserActive(t.db, u.gone.id, false);
    u.adminA = await user('quan.tri', 'admin', A, 'admin@anhoitay.example.vn');
    u.otherStaff = await user('khac', 'commune_staff', OTHER, 'khac@nungtricao.example.vn');
    u.otherLeader = await user('khac.lanh.dao', 'commune_leader', OTHER);
    u.officer = await user('tinh', 'province_officer', PROVINCE, 'tinh@hcm.example.vn');
    u.otherOfficer = await user('tinh.khac', 'province_officer', { kind: 'province', code: NUNG_TRI_CAO.province });
    scheduler = new DeadlineScheduler({ connection: redis, prefix, now });
    worker = await startWorker();
    conv = await conversation(t.db);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await scheduler?.close();
    mailer?.close();
    await smtp?.close();
    await clearPrefix(redis, prefix);
    await redis.quit();
    await t?.drop();
  });

  it('reminds the assigned staff member once, and nobody else, by inbox and by e-mail', async () => {
    const c = await scheduledCase({ description: 'Cán bộ Nguyễn Văn Bảo bắt đi lại 4 lần' });
    await assign(c, u.lan);
    expect(await runAt(REMINDER_AT, c, 'reminder')).toBe('done');
    await vi.waitFor(async () => expect(await notified(c)).toEqual([['lan', 'reminder']]), { timeout: 15_000, interval: 50 });

    const [row] = await t.db.query<{ created_at: Date | string; read_at: unknown; deadline_version: number; due_date: string }>(
      `SELECT created_at, read_at, deadline_version, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM staff_notifications WHERE case_id = $1`,
      [c.id],
    );
    expect(new Date(row!.created_at).toISOString()).toBe(REMINDER_AT.toISOString());
    expect(row).toMatchObject({ read_at: null, deadline_version: 1, due_date: '2026-12-07' });

    await vi.waitFor(() => expect(mailsAbout(c)).toHaveLength(1), { timeout: 15_000, interval: 50 });
    const mail = mailsAbout(c)[0]!;
    expect(mail.to).toEqual(['lan@anhoitay.example.vn']);
    expect(mail.text().normalize('NFC')).toContain(`Hồ sơ ${c.code} của đơn vị sẽ đến hạn trả lời vào ngày 07/12/2026`);
    expect(mail.text()).toContain(`${PUBLIC_URL}/inbox/cases/${c.id}`);
    expect(mail.html()).toContain(`href="${PUBLIC_URL}/inbox/cases/${c.id}"`);
    // Unanswered at the reminder: the apology is drafted ahead, and the mail says it is a precaution.
    expect(mail.text().normalize('NFC')).toContain('phiếu xin lỗi người dân đã được soạn sẵn trong hồ sơ để lãnh đạo ký trước ngày hẹn');
    // The case's content (which can name people) never leaves by mail.
    expect(`${mail.header('subject')}${mail.text()}${mail.html()}`.normalize('NFC')).not.toContain('Nguyễn');
    const [emailed] = await t.db.query<{ emailed_at: unknown }>('SELECT emailed_at FROM staff_notifications WHERE case_id = $1', [c.id]);
    expect(emailed!.emailed_at).not.toBeNull();
  });

  it('reminds the whole team of the handling unit when nobody is assigned: no admin, no disabled account, no other unit', async () => {
    const c = await scheduledCase();
    expect(await runAt(REMINDER_AT, c, 'reminder')).toBe('done');
    await vi.waitFor(
      async () =>
        expect(await notified(c)).toEqual([
          ['chu.tich', 'reminder'],
          ['lan', 'reminder'],
          ['minh', 'reminder'],
        ]),
      { timeout: 15_000, interval: 50 },
    );
    // Those with an address get a copy, each in their own language.
    await vi.waitFor(() => expect(mailsAbout(c).map((m) => m.to[0]).sort()).toEqual(['chutich@anhoitay.example.vn', 'lan@anhoitay.example.vn']), {
      timeout: 15_000,
      interval: 50,
    });
    const english = mailsAbout(c).find((m) => m.to[0] === 'chutich@anhoitay.example.vn')!;
    expect(english.header('subject')).toContain('Reminder');
    expect(english.text()).toContain(`Case ${c.code} of your unit is due to be answered on 07/12/2026`);
  });

  it('escalates to the leaders of the handling unit only, and marks overdue to the assignee and the leaders', async () => {
    const c = await scheduledCase();
    await assign(c, u.lan);
    const ofKind = async (k: DeadlineKind) => (await notified(c)).filter(([, kind]) => kind === k).map(([who]) => who);
    expect(await runAt(REMINDER_AT, c, 'reminder')).toBe('done');
    expect(await runAt(ESCALATION_AT, c, 'escalation')).toBe('done');
    expect(await ofKind('escalation')).toEqual(['chu.tich']);
    expect(await runAt(OVERDUE_AT, c, 'overdue')).toBe('done');
    expect(await notified(c)).toEqual([
      ['chu.tich', 'escalation'],
      ['chu.tich', 'overdue'],
      ['lan', 'overdue'],
      ['lan', 'reminder'],
    ]);
    const overdue = mailsAbout(c).filter((m) => /đã quá hạn trả lời|is overdue/.test(m.text().normalize('NFC')));
    expect(overdue.map((m) => m.to[0]).sort()).toEqual(['chutich@anhoitay.example.vn', 'lan@anhoitay.example.vn']);
    const toLan = overdue.find((m) => m.to[0] === 'lan@anhoitay.example.vn')!;
    expect(toLan.text().normalize('NFC')).toContain('Phiếu xin lỗi người dân đã được soạn sẵn');
  });

  it('tells the province officers of a case routed to the province, never the reporter it protects', async () => {
    const protectedConv = await conversation(t.db);
    const c = await scheduledCase({
      conversationId: protectedConv,
      routedTo: { kind: 'province', code: PROVINCE.code },
      identityProtected: true,
      reporter: { kind: 'identified', name: 'Trần Thị Tố', phone: '0911222333', consentId: await consent(t.db, protectedConv) },
      classification: { label: 'tham_nhung', labels: ['tham_nhung'], confidence: 0.9, targetsLeader: true, needsReview: false },
      description: 'Chủ tịch phường nhận phong bì',
    });
    expect(await runAt(ESCALATION_AT, c, 'escalation')).toBe('done');
    await vi.waitFor(
      async () => expect(await notified(c)).toEqual([
        ['tinh', 'escalation'],
        ['tinh', 'reminder'],
      ]),
      { timeout: 15_000, interval: 50 },
    );
    await vi.waitFor(() => expect(mailsAbout(c)).toHaveLength(2), { timeout: 15_000, interval: 50 });
    for (const m of mailsAbout(c)) {
      expect(m.to).toEqual(['tinh@hcm.example.vn']);
      const seen = `${m.header('subject')}${m.text()}${m.html()}`.normalize('NFC');
      for (const secret of ['Trần Thị Tố', '0911222333', 'phong bì']) expect(seen).not.toContain(secret);
    }
  });

  it('follows a transfer: the new unit is reminded, not the assignee left behind in the old one', async () => {
    const c = await scheduledCase();
    await assign(c, u.lan);
    const moved = await t.db.transaction((tx) =>
      transferCase(tx, c.id, { toCommuneCode: NUNG_TRI_CAO.code, reason: 'Nhầm phường', actor: 'staff:lan', at: RECEIVED }),
    );
    await scheduler.schedule(t.db, c.id);
    // The receiving unit's own clock runs from the transfer: its reminder follows its due date.
    expect(await runAt(scheduler.plan(moved.case.dueDate as IsoDate).reminder, c, 'reminder', 2)).toBe('done');
    await vi.waitFor(
      async () =>
        expect(await notified(c)).toEqual([
          ['khac', 'reminder'],
          ['khac.lanh.dao', 'reminder'],
        ]),
      { timeout: 15_000, interval: 50 },
    );
  });

  it('does not double on a redelivered job, a repeated notice or a second worker', async () => {
    const second = await startWorker();
    try {
      const c = await scheduledCase();
      await assign(c, u.lan);
      await scheduler.resync(t.db);
      expect(await runAt(REMINDER_AT, c, 'reminder')).toBe('done');
      await vi.waitFor(() => expect(mailsAbout(c)).toHaveLength(1), { timeout: 15_000, interval: 50 });

      // The job delivered again (a stalled job taken over): the deadline area refuses it.
      const job = (await scheduler.queue.getJob(deadlineJobId(c.id, 1, 'reminder')))!.data;
      expect((await t.db.transaction((tx) => runDeadlineJob(tx, job, REMINDER_AT))).outcome).toBe('already_done');
      // The same notice told again (an onNotice retried after a crash): nobody is told twice.
      const notify = staffNotifier({ db: t.db, redis, prefix, mailer, from: FROM, publicUrl: PUBLIC_URL, now });
      const notice = { kind: 'reminder', caseId: c.id, code: c.code, dueDate: c.dueDate!, version: 1, routedTo: c.routedTo } as const;
      expect(await notify(notice)).toEqual({ userIds: [], emailed: 0 });
      expect(await notified(c)).toEqual([['lan', 'reminder']]);
      expect(mailsAbout(c)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('tells staff when the worker that ran the job died before telling them', async () => {
    const c = await scheduledCase();
    await assign(c, u.lan);
    await scheduler.resync(t.db);
    // A worker committed the reminder and crashed before its notice: nobody was told.
    const job = (await scheduler.queue.getJob(deadlineJobId(c.id, 1, 'reminder')))!.data;
    expect((await t.db.transaction((tx) => runDeadlineJob(tx, job, REMINDER_AT))).outcome).toBe('done');
    expect(await notified(c)).toEqual([]);
    // The job, delivered again, finds the work done and still tells the assignee, once.
    expect(await runAt(REMINDER_AT, c, 'reminder')).toBe('already_done');
    await vi.waitFor(async () => expect(await notified(c)).toEqual([['lan', 'reminder']]), { timeout: 15_000, interval: 50 });
    await vi.waitFor(() => expect(mailsAbout(c)).toHaveLength(1), { timeout: 15_000, interval: 50 });
  });

  it('records the notice at once and retries a refused e-mail with the job until the server takes it, once', async () => {
    smtp.refuseAll(true);
    const c = await scheduledCase();
    await assign(c, u.lan);
    try {
      const attempts = smtp.attempts();
      clock = REMINDER_AT;
      await scheduler.promoteDue();
      await vi.waitFor(async () => expect(await notified(c)).toEqual([['lan', 'reminder']]), { timeout: 15_000, interval: 50 });
      await vi.waitFor(() => expect(smtp.attempts()).toBeGreaterThan(attempts), { timeout: 15_000, interval: 50 });
      const job = deadlineJobId(c.id, 1, 'reminder');
      await vi.waitFor(async () => expect(await scheduler.queue.getJobState(job)).toBe('delayed'), { timeout: 15_000, interval: 50 });
      const [row] = await t.db.query<{ emailed_at: unknown }>('SELECT emailed_at FROM staff_notifications WHERE case_id = $1', [c.id]);
      expect(row!.emailed_at).toBeNull();
      expect(mailsAbout(c)).toHaveLength(0);
    } finally {
      smtp.refuseAll(false);
    }
    // The retry (after the job's backoff) finds the reminder done and sends the copy left unsent.
    expect(await outcome(deadlineJobId(c.id, 1, 'reminder'))).toBe('already_done');
    expect(mailsAbout(c)).toHaveLength(1);
    const [row] = await t.db.query<{ emailed: boolean }>('SELECT emailed_at IS NOT NULL AS emailed FROM staff_notifications WHERE case_id = $1', [c.id]);
    expect(row!.emailed).toBe(true);
    expect(await notified(c)).toEqual([['lan', 'reminder']]);
  });
});
