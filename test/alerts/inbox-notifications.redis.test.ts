import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaseRecord } from '../../src/cases/index.ts';
import { DeadlineScheduler, deadlineJobId } from '../../src/deadline-jobs/index.ts';
import { startTestSmtp, type TestSmtp } from '../digests/smtp.ts';
import { type Client, makeCase, seedWorld, signedIn, type World } from '../inbox/support.ts';
import { DB_KINDS } from '../support/db.ts';
import { testRedis } from '../support/redis.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

const RECEIVED = new Date('2026-11-23T03:00:00Z');
const REMINDER_AT = new Date('2026-12-03T01:00:00Z');
const ESCALATION_AT = new Date('2026-12-07T01:00:00Z');
const PUBLIC_URL = 'https://congboc.example.vn';

interface Notification {
  id: string;
  kind: string;
  caseId: string;
  caseCode: string;
  dueDate: string;
  readAt: string | null;
}
type NotificationList = { items: Notification[]; unread: number };

/** Reads a server-sent event stream as a signed-in user until told to stop. */
async function openEvents(base: string, client: Client) {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/events`, { headers: { cookie: client.cookieHeader() }, signal: abort.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      // Aborted at the end of the test.
    }
  })();
  // The first bytes come once the stream is subscribed to changes.
  await vi.waitFor(() => expect(text).toContain('retry:'), { timeout: 10_000, interval: 20 });
  return {
    text: () => text,
    async close() {
      abort.abort();
      await pump;
    },
  };
}

describe.each(DB_KINDS)('deadline notices in the running program and the inbox (%s)', (kind) => {
  let h: TestRuntime;
  let smtp: TestSmtp;
  let redis: Redis;
  let world: World;
  let scheduler: DeadlineScheduler;
  let clock = RECEIVED;
  const now = () => clock;
  let c: CaseRecord;
  const clients = {} as Record<'staffA' | 'leaderA' | 'staffB' | 'adminP', Client>;

  const list = (who: keyof typeof clients, query = '') => clients[who].json<NotificationList>('GET', `/api/notifications${query}`);

  beforeAll(async () => {
    smtp = await startTestSmtp();
    h = await startTestRuntime(kind, { env: { SMTP_URL: smtp.url, PUBLIC_URL }, now });
    redis = testRedis();
    scheduler = new DeadlineScheduler({ connection: redis, prefix: h.prefix, now });
    world = await seedWorld(h.t.db);
    clients.staffA = await signedIn(h.rt.url!, 'staff.a');
    clients.leaderA = await signedIn(h.rt.url!, 'leader.a');
    clients.staffB = await signedIn(h.rt.url!, 'staff.b');
    clients.adminP = await signedIn(h.rt.url!, 'admin.p');
    c = await makeCase(h.t.db, 'PSID-NOTICE', { dueDate: '2026-12-07', receivedAt: RECEIVED, identified: true });
  }, 60_000);

  afterAll(async () => {
    await scheduler?.close();
    redis?.disconnect();
    await h?.stop();
    await smtp?.close();
  });

  it('lets an admin set a staff member’s e-mail address, refusing a malformed one', async () => {
    const bad = await clients.adminP.json('PATCH', `/api/admin/users/${world.users.staffA.id}`, { email: 'not an address' });
    expect(bad.status).toBe(400);
    const ok = await clients.adminP.json<{ email: string | null }>('PATCH', `/api/admin/users/${world.users.staffA.id}`, {
      email: 'staff.a@badinh.example.vn',
    });
    expect(ok).toMatchObject({ status: 200, body: { email: 'staff.a@badinh.example.vn' } });
    expect((await clients.staffA.json<{ user: { email: string } }>('GET', '/api/me')).body.user.email).toBe('staff.a@badinh.example.vn');
    // Only admins manage accounts.
    expect((await clients.leaderA.json('PATCH', `/api/admin/users/${world.users.staffA.id}`, { email: null })).status).toBe(403);
  });

  it('tells the assigned staff member live, in the inbox and by e-mail, and nobody else', async () => {
    expect((await clients.leaderA.json('POST', `/api/cases/${c.id}/assign`, { userId: world.users.staffA.id })).status).toBe(200);
    clock = RECEIVED;
    await scheduler.schedule(h.t.db, c.id);
    const events = await openEvents(h.rt.url!, clients.staffA);
    try {
      clock = REMINDER_AT;
      await scheduler.promoteDue();
      await vi.waitFor(async () => expect(await scheduler.queue.getJobState(deadlineJobId(c.id, 1, 'reminder'))).toBe('completed'), {
        timeout: 15_000,
        interval: 50,
      });
      await vi.waitFor(() => expect(events.text()).toContain('event: notification'), { timeout: 10_000, interval: 20 });
    } finally {
      await events.close();
    }

    const mine = await list('staffA');
    expect(mine.status).toBe(200);
    expect(mine.body.unread).toBe(1);
    expect(mine.body.items).toEqual([
      { id: expect.any(String), kind: 'reminder', caseId: c.id, caseCode: c.code, dueDate: '2026-12-07', createdAt: REMINDER_AT.toISOString(), readAt: null },
    ]);
    for (const other of ['leaderA', 'staffB', 'adminP'] as const) expect((await list(other)).body, other).toEqual({ items: [], unread: 0 });

    expect(smtp.received.map((m) => m.to)).toEqual([['staff.a@badinh.example.vn']]);
    const mail = smtp.received[0]!;
    expect(mail.text()).toContain(`${PUBLIC_URL}/inbox/cases/${c.id}`);
    expect(mail.text()).not.toContain('Nguyễn Văn Dân');
    expect(mail.text()).not.toContain('0912345678');
  });

  it('shows the bell and the list on the pages, and only the owner can mark a notification read', async () => {
    const [n] = (await list('staffA')).body.items;
    const page = await clients.staffA.get('/inbox/notifications');
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('data-count="notifications">1</span>');
    expect(body).toContain(`/inbox/notifications/${n!.id}/open`);
    expect(body).toContain(c.code);
    const queue = await (await clients.staffB.get('/inbox/cases')).text();
    expect(queue).toContain('data-count="notifications">0</span>');

    // Someone else's notification does not exist for them, on the API and on the pages.
    expect((await clients.staffB.json('POST', `/api/notifications/${n!.id}/read`)).status).toBe(404);
    expect((await clients.leaderA.json('POST', `/api/notifications/${n!.id}/read`)).status).toBe(404);
    const viaPage = await clients.staffB.request('POST', `/inbox/notifications/${n!.id}/open`, { form: { _csrf: clients.staffB.csrf } });
    expect(viaPage.status).toBe(404);
    expect((await clients.staffB.json('POST', '/api/notifications/read-all')).body).toEqual({ marked: 0, unread: 0 });
    expect((await list('staffA')).body.unread).toBe(1);
    expect((await clients.staffA.json('POST', '/api/notifications/x/read')).status).toBe(404);

    // The owner opens it from the page: read, and on to the case.
    const opened = await clients.staffA.request('POST', `/inbox/notifications/${n!.id}/open`, { form: { _csrf: clients.staffA.csrf } });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(`/inbox/cases/${c.id}`);
    const after = (await list('staffA')).body;
    expect(after.unread).toBe(0);
    expect(after.items[0]!.readAt).not.toBeNull();
    expect((await list('staffA', '?unread=1')).body.items).toEqual([]);
  });

  it('escalates to the commune leader on the due day; the leader marks all read', async () => {
    clock = ESCALATION_AT;
    await scheduler.promoteDue();
    await vi.waitFor(async () => expect(await scheduler.queue.getJobState(deadlineJobId(c.id, 1, 'escalation'))).toBe('completed'), {
      timeout: 15_000,
      interval: 50,
    });
    const leader = (await list('leaderA')).body;
    expect(leader.items.map((i) => [i.kind, i.caseId])).toEqual([['escalation', c.id]]);
    expect((await list('staffA')).body.items.map((i) => i.kind)).toEqual(['reminder']);
    expect((await list('staffB')).body.items).toEqual([]);
    expect((await clients.leaderA.json('POST', '/api/notifications/read-all')).body).toEqual({ marked: 1, unread: 0 });
    // The leader has no e-mail address: the inbox is the only place they are told.
    expect(smtp.received).toHaveLength(1);
  });
});
