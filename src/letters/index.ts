/**
 * The apology for a late administrative result ("Phiếu xin lỗi và hẹn lại ngày trả kết quả"):
 * validated fields → official DOCX (always Vietnamese), optional PDF, and a plain-text
 * preview for the staff inbox.
 */

import type { Locale } from '../i18n/index.ts';
import { composeLetter } from './content.ts';
import { packDocx } from './docx.ts';
import { type ApologyLetterFields, parseApologyLetterFields } from './fields.ts';

export type { LetterContent } from './content.ts';
export { composeLetter, officialDate } from './content.ts';
export { FONT, MARGINS_MM, PAGE_MM } from './docx.ts';
export type { ApologyLetter, ApologyLetterFields, LetterForm } from './fields.ts';
export { apologyLetterFieldsSchema, LETTER_FORMS, LetterFieldsError, parseApologyLetterFields } from './fields.ts';
export type { PdfOptions, PdfResult } from './pdf.ts';
export { convertToPdf, findSoffice } from './pdf.ts';

/** The letter as DOCX. Throws `LetterFieldsError` (listing every bad field) on invalid input. */
export async function renderApologyDocx(fields: ApologyLetterFields): Promise<Buffer> {
  return packDocx(composeLetter(parseApologyLetterFields(fields), 'vi'));
}

/**
 * Plain text of the letter, for the inbox preview. Vietnamese by default (the letter's own
 * language); 'en' gives an English rendering for staff UI previews only.
 */
export function letterText(fields: ApologyLetterFields, locale: Locale = 'vi'): string {
  const c = composeLetter(parseApologyLetterFields(fields), locale);
  const signer = [c.signer.authority, c.signer.capacity, c.signer.title].filter(Boolean) as string[];
  return [
    ...(c.parentAgency ? [c.parentAgency] : []),
    ...c.agencyHeader,
    c.number,
    '',
    c.nationalTitle,
    c.motto,
    c.placeDate,
    '',
    c.title,
    '',
    c.to,
    ...c.contactLines,
    '',
    ...c.body,
    c.closing,
    '',
    ...signer,
    '',
    c.signer.name,
    '',
    c.copyToTitle,
    ...c.copyTo,
  ]
    .join('\n')
    .normalize('NFC');
}
export {
  type DraftFields,
  type DraftOptions,
  draftApologyLetter,
  forgetDraftRecipients,
  getLetter,
  getLetterDocx,
  honorificFor,
  LetterNotEditable,
  LetterNotFound,
  LetterNotSignable,
  type LetterPatch,
  type LetterRecord,
  type LetterSubject,
  listLetters,
  markLetterSigned,
  type SignResult,
  updateLetter,
  withdrawPredictedApology,
} from './drafts.ts';
export { type CountScope, countLateAndApologies, type LateAndApologyCounts } from './drafts-counts.ts';
