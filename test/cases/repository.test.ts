import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerCase,
  appendToCase,
  changeStatus,
  createCase,
  findCaseByCodeForUser,
  findCaseCode,
  getCase,
  InvalidStatusTransition,
  listAttachments,
  listCaseEvents,
  type NewCase,
} from '../../src/cases/index.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';

async function conversation(t: TestDatabase, platform: string, account: string, userRef: string): Promise<string> {
  const [acc] = await t.db.query<{ id: string }>(
    `INSERT INTO channel_accounts (platform, external_id, scope_kind, scope_code) VALUES ($1, $2, 'commune', '26881')
     ON CONFLICT (platform, external_id) DO UPDATE SET name = channel_accounts.name RETURNING id::text AS id`,
    [platform, account],
  );
  const [conv] = await t.db.query<{ id: string }>(
    'INSERT INTO conversations (channel_account_id, user_ref) VALUES ($1, $2) RETURNING id::text AS id',
    [acc!.id, userRef],
  );
  return conv!.id;
}

function input(conversationId: string, over: Partial<NewCase> = {}): NewCase {
  return {
    kind: 'feedback',
    conversationId,
    locale: 'vi',
    receivedAt: new Date('2026-11-23T03:00:00Z'),
    dueDate: '2026-12-07',
    communeCode: '26881',
    provinceCode: '79',
    placeText: 'phường Sài Gòn',
    routedTo: { kind: 'commune', code: '26881' },
    classification: null,
    description: 'Cán bộ bắt đi lại 4 lần',
    occurredText: null,
    officialText: null,
    reporter: { kind: 'anonymous' },
    identityProtected: false,
    attachments: [{ kind: 'image', url: 'https://example.test/a.jpg', caption: 'giấy hẹn' }],
    ...over,
  };
}

describe.each(DB_KINDS)('case repository on %s', (kind) => {
  let t: TestDatabase;
  let convA: string;
  let convB: string;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    convA = await conversation(t, 'zalo', 'oa-1', 'user-a');
    convB = await conversation(t, 'zalo', 'oa-1', 'user-b');
  });
  afterAll(() => t.drop());

  it('creates cases with per-year codes, label unknown until classified, and a created event', async () => {
    const a = await t.db.transaction((tx) => createCase(tx, input(convA)));
    const b = await t.db.transaction((tx) => createCase(tx, input(convA)));
    expect(a.code).toBe('PA-2026-000001');
    expect(b.code).toBe('PA-2026-000002');
    expect(a.label).toBe('unknown');
    expect(a.needsReview).toBe(true);
    expect(a.status).toBe('new');
    expect(a.dueDate).toBe('2026-12-07');
    expect(a.routedTo).toEqual({ kind: 'commune', code: '26881' });
    expect(await listAttachments(t.db, a.id)).toEqual([
      { kind: 'image', url: 'https://example.test/a.jpg', caption: 'giấy hẹn' },
    ]);
    const events = await listCaseEvents(t.db, a.id);
    expect(events.map((e) => e.kind)).toEqual(['created']);
    // The year of the code is Vietnam's: 31 Dec 18:00 UTC is already 1 Jan there.
    const newYear = await t.db.transaction((tx) =>
      createCase(tx, input(convA, { receivedAt: new Date('2026-12-31T18:00:00Z') })),
    );
    expect(newYear.code).toBe('PA-2027-000001');
  });

  it('never hands out the same code twice under concurrency', async () => {
    const made = await Promise.all(
      Array.from({ length: 12 }, () => t.db.transaction((tx) => createCase(tx, input(convB)))),
    );
    const codes = made.map((c) => c.code);
    expect(new Set(codes).size).toBe(12);
  });

  it('keeps personal data only with a consent', async () => {
    await expect(
      t.db.query(
        `INSERT INTO cases (code, kind, conversation_id, routed_to_kind, routed_to_code, description, anonymous,
           reporter_name, locale, received_at, due_date)
         VALUES ('PA-2026-999999', 'feedback', $1, 'commune', '26881', 'x', false, 'Lan', 'vi', now(), '2026-12-01')`,
        [convA],
      ),
    ).rejects.toThrow();
    const [consent] = await t.db.query<{ id: string }>(
      `INSERT INTO consents (conversation_id, purpose, granted, wording, locale) VALUES ($1, 'contact', true, 'w', 'vi')
       RETURNING id::text AS id`,
      [convA],
    );
    const c = await t.db.transaction((tx) =>
      createCase(tx, input(convA, { reporter: { kind: 'identified', name: 'Lan', phone: '0912345678', consentId: consent!.id } })),
    );
    expect(c.reporter).toEqual({ kind: 'identified', name: 'Lan', phone: '0912345678', consentId: consent!.id });
  });

  it('finds a code only for the citizen who filed it', async () => {
    const a = await t.db.transaction((tx) => createCase(tx, input(convA)));
    expect((await findCaseByCodeForUser(t.db, a.code, { platform: 'zalo', userRef: 'user-a' }))?.id).toBe(a.id);
    expect(await findCaseByCodeForUser(t.db, a.code, { platform: 'zalo', userRef: 'user-b' })).toBeNull();
    expect(await findCaseByCodeForUser(t.db, a.code, { platform: 'messenger', userRef: 'user-a' })).toBeNull();
    expect(findCaseCode(`tra cứu ${a.code.toLowerCase()}`)).toBe(a.code);
    expect(findCaseCode('tra cuu PA 2026 12')).toBe('PA-2026-000012');
  });

  it('appends messages and attachments, changes status with history, and refuses wrong moves', async () => {
    const c = await t.db.transaction((tx) => createCase(tx, input(convA, { attachments: [] })));
    const at = new Date('2026-11-24T02:00:00Z');
    await t.db.transaction(async (tx) => {
      await appendToCase(tx, c.id, { kind: 'text', text: 'Bổ sung: hôm nay lại bị hẹn' }, at);
      await appendToCase(tx, c.id, { kind: 'location', latitude: 10.77, longitude: 106.7, address: 'UBND phường' }, at);
    });
    await t.db.transaction((tx) => changeStatus(tx, c.id, 'in_progress', 'staff:1', 'đã nhận'));
    await expect(t.db.transaction((tx) => changeStatus(tx, c.id, 'new', 'staff:1'))).rejects.toBeInstanceOf(
      InvalidStatusTransition,
    );
    const answered = await t.db.transaction((tx) => answerCase(tx, c.id, 'Đã nhắc nhở cán bộ.', 'staff:1'));
    expect(answered.status).toBe('answered');
    expect(answered.answer).toBe('Đã nhắc nhở cán bộ.');
    const events = await listCaseEvents(t.db, c.id);
    expect(events.map((e) => [e.kind, e.fromStatus, e.toStatus])).toEqual([
      ['created', null, 'new'],
      ['message_appended', null, null],
      ['attachment_added', null, null],
      ['status_changed', 'new', 'in_progress'],
      ['answered', 'in_progress', 'answered'],
    ]);
    expect(events[3]!.details).toEqual({ note: 'đã nhận' });
    expect(await listAttachments(t.db, c.id)).toEqual([
      { kind: 'location', latitude: 10.77, longitude: 106.7, address: 'UBND phường' },
    ]);
    expect((await getCase(t.db, c.id))?.status).toBe('answered');
  });

  it('never lets the history be changed or deleted', async () => {
    const c = await t.db.transaction((tx) => createCase(tx, input(convA)));
    await expect(t.db.query('DELETE FROM case_events WHERE case_id = $1', [c.id])).rejects.toThrow(/append-only/);
    await expect(t.db.query("UPDATE case_events SET actor = 'x' WHERE case_id = $1", [c.id])).rejects.toThrow(
      /append-only/,
    );
  });

  it('gives a case asked on a commune channel without a place step its province (a question, say)', async () => {
    const q = await t.db.transaction((tx) =>
      createCase(tx, input(convA, { kind: 'question', communeCode: '00004', provinceCode: null, routedTo: { kind: 'commune', code: '00004' } })),
    );
    expect(q).toMatchObject({ communeCode: '00004', provinceCode: '01', legalKind: 'hoi_dap' });
  });
});
