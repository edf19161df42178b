import type { IsoDate } from '../deadlines/index.ts';
import { type Locale, t } from '../i18n/index.ts';
import type { ApologyLetter } from './fields.ts';

/**
 * The letter's wording, composed once from locales/<lang>/letters.json and shared by the DOCX
 * and the plain-text preview, so the two can never say different things.
 */
export interface LetterContent {
  parentAgency: string | undefined;
  /** The issuing agency in upper case, one entry per printed line: a unit's name never breaks inside. */
  agencyHeader: string[];
  number: string;
  nationalTitle: string;
  motto: string;
  placeDate: string;
  title: string;
  to: string;
  contactLines: string[];
  body: string[];
  closing: string;
  copyToTitle: string;
  copyTo: string[];
  signer: { authority: string | undefined; capacity: string | undefined; title: string; name: string };
}

export function composeLetter(letter: ApologyLetter, locale: Locale = 'vi'): LetterContent {
  const k = (key: string, vars: Record<string, string> = {}) => t(locale, `letters.${key}`, vars);
  const r = letter.recipient;
  const f = (key: string, vars: Record<string, string> = {}) => k(`${key}.${letter.form}`, vars);
  const you = k(`pronoun.${r.kind === 'person' ? r.honorific : 'organization'}`);
  const recipientName =
    r.kind === 'person' ? k('salutation_person', { honorific: k(`honorific.${r.honorific}`), name: r.name }) : r.name;
  const agency = letter.agency;
  const common = { agency, Agency: capitalise(agency), you };
  const upper = (s: string) => s.toLocaleUpperCase('vi-VN');
  const issued = officialDate(letter.issuedOn);
  const next = officialDate(letter.newDate);

  return {
    parentAgency: letter.parentAgency ? upper(letter.parentAgency) : undefined,
    agencyHeader: headerLines(upper(agency)),
    number: k('number', { number: letter.number }),
    nationalTitle: k('national_title'),
    motto: k('motto'),
    placeDate: k('place_date', { place: letter.place, ...issued }),
    title: f('title'),
    to: k('to', { recipient: recipientName }),
    contactLines: [
      r.address ? k('address', { value: r.address }) : undefined,
      r.phone ? k('phone', { value: r.phone }) : undefined,
      r.email ? k('email', { value: r.email }) : undefined,
    ].filter((line): line is string => line !== undefined),
    body: [
      f('received', {
        ...common,
        procedure: letter.procedure,
        dossierCode: letter.dossierCode,
        receivedOn: k('date_short', shortDate(letter.receivedOn)),
        promisedOn: k('date_short', shortDate(letter.promisedOn)),
      }),
      f('late', common),
      f('reason', { reason: withFullStop(letter.reason) }),
      letter.apology ? withFullStop(letter.apology) : k('apology', common),
      f('new_date', { ...common, ...next }),
    ],
    closing: k('closing'),
    copyToTitle: k('copy_to'),
    copyTo: [
      k('copy_to_addressee'),
      ...letter.copyTo.map((value) => k('copy_to_line', { value })),
      k('copy_to_archive'),
    ],
    signer: {
      authority: letter.signer.authority ? k('on_behalf_of', { body: upper(letter.signer.authority) }) : undefined,
      capacity: letter.signer.capacity ? k('signed_for', { head: upper(letter.signer.capacity) }) : undefined,
      title: upper(letter.signer.title),
      name: letter.signer.name,
    },
  };
}

const NBSP = '\u00a0';
/** Where the unit's own name starts in an agency's name ("ỦY BAN NHÂN DÂN | XÃ TẢ PHÌN"). */
const UNIT_NAME = /\s((?:XÃ|PHƯỜNG|ĐẶC KHU|THỊ TRẤN|TỈNH|THÀNH PHỐ)\s.+)$/u;

/**
 * The letterhead's agency lines: the body ("ỦY BAN NHÂN DÂN") on one line and the unit's name
 * on the next, its spaces non-breaking, so a narrow column never splits "TẢ PHÌN" in two.
 */
export function headerLines(agency: string): string[] {
  const m = UNIT_NAME.exec(agency);
  if (!m || m.index === 0) return [agency.replaceAll(' ', NBSP)];
  return [agency.slice(0, m.index), m[1]!.replaceAll(' ', NBSP)];
}

/**
 * Day and month as Nghị định 30/2020/NĐ-CP (Phụ lục I) writes them in the place-date line:
 * a day below 10 and the months 1 and 2 take a leading zero ("ngày 05 tháng 02 năm 2026").
 */
export function officialDate(date: IsoDate): { day: string; month: string; year: string } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { day: String(d).padStart(2, '0'), month: m <= 2 ? String(m).padStart(2, '0') : String(m), year: String(y) };
}

function shortDate(date: IsoDate): { day: string; month: string; year: string } {
  const [y, m, d] = date.split('-');
  return { day: d ?? '', month: m ?? '', year: y ?? '' };
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi-VN') + s.slice(1);
}

function withFullStop(s: string): string {
  return /[.!?…]$/.test(s) ? s : `${s}.`;
}
