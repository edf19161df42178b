import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCase, type CaseRecord, listAudit, listCaseEvents } from '../../src/cases/index.ts';
import type { Database } from '../../src/db/index.ts';
import { runDeadlineJob } from '../../src/deadline-jobs/index.ts';
import {
  countLateAndApologies,
  draftApologyLetter,
  getLetter,
  getLetterDocx,
  LetterFieldsError,
  LetterNotEditable,
  LetterNotSignable,
  listLetters,
  markLetterSigned,
  updateLetter,
} from '../../src/letters/index.ts';
import { loadOutbound } from '../../src/messaging/index.ts';
import { AN_HOI_TAY, consent, conversation, newCase, THUC_PHAN } from '../routing/fixtures.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';

const OVERDUE_AT = new Date('2026-12-07T17:00:00Z');
const SIGNED_AT = new Date('2026-12-08T03:00:00Z');
const HOUR = 3_600_000;
const DRAFTED_AT = new Date('2026-11-24T02:00:00Z');

/** What the overdue job does, without Redis (the jobs themselves are tested in test/deadline-jobs). */
async function makeOverdue(db: Database, c: CaseRecord): Promise<void> {
  await db.query('UPDATE cases SET deadline_version = 1 WHERE id = $1', [c.id]);
  const job = { caseId: c.id, version: 1, kind: 'overdue' as const, at: OVERDUE_AT.getTime(), dueDate: c.dueDate! };
  await db.transaction((tx) => runDeadlineJob(tx, job, OVERDUE_AT));
}

async function docxText(db: Database, letterId: string): Promise<string> {
  const files = unzipSync(new Uint8Array(await getLetterDocx(db, letterId)));
  const xml = strFromU8(files['word/document.xml']!);
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .filter((p) => p.length > 0)
    .join('\n')
    .replace(/&amp;/g, '&');
}

const STAFF_FIELDS = {
  reason: 'cần xác minh thêm tại khu phố',
  newDate: '2026-12-11',
  recipient: { kind: 'person', honorific: 'ba', name: 'Nguyễn Thị Hoa', phone: '0912 345 678' },
  signer: { authority: 'TM. Ủy ban nhân dân', capacity: 'KT. Chủ tịch', title: 'Phó Chủ tịch', name: 'Lý Văn Sơn' },
} as const;

describe.each(DB_KINDS)('apology letter workflow on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(kind);
  });
  afterAll(() => t.drop());

  it('drafts the apology when a case becomes overdue, prefilled from the case, once', async () => {
    const conv = await conversation(t.db, { platform: 'messenger', lastInboundAt: new Date(SIGNED_AT.getTime() - 2 * HOUR) });
    const consentId = await consent(t.db, conv);
    const c = await newCase(t.db, conv, { reporter: { kind: 'identified', name: 'Nguyễn Thị Hoa', phone: '0912345678', consentId } });
    await makeOverdue(t.db, c);
    await makeOverdue(t.db, c);
    const [letter, ...more] = await listLetters(t.db, c.id);
    expect(more).toHaveLength(0);
    expect(letter).toMatchObject({
      subject: 'late_answer',
      status: 'draft',
      number: null,
      issuer: { kind: 'commune', code: AN_HOI_TAY.code },
      fields: {
        form: 'late_answer',
        agency: 'Ủy ban nhân dân phường An Hội Tây',
        place: 'An Hội Tây',
        procedure: 'phản ánh, kiến nghị',
        dossierCode: c.code,
        receivedOn: '2026-11-23',
        promisedOn: '2026-12-07',
        // "Thị" as a middle name: Bà (editable by staff).
        recipient: { kind: 'person', honorific: 'ba', name: 'Nguyễn Thị Hoa', phone: '0912345678' },
        signer: { authority: 'Ủy ban nhân dân' },
      },
    });
    // A commune's letterhead has no provincial parent line.
    expect(letter!.fields).not.toHaveProperty('parentAgency');
    // The bot never sets the reason or the new date; staff must also say who signs.
    expect(letter!.status === 'draft' && [...letter!.missing].sort()).toEqual(['newDate', 'reason', 'signer.name', 'signer.title'].sort());
    expect(await draftApologyLetter(t.db, c.id)).toMatchObject({ id: letter!.id });
    await expect(getLetterDocx(t.db, letter!.id)).rejects.toBeInstanceOf(LetterFieldsError);
  });

  it('drafts for a tre_han complaint a letter about the late dossier, leaving its details to staff', async () => {
    const conv = await conversation(t.db);
    const c = await newCase(t.db, conv, {
      classification: { label: 'tre_han', labels: ['tre_han'], confidence: 0.9, targetsLeader: false, needsReview: false },
    });
    const letter = await t.db.transaction((tx) => draftApologyLetter(tx, c.id, { now: DRAFTED_AT }));
    expect(letter.subject).toBe('late_result');
    expect(letter.status === 'draft' && [...letter.missing].sort()).toEqual(
      ['dossierCode', 'newDate', 'procedure', 'promisedOn', 'reason', 'receivedOn', 'recipient', 'signer.name', 'signer.title'].sort(),
    );
    expect(letter.fields.form).toBe('late_result');
    expect(letter.fields).not.toHaveProperty('dossierCode');
  });

  it('keeps a protected reporter’s name out of a letter the commune drafts, but not out of the province’s', async () => {
    const conv = await conversation(t.db);
    const consentId = await consent(t.db, conv);
    const reporter = { kind: 'identified' as const, name: 'Trần Văn Bình', phone: '0987654321', consentId };
    const atCommune = await newCase(t.db, conv, { reporter, identityProtected: true });
    const atProvince = await newCase(t.db, conv, {
      reporter,
      identityProtected: true,
      routedTo: { kind: 'province', code: AN_HOI_TAY.province },
    });
    const l1 = await t.db.transaction((tx) => draftApologyLetter(tx, atCommune.id, { subject: 'late_answer', now: DRAFTED_AT }));
    const l2 = await t.db.transaction((tx) => draftApologyLetter(tx, atProvince.id, { subject: 'late_answer', now: DRAFTED_AT }));
    expect(l1.fields.recipient).toBeUndefined();
    expect(JSON.stringify(l1.fields)).not.toContain('Bình');
    expect(l2.fields.recipient).toMatchObject({ name: 'Trần Văn Bình' });
    expect(l2.fields.agency).toBe('Ban Tiếp công dân thành phố Hồ Chí Minh');
    expect(l2.issuer).toEqual({ kind: 'province', code: '79' });
  });

  it('lets staff edit reason and new date, refusing wrong values, then sign; the DOCX carries every field', async () => {
    const conv = await conversation(t.db, { platform: 'messenger', lastInboundAt: new Date(SIGNED_AT.getTime() - 2 * HOUR) });
    const c = await newCase(t.db, conv);
    await makeOverdue(t.db, c);
    const [draft] = await listLetters(t.db, c.id);
    const edit = (patch: object) => t.db.transaction((tx) => updateLetter(tx, draft!.id, patch, { actor: 'staff:lan', now: SIGNED_AT }));
    // 12/12/2026 is a Saturday; 05/12 is before the promised 07/12.
    await expect(edit({ newDate: '2026-12-12' })).rejects.toThrow(/newDate: must be a working day/);
    await expect(edit({ newDate: '2026-12-04' })).rejects.toThrow(/newDate: must be after promisedOn/);
    const edited = await edit(STAFF_FIELDS);
    expect(edited.status === 'draft' && edited.missing).toEqual([]);
    const preview = await docxText(t.db, draft!.id);
    expect(preview).toContain('Số: /PXL-UBND');

    const { letter, notice } = await t.db.transaction((tx) => markLetterSigned(tx, draft!.id, 'staff:son', SIGNED_AT));
    expect(letter).toMatchObject({ status: 'sent', number: '01/PXL-UBND', signedBy: 'staff:son', signedAt: SIGNED_AT, sentAt: SIGNED_AT });
    const text = await docxText(t.db, draft!.id);
    expect(text).not.toContain('THÀNH PHỐ HỒ CHÍ MINH');
    // The late answer to a phản ánh had no receipt: its letter never mentions one.
    expect(text).not.toContain('Giấy tiếp nhận');
    expect(text).not.toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    for (const expected of [
      // The unit's name on its own line, never broken inside.
      'ỦY BAN NHÂN DÂN\nPHƯỜNG\u00a0AN\u00a0HỘI\u00a0TÂY',
      'Số: 01/PXL-UBND',
      'An Hội Tây, ngày 08 tháng 12 năm 2026',
      'Kính gửi: Bà Nguyễn Thị Hoa',
      'Số điện thoại: 0912 345 678',
      'phản ánh, kiến nghị',
      c.code,
      'Ngày 23/11/2026',
      'ngày 07/12/2026',
      'Lý do chậm trả lời: cần xác minh thêm tại khu phố.',
      'Ủy ban nhân dân phường An Hội Tây trân trọng xin lỗi bà',
      'chậm nhất vào ngày 11 tháng 12 năm 2026',
      'THƯ XIN LỖI VÀ HẸN LẠI NGÀY TRẢ LỜI',
      'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Lý Văn Sơn',
    ]) {
      expect(text).toContain(expected);
    }

    // Messenger, citizen wrote 2 h ago: an automatic notice is allowed, as a RESPONSE.
    expect(notice.kind).toBe('queued');
    const out = await loadOutbound(t.db, notice.kind === 'queued' ? notice.messageIds[0]! : '');
    expect(out!.sendOptions).toMatchObject({ messaging: { kind: 'RESPONSE' } });
    expect(out!.message).toMatchObject({ type: 'text' });
    const said = (out!.message.payload as { text: string }).text;
    expect(said).toContain('11/12/2026');
    expect(said).toContain('01/PXL-UBND');
    expect(said).toContain('cần xác minh thêm tại khu phố');
    expect(said).toContain('xin lỗi anh/chị');
    expect(said).not.toMatch(/\bbạn\b|nơi nộp hồ sơ|Giấy tiếp nhận/);

    await expect(edit({ reason: 'khác' })).rejects.toBeInstanceOf(LetterNotEditable);
    await expect(t.db.transaction((tx) => markLetterSigned(tx, draft!.id, 'staff:son', SIGNED_AT))).rejects.toBeInstanceOf(
      LetterNotEditable,
    );
    const events = (await listCaseEvents(t.db, c.id)).map((e) => e.kind);
    expect(events).toEqual(['created', 'overdue', 'letter_drafted', 'letter_signed', 'citizen_notified']);
    const audit = (await listAudit(t.db, 'letter', draft!.id)).map((a) => [a.actor, a.action]);
    expect(audit).toEqual([
      ['system', 'letter.draft'],
      ['staff:lan', 'letter.update'],
      ['staff:son', 'letter.sign'],
    ]);
  });

  it('signing when no window allows a message leaves the letter signed and tells staff to call', async () => {
    const conv = await conversation(t.db, { platform: 'messenger', lastInboundAt: new Date(SIGNED_AT.getTime() - 30 * HOUR) });
    const c = await newCase(t.db, conv);
    await makeOverdue(t.db, c);
    const [draft] = await listLetters(t.db, c.id);
    await t.db.transaction((tx) => updateLetter(tx, draft!.id, STAFF_FIELDS, { actor: 'staff:lan', now: SIGNED_AT }));
    const { letter, notice } = await t.db.transaction((tx) => markLetterSigned(tx, draft!.id, 'staff:son', SIGNED_AT));
    expect(notice).toEqual({ kind: 'call_citizen', reason: 'messenger_window_closed' });
    // The second letter of the same unit this year.
    expect(letter).toMatchObject({ status: 'signed', number: '02/PXL-UBND', sentAt: null });
    const call = (await listCaseEvents(t.db, c.id)).find((e) => e.kind === 'call_citizen');
    expect(call!.details).toMatchObject({ topic: 'letter_signed', reason: 'messenger_window_closed' });
    expect((await getLetter(t.db, draft!.id))!.status).toBe('signed');
  });

  it('signs an apology only once the case is overdue or predicted late within the lead time', async () => {
    const conv = await conversation(t.db);
    // Received 23/11/2026, due 07/12/2026; the lead time is 1 working day (data/deadlines).
    const c = await newCase(t.db, conv);
    const draft = await t.db.transaction((tx) => draftApologyLetter(tx, c.id, { subject: 'late_answer', now: DRAFTED_AT }));
    await t.db.transaction((tx) => updateLetter(tx, draft.id, STAFF_FIELDS, { actor: 'staff:lan', now: DRAFTED_AT }));
    // Two weeks ahead nothing is late: refused, and nothing is said to the citizen.
    const early = new Date('2026-11-24T03:00:00Z');
    await expect(t.db.transaction((tx) => markLetterSigned(tx, draft.id, 'staff:son', early))).rejects.toBeInstanceOf(LetterNotSignable);
    await expect(t.db.transaction((tx) => markLetterSigned(tx, draft.id, 'staff:son', new Date('2026-12-03T03:00:00Z')))).rejects.toThrow(
      /may be signed from 2026-12-04/,
    );
    expect((await getLetter(t.db, draft.id))!.status).toBe('draft');
    // Friday 04/12 is one working day before Monday 07/12: predicted late, it may be signed.
    const { letter } = await t.db.transaction((tx) => markLetterSigned(tx, draft.id, 'staff:son', new Date('2026-12-04T03:00:00Z')));
    expect(letter.status).not.toBe('draft');
  });

  it('counts late results and apologies for the digest, per commune, province and in all', async () => {
    const from = new Date('2026-12-07T00:00:00Z');
    const to = new Date('2026-12-14T00:00:00Z');
    const all = await countLateAndApologies(t.db, { scope: { kind: 'all' }, from, to });
    // Three cases above became overdue (07/12), each with its apology drafted then; two were
    // signed and one of those announced. The other drafts (24/11) fall outside the week.
    expect(all).toEqual({
      casesOverdue: 3,
      answeredLate: 0,
      lateResultComplaints: 0,
      apologiesDrafted: 3,
      apologiesSigned: 2,
      apologiesSent: 1,
    });
    const commune = await countLateAndApologies(t.db, { scope: { kind: 'commune', code: AN_HOI_TAY.code }, from, to });
    expect(commune.casesOverdue).toBe(3);
    const elsewhere = await countLateAndApologies(t.db, { scope: { kind: 'province', code: THUC_PHAN.province }, from, to });
    expect(Object.values(elsewhere).every((n) => n === 0)).toBe(true);

    const conv = await conversation(t.db);
    const late = await newCase(t.db, conv, {
      receivedAt: new Date('2026-12-08T02:00:00Z'),
      dueDate: '2026-12-09',
      classification: { label: 'tre_han', labels: ['tre_han'], confidence: 0.9, targetsLeader: false, needsReview: false },
    });
    await t.db.transaction((tx) => answerCase(tx, late.id, 'Đã trả kết quả.', 'staff:lan', new Date('2026-12-09T18:00:00Z')));
    const after = await countLateAndApologies(t.db, { scope: { kind: 'province', code: AN_HOI_TAY.province }, from, to });
    // Answered 10/12 01:00 in Viet Nam: a day after its due date.
    expect(after).toMatchObject({ answeredLate: 1, lateResultComplaints: 1 });
  });
});
