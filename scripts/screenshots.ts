/**
 * Screenshots of the staff inbox's main screens, for docs/screenshots/. Builds the whole
 * program in this process on an in-memory PGlite with demonstration data (no worker, nothing
 * is sent anywhere), drives Debian's chromium with playwright-core, and saves PNGs.
 *
 *   node scripts/screenshots.ts            # needs Redis (REDIS_URL, default 127.0.0.1:6379)
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { type Page, chromium } from 'playwright-core';
import { findAccount, upsertAccount } from '../src/accounts/index.ts';
import { type CaseAttachment, createCase, type NewCase } from '../src/cases/index.ts';
import type { ChannelEvent } from '../src/channels/types.ts';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/index.ts';
import { addOutbound, ensureConversation, recordSendResult, storeInbound } from '../src/messaging/index.ts';
import { createLogger } from '../src/observability/index.ts';
import { createRuntime } from '../src/runtime/index.ts';
import { createResponder } from '../src/runtime/responder.ts';
import { createUser } from '../src/users/index.ts';

const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'demo-password-123';
const PAGE_ID = '1010101010';
const HOUR = 3600_000;

async function conversation(db: Database, psid: string, inbound: { text: string; agoMs: number }[], mode = 'idle') {
  const account = await findAccount(db, 'messenger', PAGE_ID);
  const id = await ensureConversation(db, account!.id, psid);
  for (const [i, m] of inbound.entries()) {
    const event: ChannelEvent = {
      platform: 'messenger',
      accountRef: PAGE_ID,
      userRef: psid,
      eventId: `${psid}-${i}`,
      timestamp: Date.now() - m.agoMs,
      content: { type: 'text', text: m.text },
    };
    await storeInbound(db, id, event);
  }
  const last = Math.min(...inbound.map((m) => m.agoMs));
  await db.query(
    `UPDATE conversations SET last_inbound_at = now() - ($2::bigint * interval '1 millisecond'), state = $3 WHERE id = $1`,
    [id, last, JSON.stringify({ v: 1, mode, flow: null, step: null, returnTo: null, draft: { attachments: [], skipped: [] }, pending: null, lastCase: null, savedDraft: null, timer: null })],
  );
  return id;
}

async function say(db: Database, conversationId: string, key: string, text: string, result: 'sent' | 'failed' = 'sent') {
  const [id] = await addOutbound(db, conversationId, key, [{ type: 'text', payload: { text } }], {});
  await recordSendResult(
    db,
    id!,
    result === 'sent' ? { status: 'sent', platformMessageId: `m-${key}` } : { status: 'failed', error: "unreachable: This person isn't available right now." },
  );
}

async function consent(db: Database, conversationId: string): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO consents (conversation_id, purpose, granted, wording, locale) VALUES ($1, 'case_contact', true, 'Đồng ý', 'vi')
     RETURNING id::text AS id`,
    [conversationId],
  );
  return rows[0]!.id;
}

function vnDate(offsetDays: number): string {
  return new Date(Date.now() + 7 * HOUR + offsetDays * 24 * HOUR).toISOString().slice(0, 10);
}

async function demoCase(db: Database, c: Partial<NewCase> & Pick<NewCase, 'conversationId' | 'description'>, attachments: CaseAttachment[] = []) {
  return db.transaction((tx) =>
    createCase(tx, {
      kind: 'feedback',
      locale: 'vi',
      receivedAt: new Date(Date.now() - 26 * HOUR),
      dueDate: vnDate(5),
      communeCode: '00004',
      provinceCode: '01',
      placeText: 'Bộ phận một cửa UBND phường',
      routedTo: { kind: 'commune', code: '00004' },
      classification: { label: 'cua_quyen', labels: ['cua_quyen'], confidence: 0.82, targetsLeader: false, needsReview: false },
      occurredText: 'sáng thứ Hai tuần trước',
      officialText: null,
      reporter: { kind: 'anonymous' },
      identityProtected: false,
      attachments,
      ...c,
    }),
  );
}

async function seed(db: Database) {
  await upsertAccount(db, { platform: 'messenger', externalId: PAGE_ID, scope: { kind: 'commune', code: '00004' }, name: 'UBND phường Ba Đình' });
  await createUser(db, { username: 'lan.nguyen', displayName: 'Nguyễn Thị Lan', role: 'commune_staff', scope: { kind: 'commune', code: '00004' }, password: PASSWORD });
  await createUser(db, { username: 'chu.tich', displayName: 'Trần Văn Hùng', role: 'commune_leader', scope: { kind: 'commune', code: '00004' }, password: PASSWORD });
  await createUser(db, { username: 'quan.tri', displayName: 'Quản trị hệ thống', role: 'admin', scope: { kind: 'province', code: '01' }, password: PASSWORD });

  const c1 = await conversation(db, 'PSID-1', [
    { text: 'Chào UBND phường, tôi muốn phản ánh', agoMs: 3 * HOUR },
    { text: 'Tôi nộp hồ sơ đăng ký hộ kinh doanh 3 lần, lần nào cán bộ cũng bắt bổ sung giấy tờ mới mà không nói rõ từ đầu', agoMs: 2.9 * HOUR },
  ]);
  await say(db, c1, 'bot-1', 'Cảm ơn anh/chị đã phản ánh. Mã hồ sơ của anh/chị là PA-2026-000101. UBND phường sẽ trả lời trong 10 ngày làm việc.');
  await say(db, c1, 'staff:demo-1', 'Xin chào anh, bộ phận một cửa đã nhận phản ánh. Chúng tôi sẽ gọi lại để hướng dẫn đầy đủ hồ sơ trong hôm nay.');
  const k1 = await demoCase(db, {
    conversationId: c1,
    description: 'Tôi nộp hồ sơ đăng ký hộ kinh doanh 3 lần, lần nào cán bộ cũng bắt bổ sung giấy tờ mới mà không nói rõ từ đầu',
    reporter: { kind: 'identified', name: 'Phạm Minh Tuấn', phone: '0912 345 678', consentId: await consent(db, c1) },
  }, [{ kind: 'location', latitude: 21.0341, longitude: 105.8372, address: 'Số 25 Liễu Giai, Ba Đình' }]);
  await db.query(`UPDATE cases SET status = 'in_progress' WHERE id = $1`, [k1.id]);

  const c2 = await conversation(db, 'PSID-2', [{ text: 'Hồ sơ sổ đỏ của tôi hẹn trả ngày 10 mà đến giờ vẫn chưa có', agoMs: 40 * HOUR }]);
  await demoCase(db, {
    conversationId: c2,
    description: 'Hồ sơ cấp giấy chứng nhận quyền sử dụng đất hẹn trả ngày 10 mà đến giờ vẫn chưa có, không ai báo lý do',
    dueDate: vnDate(-2),
    classification: { label: 'tre_han', labels: ['tre_han'], confidence: 0.91, targetsLeader: false, needsReview: false },
  });

  const c3 = await conversation(db, 'PSID-3', [{ text: 'Cho tôi gặp cán bộ trực tiếp', agoMs: 20 * 60_000 }], 'handoff');
  await demoCase(db, {
    conversationId: c3,
    kind: 'question',
    description: 'Cho hỏi thủ tục xin giấy phép sửa chữa nhà cần những gì? Cho tôi gặp cán bộ trực tiếp',
    classification: { label: 'khac', labels: ['khac'], confidence: 0.64, targetsLeader: false, needsReview: true },
  });

  const c4 = await conversation(db, 'PSID-4', [{ text: 'Cán bộ tiếp dân quát tháo, không thèm nhìn người dân', agoMs: 9 * 24 * HOUR }]);
  await say(db, c4, 'staff:demo-4', 'Xin lỗi anh/chị vì trải nghiệm không tốt.', 'failed');
  await demoCase(db, {
    conversationId: c4,
    description: 'Cán bộ tiếp dân quát tháo, không thèm nhìn người dân <b>khi hỏi</b>',
    receivedAt: new Date(Date.now() - 9 * 24 * HOUR),
    dueDate: vnDate(1),
    classification: { label: 'ung_xu', labels: ['ung_xu'], confidence: 0.77, targetsLeader: false, needsReview: false },
    reporter: { kind: 'identified', name: 'Lê Thị Hoa', phone: '0987 654 321', consentId: await consent(db, c4) },
  });

  const c5 = await conversation(db, 'PSID-5', [{ text: 'Cảm ơn chị Lan ở bộ phận một cửa đã hướng dẫn rất tận tình', agoMs: 5 * HOUR }]);
  await demoCase(db, {
    conversationId: c5,
    description: 'Cảm ơn chị Lan ở bộ phận một cửa đã hướng dẫn rất tận tình',
    dueDate: vnDate(9),
    classification: { label: 'khen', labels: ['khen'], confidence: 0.95, targetsLeader: false, needsReview: false },
  });
  return { k1 };
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  process.stdout.write(`docs/screenshots/${name}.png\n`);
}

async function main() {
  if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM} (apt-get install chromium)`);
  mkdirSync(OUT, { recursive: true });
  const prefix = `cbshots:${randomBytes(4).toString('hex')}`;
  const cfg = loadConfig({ ...process.env, QUEUE_PREFIX: prefix, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
  const db = await openDatabase({ pgliteDir: 'memory://' });
  const rt = await createRuntime(cfg, { roles: ['web'], responder: createResponder(), db, log: createLogger('warn') });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const { k1 } = await seed(db);
    const cases = await db.query<{ id: string; description: string }>('SELECT id::text AS id, description FROM cases ORDER BY id');
    const late = cases.find((c) => c.description.startsWith('Cán bộ tiếp dân'))!;
    const overdue = cases.find((c) => c.description.startsWith('Hồ sơ cấp giấy'))!;

    const desk = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await desk.goto(`${rt.url}/inbox/login`);
    await shot(desk, '01-sign-in');
    await desk.getByLabel('Tên đăng nhập').fill('lan.nguyen');
    await desk.getByLabel('Mật khẩu').fill(PASSWORD);
    await desk.getByRole('button', { name: 'Đăng nhập' }).click();
    await desk.waitForURL(/\/inbox\/cases$/);
    await shot(desk, '02-queue');
    await desk.goto(`${rt.url}/inbox/cases/${k1.id}`);
    await shot(desk, '03-case-conversation');
    await desk.goto(`${rt.url}/inbox/cases/${late.id}`);
    await shot(desk, '04-case-window-closed-call-citizen');

    const leader = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await leader.goto(`${rt.url}/inbox/login`);
    await leader.getByLabel('Tên đăng nhập').fill('chu.tich');
    await leader.getByLabel('Mật khẩu').fill(PASSWORD);
    await leader.getByRole('button', { name: 'Đăng nhập' }).click();
    await leader.waitForURL(/\/inbox\/cases$/);
    await leader.goto(`${rt.url}/inbox/cases/${overdue.id}`);
    await leader.getByRole('button', { name: 'Soạn thư xin lỗi' }).click();
    await leader.waitForURL(/letter_drafted/);
    await leader.locator('#letters').scrollIntoViewIfNeeded();
    await shot(leader, '05-case-apology-letter');

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    await phone.goto(`${rt.url}/inbox/login`);
    await phone.getByLabel('Tên đăng nhập').fill('lan.nguyen');
    await phone.getByLabel('Mật khẩu').fill(PASSWORD);
    await phone.getByRole('button', { name: 'Đăng nhập' }).click();
    await phone.waitForURL(/\/inbox\/cases$/);
    await phone.screenshot({ path: join(OUT, '06-queue-phone.png') });
    process.stdout.write('docs/screenshots/06-queue-phone.png\n');

    const admin = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await admin.goto(`${rt.url}/inbox/login?lang=en`);
    await admin.getByLabel('Username').fill('quan.tri');
    await admin.getByLabel('Password').fill(PASSWORD);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.waitForURL(/\/inbox\/cases$/);
    await shot(admin, '07-queue-english-admin');
    await admin.goto(`${rt.url}/inbox/admin`);
    await shot(admin, '08-admin');
    await admin.goto(`${rt.url}/inbox/admin/queues/`);
    await admin.getByText('outbound').first().click();
    await admin.waitForLoadState('networkidle');
    await admin.getByText('Loading...').waitFor({ state: 'detached', timeout: 15_000 }).catch(() => {});
    await admin.screenshot({ path: join(OUT, '09-queue-dashboard.png') });
    process.stdout.write('docs/screenshots/09-queue-dashboard.png\n');
  } finally {
    await browser.close();
    await rt.close();
    await db.close();
    const redis = new Redis(cfg.REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    await redis.quit();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`screenshots: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
