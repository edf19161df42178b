import { answerCase, type CaseRecord, changeStatus, type NewCase } from '../../src/cases/index.ts';
import type { Database } from '../../src/db/index.ts';
import { draftApologyLetter } from '../../src/letters/index.ts';
import { recordRating } from '../../src/satisfaction/index.ts';
import { AN_HOI_TAY, conversation, NUNG_TRI_CAO, newCase, THUC_PHAN } from '../routing/fixtures.ts';

/** The week of the seed: Monday 16 – Sunday 22 November 2026, Viet Nam time. */
export const WEEK = '2026-11-16';
/** When the digest is made: Tuesday 24 November, 07:00 in Viet Nam. */
export const NOW = new Date('2026-11-24T00:00:00Z');
export const PROVINCE = THUC_PHAN.province;
export { AN_HOI_TAY, NUNG_TRI_CAO, THUC_PHAN };

export const HOSTILE_TEXT = 'Cán bộ nói <script>alert("x")</script> & bắt "đi lại" <b>4 lần</b>';

const label = (l: string, needsReview = false): NewCase['classification'] => ({
  label: l,
  labels: [l],
  confidence: 0.9,
  targetsLeader: false,
  needsReview,
});

const at = (iso: string) => new Date(iso);

export interface Seeded {
  readonly cases: Record<string, CaseRecord>;
}

/**
 * Cases around the week's edges (Viet Nam midnight on both ends), two communes and the
 * province's own desk of Cao Bằng, plus one case of another province that must count nowhere.
 */
export async function seedWeek(db: Database): Promise<Seeded> {
  const conv = await conversation(db);
  const thucPhan = { communeCode: THUC_PHAN.code, provinceCode: PROVINCE, routedTo: { kind: 'commune' as const, code: THUC_PHAN.code } };
  const nung = { communeCode: NUNG_TRI_CAO.code, provinceCode: PROVINCE, routedTo: { kind: 'commune' as const, code: NUNG_TRI_CAO.code } };
  const mk = (over: Partial<NewCase>) => newCase(db, conv, over);
  const cases: Record<string, CaseRecord> = {};

  // Thục Phán: answered on time within the week.
  cases.onTime = await mk({ ...thucPhan, receivedAt: at('2026-11-16T03:00:00Z'), dueDate: '2026-11-20', classification: label('cua_quyen') });
  await db.transaction((tx) => answerCase(tx, cases.onTime!.id, 'Xin trả lời', 'staff', at('2026-11-18T04:00:00Z')));
  // Thục Phán: still new, overdue since Thursday, apology drafted Friday; carries hostile text.
  cases.overdue = await mk({
    ...thucPhan,
    receivedAt: at('2026-11-17T03:00:00Z'),
    dueDate: '2026-11-19',
    classification: label('ung_xu', true),
    description: HOSTILE_TEXT,
  });
  await db.query('UPDATE cases SET overdue_at = $2 WHERE id = $1', [cases.overdue.id, at('2026-11-19T17:00:00Z')]);
  await db.transaction((tx) =>
    draftApologyLetter(tx, cases.overdue!.id, { subject: 'late_answer', now: at('2026-11-20T02:00:00Z') }),
  );
  // Thục Phán: Sunday 23:30 in Viet Nam (16:30 UTC) is still this week; closed.
  cases.sundayNight = await mk({ ...thucPhan, receivedAt: at('2026-11-22T16:30:00Z'), dueDate: '2026-12-04', classification: label('khen') });
  await db.transaction((tx) => changeStatus(tx, cases.sundayNight!.id, 'closed', 'staff', null, at('2026-11-22T16:40:00Z')));
  // Thục Phán: Monday 00:00 in Viet Nam is next week.
  cases.nextWeek = await mk({ ...thucPhan, receivedAt: at('2026-11-22T17:00:00Z'), dueDate: '2026-12-07', classification: label('gop_y') });
  // Thục Phán: received the Sunday before (23:59 in Viet Nam), answered late in the week.
  cases.lateAnswer = await mk({ ...thucPhan, receivedAt: at('2026-11-15T16:59:00Z'), dueDate: '2026-11-17', classification: label('quan_lieu') });
  await db.transaction((tx) => answerCase(tx, cases.lateAnswer!.id, 'Xin lỗi vì trả lời muộn', 'staff', at('2026-11-19T02:00:00Z')));
  // Thục Phán: late administrative result, apology drafted and signed in the week.
  cases.lateResult = await mk({ ...thucPhan, receivedAt: at('2026-11-18T03:00:00Z'), dueDate: '2026-12-30', classification: label('tre_han') });
  await db.transaction((tx) => changeStatus(tx, cases.lateResult!.id, 'in_progress', 'staff', null, at('2026-11-18T04:00:00Z')));
  const letter = await db.transaction((tx) =>
    draftApologyLetter(tx, cases.lateResult!.id, { subject: 'late_result', now: at('2026-11-18T05:00:00Z') }),
  );
  // Signing needs every field of the official form; the digest only counts the signature.
  await db.query(
    `UPDATE letters SET status = 'signed', number = '1/PXL', signed_by = 'leader', signed_at = $2 WHERE id = $1`,
    [letter.id, at('2026-11-19T03:00:00Z')],
  );

  // Nùng Trí Cao: answered at 01:00 on Saturday in Viet Nam (Friday 18:00 UTC), due Friday: late.
  cases.lateByVietnamDate = await mk({ ...nung, receivedAt: at('2026-11-17T03:00:00Z'), dueDate: '2026-11-20', classification: label('quan_lieu') });
  await db.transaction((tx) => answerCase(tx, cases.lateByVietnamDate!.id, 'Trả lời', 'staff', at('2026-11-20T18:00:00Z')));
  // Nùng Trí Cao: not yet classified.
  cases.unclassified = await mk({ ...nung, receivedAt: at('2026-11-19T03:00:00Z'), dueDate: '2026-12-03', classification: null });

  // Province desk: a denunciation of Thục Phán's leaders, protected, overdue by date.
  cases.denunciation = await mk({
    communeCode: THUC_PHAN.code,
    provinceCode: PROVINCE,
    routedTo: { kind: 'province', code: PROVINCE },
    receivedAt: at('2026-11-16T05:00:00Z'),
    dueDate: '2026-11-23',
    classification: { label: 'tham_nhung', labels: ['tham_nhung'], confidence: 0.95, targetsLeader: true, needsReview: false },
    identityProtected: true,
    description: 'Chủ tịch phường nhận tiền của tôi — Nguyễn Văn A, 0912345678',
  });

  // Another province entirely (the fixtures' default commune, An Hội Tây).
  cases.elsewhere = await mk({ receivedAt: at('2026-11-17T03:00:00Z'), dueDate: '2026-11-18', classification: label('cua_quyen') });

  // Ratings: two in the week on Thục Phán, one on Nùng Trí Cao, one the week after.
  await db.transaction(async (tx) => {
    await recordRating(tx, cases.onTime!.id, 'attitude', 5, at('2026-11-18T05:00:00Z'));
    await recordRating(tx, cases.onTime!.id, 'outcome', 4, at('2026-11-18T05:01:00Z'));
    await recordRating(tx, cases.lateByVietnamDate!.id, 'timeliness', 2, at('2026-11-21T01:00:00Z'));
    await recordRating(tx, cases.lateAnswer!.id, 'attitude', 1, at('2026-11-23T01:00:00Z'));
  });
  return { cases };
}
