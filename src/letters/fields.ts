import { z } from 'zod';
import { CalendarRangeError, type IsoDate, isIsoDate, isWorkingDay } from '../deadlines/index.ts';

/**
 * The fields of the "Phiếu xin lỗi và hẹn lại ngày trả kết quả" (DOMAIN.md §2 field list).
 * Text is trimmed and NFC-normalised here, once, so the document and every comparison
 * downstream see one spelling of each Vietnamese letter.
 */

const text = (min = 1) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(min, `at least ${min} character(s)`).max(500));

const optionalText = z
  .string()
  .optional()
  .transform((s) => (s === undefined ? undefined : s.normalize('NFC').replace(/\s+/g, ' ').trim() || undefined));

const date = z
  .string()
  .refine(isIsoDate, 'must be a real date written YYYY-MM-DD')
  .transform((s) => s as IsoDate);

const contact = {
  address: optionalText,
  phone: optionalText.pipe(z.string().regex(/^[0-9+ ().-]{6,20}$/, 'must be a phone number').optional()),
  email: optionalText.pipe(z.string().email('must be an e-mail address').optional()),
};

const recipient = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), honorific: z.enum(['ong', 'ba']), name: text(2), ...contact }),
  z.object({ kind: z.literal('organization'), name: text(2), ...contact }),
]);

/**
 * Which letter: the one-stop shop's official "Phiếu xin lỗi và hẹn lại ngày trả kết quả" for
 * an administrative procedure's late result (a tre_han complaint, NĐ 61/2018 → NĐ 118/2025),
 * or our own apology for answering a phản ánh late — which has no receipt ("Giấy tiếp nhận hồ
 * sơ") and no paper copy at a filing desk, so it must not borrow the one-stop wording.
 */
export const LETTER_FORMS = ['late_result', 'late_answer'] as const;
export type LetterForm = (typeof LETTER_FORMS)[number];

/** "TM." (thay mặt a collective body) and "KT." (ký thay the head) are added by the layout, never typed twice. */
const signerPart = optionalText.transform((s) => (s === undefined ? undefined : s.replace(/^(TM|KT|TL|TUQ)\.\s*/i, '') || undefined));

export const apologyLetterFieldsSchema = z
  .object({
    form: z.enum(LETTER_FORMS).default('late_result'),
    /** Tên cơ quan chủ quản, e.g. "Ủy ban nhân dân tỉnh Lào Cai" above a province's Ban Tiếp công dân; a commune letterhead has none. */
    parentAgency: optionalText,
    /** Tên cơ quan ban hành as written in a sentence, e.g. "Ủy ban nhân dân xã Tả Phìn". */
    agency: text(3),
    /** Số / ký hiệu without "Số:", e.g. "01/PXL-UBND" (NĐ 30/2020: leading zero below 10, from the unit's yearly register). */
    number: text(1),
    /** Địa danh of the place-date line, e.g. "Tả Phìn". */
    place: text(2),
    issuedOn: date,
    recipient,
    /** Tên thủ tục hành chính, e.g. "đăng ký kết hôn"; for a late answer, what the citizen sent ("phản ánh, kiến nghị"). */
    procedure: text(3),
    /** Mã hồ sơ on the Giấy tiếp nhận hồ sơ và hẹn trả kết quả; for a late answer, the case code. */
    dossierCode: text(1),
    receivedOn: date,
    promisedOn: date,
    reason: text(3),
    /** Set by staff only: the bot never promises a date (DOMAIN.md §2). */
    newDate: date,
    /** Replaces the standard apology sentence when staff want their own words. */
    apology: optionalText,
    /** Extra "Nơi nhận" lines between "Như trên" and "Lưu: VT", e.g. "Trung tâm Phục vụ hành chính công xã". */
    copyTo: z.array(text(2)).max(10).default([]),
    signer: z.object({
      /** The collective body signed for, e.g. "Ủy ban nhân dân": printed "TM. ỦY BAN NHÂN DÂN". */
      authority: signerPart,
      /** The head a deputy signs for, e.g. "Chủ tịch": printed "KT. CHỦ TỊCH". Empty when the head signs. */
      capacity: signerPart,
      /** e.g. "PHÓ CHỦ TỊCH" */
      title: text(2),
      name: text(2),
    }),
  })
  .superRefine((f, ctx) => {
    const order = (a: IsoDate, b: IsoDate) => a.localeCompare(b);
    if (order(f.receivedOn, f.promisedOn) > 0) {
      ctx.addIssue({ code: 'custom', path: ['promisedOn'], message: 'must not be before receivedOn' });
    }
    if (order(f.newDate, f.promisedOn) <= 0) {
      ctx.addIssue({ code: 'custom', path: ['newDate'], message: 'must be after promisedOn' });
    }
    if (order(f.issuedOn, f.receivedOn) < 0) {
      ctx.addIssue({ code: 'custom', path: ['issuedOn'], message: 'must not be before receivedOn' });
    }
    if (order(f.newDate, f.issuedOn) < 0) {
      ctx.addIssue({ code: 'custom', path: ['newDate'], message: 'must not be before issuedOn' });
    }
    try {
      if (!isWorkingDay(f.newDate)) {
        ctx.addIssue({ code: 'custom', path: ['newDate'], message: 'must be a working day (not a weekend or holiday)' });
      }
    } catch (err) {
      if (!(err instanceof CalendarRangeError)) throw err;
      ctx.addIssue({ code: 'custom', path: ['newDate'], message: err.message });
    }
  });

/** What callers pass (dates as YYYY-MM-DD strings, optional parts omitted). */
export type ApologyLetterFields = z.input<typeof apologyLetterFieldsSchema>;
/** The validated, normalised letter. */
export type ApologyLetter = z.output<typeof apologyLetterFieldsSchema>;

export class LetterFieldsError extends Error {
  override name = 'LetterFieldsError';
  readonly issues: readonly { path: string; message: string }[];

  constructor(issues: readonly { path: string; message: string }[]) {
    super(`invalid letter fields: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.issues = issues;
  }
}

export function parseApologyLetterFields(input: unknown): ApologyLetter {
  const r = apologyLetterFieldsSchema.safeParse(input);
  if (!r.success) {
    throw new LetterFieldsError(r.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })));
  }
  return r.data;
}
