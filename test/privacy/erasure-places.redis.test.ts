import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/cases/index.ts';
import { type ErasureTarget, PERSONAL_DATA_PLACES } from '../../src/privacy/index.ts';
import { createUser } from '../../src/users/index.ts';
import { PASSWORD, signedIn } from '../inbox/support.ts';
import { PlatformInbox, WebhookCitizen } from '../support/citizen.ts';
import { DB_KINDS } from '../support/db.ts';
import { FAKE, startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/**
 * "xóa thông tin của tôi" reaches every place of PERSONAL_DATA_PLACES. The case is filed,
 * handled, transferred and answered through the real paths (webhook, worker, inbox over HTTP);
 * the few places no dialogue reaches in one go (a typed place, the official involved, an
 * attachment caption, a held notice, a letter draft) are written directly, so that every
 * place holds the details first.
 */
const NAME = 'Phạm Văn Khải';
const PHONE = '0903111222';
const SECRET = /Khải|0903[\s.-]?111[\s.-]?222/;

describe.each(DB_KINDS)('erasure reaches every place personal data is kept (%s)', (kind) => {
  let h: TestRuntime;
  let inbox: PlatformInbox;
  const before = new Map<string, string[]>();
  let target: ErasureTarget;
  let code = '';

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    inbox = new PlatformInbox();
    h = await startTestRuntime(kind);
    for (const [username, commune] of [['staff.x', FAKE.commune], ['staff.b', '00008']] as const) {
      await createUser(h.t.db, { username, displayName: username, role: 'commune_staff', scope: { kind: 'commune', code: commune }, password: PASSWORD });
    }
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('files, handles, transfers and answers a case full of the citizen’s details', async () => {
    const citizen = new WebhookCitizen(h, inbox, 'messenger', `PSID-ERASE-ALL-${kind}`);
    for (const text of [
      `Tôi là ${NAME}, số ${PHONE}. Cán bộ phường bắt tôi đi lại 4 lần mà vẫn chưa làm giấy xác nhận`,
      '1',
      `Sáng thứ hai, ${NAME} đến một cửa`,
      'Đồng ý',
      `${NAME}, ${PHONE}`,
      'Gửi phản ánh',
    ]) {
      await citizen.say(text);
    }
    const [row] = await h.t.db.query<{ id: string; code: string; conversation_id: string }>(
      'SELECT id::text AS id, code, conversation_id::text AS conversation_id FROM cases ORDER BY id DESC LIMIT 1',
    );
    code = row!.code;
    const staffX = await signedIn(h.rt.url!, 'staff.x');
    expect((await staffX.json('POST', `/api/cases/${row!.id}/notes`, { body: `Đã gọi ${NAME}, ${PHONE}` })).status).toBe(200);
    expect((await staffX.json('POST', `/api/cases/${row!.id}/reply`, { text: 'Chào anh Khải, phường đã nhận.' })).status).toBe(200);
    expect((await staffX.json('POST', `/api/cases/${row!.id}/label`, { label: 'quan_lieu' })).status).toBe(200);
    const moved = await staffX.json('POST', `/api/cases/${row!.id}/transfer`, { communeCode: '00008', reason: 'Anh Khải ở phường Ngọc Hà' });
    expect(moved.status).toBe(200);
    const staffB = await signedIn(h.rt.url!, 'staff.b');
    expect((await staffB.json('POST', `/api/cases/${row!.id}/reply`, { text: 'Kính gửi anh Khải: đã giải quyết.', asAnswer: true })).status).toBe(200);

    // Places no single dialogue reaches, written as the code that owns them would.
    await h.t.db.query('UPDATE cases SET place_text = $2 WHERE id = $1', [row!.id, `Nhà ông ${NAME}`]);
    // The conversation no longer asks for the official involved (issue 16); cases filed before it did keep one.
    await h.t.db.query('UPDATE cases SET official_text = $2 WHERE id = $1', [row!.id, `Cán bộ nói ông ${NAME} về đi`]);
    await h.t.db.query(`INSERT INTO case_attachments (case_id, kind, url, caption) VALUES ($1, 'image', 'https://cdn.example/a.jpg', $2)`, [
      row!.id,
      `Ảnh của ${NAME}`,
    ]);
    await h.t.db.query(
      `INSERT INTO held_notices (conversation_id, case_id, cause_key, topic, messages, locale, held_at)
       VALUES ($1, $2, 'staff:held-test', 'staff_message', $3, 'vi', now())`,
      [row!.conversation_id, row!.id, JSON.stringify([{ type: 'text', payload: { text: 'Anh Khải ơi, xin gọi lại' } }])],
    );
    await h.t.db.query(
      `INSERT INTO letters (case_id, subject, status, fields, issuer_kind, issuer_code, created_at, updated_at)
       VALUES ($1, 'late_answer', 'draft', $2, 'commune', '00008', now(), now())`,
      [row!.id, JSON.stringify({ recipient: { name: `Ông ${NAME}` } })],
    );

    target = { conversationId: row!.conversation_id, caseIds: [row!.id], contact: { names: [NAME], phones: [PHONE] } };
    for (const place of PERSONAL_DATA_PLACES) before.set(place.id, await place.read(h.t.db, target));

    const asked = await citizen.say('xóa thông tin của tôi');
    expect(asked.normalize('NFC')).toMatch(/xóa/i);
    await citizen.say('Xóa');
  }, 120_000);

  for (const place of PERSONAL_DATA_PLACES) {
    it(`${place.id}: held the details before, holds none after`, async () => {
      expect(before.get(place.id)!.join('\n').normalize('NFC'), `${place.id} before`).toMatch(SECRET);
      const after = (await place.read(h.t.db, target)).join('\n').normalize('NFC');
      expect(after, place.id).not.toMatch(SECRET);
    });
  }

  it('records that the erasure happened, never what', async () => {
    const trail = await listAudit(h.t.db, 'conversation', target.conversationId);
    const erase = trail.filter((a) => a.action === 'privacy.erase');
    expect(erase).toHaveLength(1);
    expect(erase[0]!.details).toEqual({ cases: [code] });
    expect(JSON.stringify(trail)).not.toMatch(SECRET);
  });
});
