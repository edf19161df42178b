import { z } from 'zod';
import type { CaseRecord } from '../cases/index.ts';
import { CaseNotFound, getCase, receptionUnitName, recordAudit, recordCaseEvent } from '../cases/index.ts';
import { validateOutbound } from '../channels/types.ts';
import type { Queryable } from '../db/index.ts';
import { apologyDraftDate, dayMonthYear, type IsoDate, isIsoDate, isWorkingDay, toIsoDate } from '../deadlines/index.ts';
import { getCommune, getProvince } from '../directory/index.ts';
import { t } from '../i18n/index.ts';
import { type NoticeOptions, type NoticeOutcome, notifyCitizen } from '../notify/index.ts';
import { composeLetter } from './content.ts';
import { packDocx } from './docx.ts';
import { type ApologyLetter, type ApologyLetterFields, apologyLetterFieldsSchema, LetterFieldsError } from './fields.ts';

/**
 * The apology letter's life: drafted by the system (overdue case, tre_han complaint), edited
 * by staff (reason, new date — the bot never promises a date), signed, then announced to the
 * citizen where the platform allows. Every step is in the case history and the audit trail.
 */

export type LetterSubject =
  /** The citizen's administrative dossier was late (a tre_han complaint). */
  | 'late_result'
  /** Our own answer to the case missed its due date. */
  | 'late_answer';

/** What a draft holds: any part of the fields, checked in full only when signing. */
export type DraftFields = Partial<ApologyLetterFields>;

interface LetterBase {
  readonly id: string;
  readonly caseId: string;
  readonly subject: LetterSubject;
  readonly issuer: { readonly kind: 'commune' | 'province'; readonly code: string };
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type LetterRecord =
  | (LetterBase & {
      readonly status: 'draft';
      readonly fields: DraftFields;
      readonly number: string | null;
      /** Field paths staff still have to fill or correct before the letter can be signed. */
      readonly missing: readonly string[];
    })
  | (LetterBase & {
      readonly status: 'signed' | 'sent';
      readonly fields: ApologyLetter;
      readonly number: string;
      readonly signedBy: string;
      readonly signedAt: Date;
      readonly sentAt: Date | null;
    });

export class LetterNotFound extends Error {
  override name = 'LetterNotFound';
}

export class LetterNotEditable extends Error {
  override name = 'LetterNotEditable';
}

const LETTER_COLUMNS = `id::text AS id, case_id::text AS case_id, subject, status, fields, number, issuer_kind,
  issuer_code, created_at, updated_at, signed_by, signed_at, sent_at`;

const letterRow = z.object({
  id: z.string(),
  case_id: z.string(),
  subject: z.enum(['late_result', 'late_answer']),
  status: z.enum(['draft', 'signed', 'sent']),
  fields: z.record(z.string(), z.unknown()),
  number: z.string().nullable(),
  issuer_kind: z.enum(['commune', 'province']),
  issuer_code: z.string(),
  created_at: z.coerce.date(),
  updated_at: z.coerce.date(),
  signed_by: z.string().nullable(),
  signed_at: z.coerce.date().nullable(),
  sent_at: z.coerce.date().nullable(),
});

function toLetter(raw: unknown): LetterRecord {
  const r = letterRow.parse(raw);
  const base = {
    id: r.id,
    caseId: r.case_id,
    subject: r.subject,
    issuer: { kind: r.issuer_kind, code: r.issuer_code },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  if (r.status === 'draft') {
    const fields = r.fields as DraftFields;
    return { ...base, status: 'draft', fields, number: r.number, missing: problems(withDraftDefaults(fields, r.number, base.issuer)) };
  }
  return {
    ...base,
    status: r.status,
    fields: r.fields as ApologyLetter,
    number: r.number!,
    signedBy: r.signed_by!,
    signedAt: r.signed_at!,
    sentAt: r.sent_at,
  };
}

/** Issue paths of the full schema, e.g. ["reason", "newDate", "signer.name"]. */
function problems(fields: DraftFields): string[] {
  const r = apologyLetterFieldsSchema.safeParse(fields);
  return r.success ? [] : [...new Set(r.error.issues.map((i) => i.path.join('.') || '(root)'))];
}

// The number and the date of issue are given when the letter is signed; until then a draft
// shows a blank number ("Số: /PXL-UBND", as unnumbered paper forms do) and today's date.
function withDraftDefaults(fields: DraftFields, number: string | null, issuer: LetterBase['issuer']): DraftFields {
  return {
    ...fields,
    number: number ?? fields.number ?? `/${numberSymbol(issuer)}`,
    issuedOn: fields.issuedOn ?? toIsoDate(new Date()),
  };
}

/**
 * The symbol after the number (NĐ 30/2020: "type abbreviation–issuer abbreviation"): PXL for
 * the phiếu xin lỗi, then the issuer — UBND for a commune's People's Committee, BTCD for a
 * province's Ban Tiếp công dân.
 */
function numberSymbol(issuer: LetterBase['issuer']): string {
  return issuer.kind === 'commune' ? 'PXL-UBND' : 'PXL-BTCD';
}

// A withdrawn draft keeps its row for the record (history, audit), but it is no letter any
// more: reading, listing, editing and signing all pass it by.
const IS_LETTER = "status <> 'withdrawn'";

export async function getLetter(db: Queryable, letterId: string): Promise<LetterRecord | null> {
  const rows = await db.query(`SELECT ${LETTER_COLUMNS} FROM letters WHERE id = $1 AND ${IS_LETTER}`, [letterId]);
  return rows[0] ? toLetter(rows[0]) : null;
}

export async function listLetters(db: Queryable, caseId: string): Promise<LetterRecord[]> {
  const rows = await db.query(`SELECT ${LETTER_COLUMNS} FROM letters WHERE case_id = $1 AND ${IS_LETTER} ORDER BY id`, [caseId]);
  return rows.map(toLetter);
}

async function lockLetter(tx: Queryable, letterId: string): Promise<LetterRecord> {
  const rows = await tx.query(`SELECT ${LETTER_COLUMNS} FROM letters WHERE id = $1 AND ${IS_LETTER} FOR UPDATE`, [letterId]);
  if (!rows[0]) throw new LetterNotFound(`no letter ${letterId}`);
  return toLetter(rows[0]);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('vi-VN') + s.slice(1);
}

/** Who issues the letter: the unit the case is routed to. */
function issuerFields(c: CaseRecord): DraftFields {
  const vi = (key: string, vars: Record<string, string>) => t('vi', `letter-drafts.${key}`, vars);
  if (c.routedTo.kind === 'province') {
    // The province's Ban Tiếp công dân sits under the provincial People's Committee: its parent line.
    const province = getProvince(c.routedTo.code);
    const parentAgency = province ? vi('parent_agency', { province: lowerFirst(province.name) }) : undefined;
    return { agency: receptionUnitName(c.routedTo.code), place: province?.short, parentAgency };
  }
  // A commune's People's Committee heads its own letterhead: no provincial line above it (NĐ 30/2020).
  const commune = getCommune(c.routedTo.code);
  if (!commune) return {};
  return {
    agency: vi('commune_agency', { commune: lowerFirst(commune.name) }),
    place: commune.short,
    signer: { authority: vi('signer_authority', {}) } as ApologyLetterFields['signer'],
  };
}

/**
 * "Danh xưng" from a Vietnamese name: "Thị" as a middle name is a woman's, "Văn" a man's.
 * Anything else is left for staff to choose (the draft lists it as missing) rather than guessed.
 */
export function honorificFor(name: string): 'ong' | 'ba' | undefined {
  const words = name.normalize('NFC').trim().split(/\s+/).slice(1, -1).map((w) => w.toLocaleLowerCase('vi-VN'));
  if (words.includes('thị')) return 'ba';
  if (words.includes('văn')) return 'ong';
  return undefined;
}

/**
 * Who the letter is addressed to. A protected reporter's name never goes into a letter the
 * commune drafts (the commune must not learn who reported); staff of the province may add it.
 */
function recipientFields(c: CaseRecord): DraftFields {
  if (c.reporter.kind !== 'identified') return {};
  if (c.identityProtected && c.routedTo.kind === 'commune') return {};
  const honorific = honorificFor(c.reporter.name);
  return {
    recipient: {
      kind: 'person',
      ...(honorific ? { honorific } : {}),
      name: c.reporter.name,
      ...(c.reporter.phone ? { phone: c.reporter.phone } : {}),
    } as ApologyLetterFields['recipient'],
  };
}

function prefill(c: CaseRecord, subject: LetterSubject): DraftFields {
  const known: DraftFields = { form: subject, ...issuerFields(c), ...recipientFields(c), copyTo: [] };
  if (subject === 'late_answer') {
    Object.assign(known, {
      procedure: t('vi', 'letter-drafts.procedure_feedback'),
      dossierCode: c.code,
      receivedOn: toIsoDate(c.receivedAt),
      promisedOn: c.dueDate ?? undefined,
    } satisfies DraftFields);
  }
  return Object.fromEntries(Object.entries(known).filter(([, v]) => v !== undefined)) as DraftFields;
}

export interface DraftOptions {
  /** Default: late_answer when the case is overdue, late_result for a tre_han complaint. */
  readonly subject?: LetterSubject;
  readonly actor?: string;
  readonly now?: Date;
  /**
   * Drafted ahead of the due date because the case was still unanswered at its reminder: such a
   * draft is withdrawn if the case is then answered in time (withdrawPredictedApology).
   */
  readonly predicted?: boolean;
}

/**
 * Drafts the apology for a case, or returns the open draft of the same subject: drafting
 * twice (an overdue job retried, intake replayed) never makes two letters.
 */
export async function draftApologyLetter(tx: Queryable, caseId: string, opts: DraftOptions = {}): Promise<LetterRecord> {
  const locked = await tx.query<{ overdue: boolean }>(
    'SELECT overdue_at IS NOT NULL AS overdue FROM cases WHERE id = $1 FOR UPDATE',
    [caseId],
  );
  const c = locked[0] ? await getCase(tx, caseId) : null;
  if (!c) throw new CaseNotFound(`no case ${caseId}`);
  const subject: LetterSubject =
    opts.subject ?? (locked[0]!.overdue || (c.label !== 'tre_han' && !c.secondaryLabels.includes('tre_han')) ? 'late_answer' : 'late_result');
  const open = await tx.query(`SELECT ${LETTER_COLUMNS} FROM letters WHERE case_id = $1 AND subject = $2 AND status = 'draft'`, [
    caseId,
    subject,
  ]);
  if (open[0]) return toLetter(open[0]);
  const now = opts.now ?? new Date();
  const actor = opts.actor ?? 'system';
  const rows = await tx.query(
    `INSERT INTO letters (case_id, subject, fields, issuer_kind, issuer_code, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING ${LETTER_COLUMNS}`,
    [caseId, subject, JSON.stringify(prefill(c, subject)), c.routedTo.kind, c.routedTo.code, now],
  );
  const letter = toLetter(rows[0]);
  await recordCaseEvent(tx, caseId, 'letter_drafted', actor, now, { letterId: letter.id, subject, ...(opts.predicted ? { predicted: true } : {}) });
  await recordAudit(tx, { actor, action: 'letter.draft', entity: 'letter', entityId: letter.id, details: { caseId, subject }, at: now });
  return letter;
}

/**
 * Takes the citizen's name and phone out of the unsigned drafts of their cases (they asked for
 * their data to be erased). A signed letter is an official document already issued and stays.
 */
export async function forgetDraftRecipients(tx: Queryable, caseIds: readonly string[], at: Date): Promise<void> {
  if (caseIds.length === 0) return;
  await tx.query(
    `UPDATE letters SET fields = fields - 'recipient', updated_at = $2
     WHERE case_id = ANY($1::bigint[]) AND status = 'draft' AND fields ? 'recipient'`,
    [caseIds, at],
  );
}

/**
 * Withdraws the apology drafted ahead of a due date the case met. Its row stays, marked
 * withdrawn, and the history says so; it no longer counts or shows as a letter. Drafts staff
 * made themselves, and signed letters, are never touched. Returns the ids withdrawn.
 */
export async function withdrawPredictedApology(tx: Queryable, caseId: string, opts: { actor?: string; now?: Date } = {}): Promise<string[]> {
  const now = opts.now ?? new Date();
  const actor = opts.actor ?? 'system';
  const rows = await tx.query<{ id: string }>(
    `UPDATE letters l SET status = 'withdrawn', withdrawn_at = $2, updated_at = $2
     WHERE l.case_id = $1 AND l.subject = 'late_answer' AND l.status = 'draft'
       AND EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = l.case_id AND e.kind = 'letter_drafted'
                   AND e.details->>'letterId' = l.id::text AND e.details->>'predicted' = 'true')
     RETURNING l.id::text AS id`,
    [caseId, now],
  );
  for (const { id } of rows) {
    await recordCaseEvent(tx, caseId, 'letter_withdrawn', actor, now, { letterId: id, subject: 'late_answer', reason: 'answered_in_time' });
    await recordAudit(tx, { actor, action: 'letter.withdraw', entity: 'letter', entityId: id, details: { caseId, reason: 'answered_in_time' }, at: now });
  }
  return rows.map((r) => r.id);
}

/**
 * The schema checks the order of the dates only once every field is valid; a draft is not,
 * so the dates it has are checked here, as soon as staff type them.
 */
function dateProblems(f: DraftFields): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const d = (v: unknown): IsoDate | undefined => (typeof v === 'string' && isIsoDate(v) ? v : undefined);
  const [received, promised, issued, next] = [d(f.receivedOn), d(f.promisedOn), d(f.issuedOn), d(f.newDate)];
  if (next && !isWorkingDay(next)) out.push({ path: 'newDate', message: 'must be a working day (not a weekend or holiday)' });
  if (next && promised && next <= promised) out.push({ path: 'newDate', message: 'must be after promisedOn' });
  if (next && issued && next < issued) out.push({ path: 'newDate', message: 'must not be before issuedOn' });
  if (received && promised && received > promised) out.push({ path: 'promisedOn', message: 'must not be before receivedOn' });
  if (received && issued && issued < received) out.push({ path: 'issuedOn', message: 'must not be before receivedOn' });
  return out;
}

/** What staff may change on a draft: any field of the letter (reason and new date above all). */
export type LetterPatch = DraftFields;

/**
 * Merges staff edits into a draft. A value that is itself wrong (a new date on a holiday, a
 * new date before the promised one) is refused with every problem listed; fields not yet
 * filled elsewhere are fine until signing.
 */
export async function updateLetter(
  tx: Queryable,
  letterId: string,
  patch: LetterPatch,
  opts: { actor: string; now?: Date },
): Promise<LetterRecord> {
  const current = await lockLetter(tx, letterId);
  if (current.status !== 'draft') throw new LetterNotEditable(`letter ${letterId} is ${current.status}`);
  const touched = new Set(Object.keys(patch));
  const merged: DraftFields = { ...current.fields, ...patch };
  const r = apologyLetterFieldsSchema.safeParse(withDraftDefaults(merged, current.number, current.issuer));
  const bad = [
    ...(r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))),
    ...dateProblems(merged),
  ].filter((i) => touched.has(i.path.split('.')[0]!));
  if (bad.length) throw new LetterFieldsError(bad);
  const now = opts.now ?? new Date();
  const number = typeof patch.number === 'string' ? patch.number : current.number;
  const rows = await tx.query(
    `UPDATE letters SET fields = $2, number = $3, updated_at = $4 WHERE id = $1 RETURNING ${LETTER_COLUMNS}`,
    [letterId, JSON.stringify(merged), number, now],
  );
  await recordAudit(tx, { actor: opts.actor, action: 'letter.update', entity: 'letter', entityId: letterId, details: { patch }, at: now });
  return toLetter(rows[0]);
}

/** The next "01/PXL-UBND" of the issuing unit's register for the letter's year (leading zero below 10, NĐ 30/2020). */
async function allocateNumber(tx: Queryable, issuer: LetterBase['issuer'], year: number): Promise<string> {
  const rows = await tx.query<{ last_value: number }>(
    `INSERT INTO letter_number_counters (issuer_kind, issuer_code, year, last_value) VALUES ($1, $2, $3, 1)
     ON CONFLICT (issuer_kind, issuer_code, year) DO UPDATE SET last_value = letter_number_counters.last_value + 1
     RETURNING last_value`,
    [issuer.kind, issuer.code, year],
  );
  return `${String(rows[0]!.last_value).padStart(2, '0')}/${numberSymbol(issuer)}`;
}

export class LetterNotSignable extends LetterNotEditable {
  override name = 'LetterNotSignable';
}

/**
 * An apology is signed only for what is late: the case is overdue, or it is predicted late —
 * still open within the apology lead time before its due date (data/deadlines
 * apologyLeadWorkingDays). Two weeks ahead nothing is late, and the citizen must not be told so.
 * For a procedure's late result the procedure's own promised date counts.
 */
async function assertLate(tx: Queryable, letter: LetterRecord, fields: ApologyLetter, now: Date): Promise<void> {
  const rows = await tx.query<{ overdue: boolean; due_date: string | null }>(
    `SELECT overdue_at IS NOT NULL AS overdue, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM cases WHERE id = $1`,
    [letter.caseId],
  );
  const c = rows[0];
  if (!c) throw new CaseNotFound(`no case ${letter.caseId}`);
  const due = fields.form === 'late_result' ? fields.promisedOn : c.due_date;
  if (fields.form === 'late_answer' && c.overdue) return;
  const today = toIsoDate(now);
  // Past its due date it is late, whether or not the overdue job has run yet.
  if (due !== null && (due < today || today >= apologyDraftDate(due as IsoDate))) return;
  throw new LetterNotSignable(
    due === null
      ? `letter ${letter.id}: the case has no deadline, so nothing is late`
      : `letter ${letter.id}: not late yet — it may be signed from ${apologyDraftDate(due as IsoDate)} (due ${due})`,
  );
}

export interface SignResult {
  readonly letter: LetterRecord;
  /** How the citizen is told: queued in the outbox (enqueue the ids after commit), or staff must call. */
  readonly notice: NoticeOutcome;
}

/**
 * Signs a complete draft (number and date of issue given now when staff left them empty),
 * then tells the citizen if a platform window allows an automatic message; otherwise the
 * case history gets a `call_citizen` event for the inbox.
 */
export async function markLetterSigned(
  tx: Queryable,
  letterId: string,
  actor: string,
  now: Date = new Date(),
  noticeOptions: NoticeOptions = {},
): Promise<SignResult> {
  const current = await lockLetter(tx, letterId);
  if (current.status !== 'draft') throw new LetterNotEditable(`letter ${letterId} is already ${current.status}`);
  const issuedOn = current.fields.issuedOn ?? toIsoDate(now);
  const r = apologyLetterFieldsSchema.safeParse({ ...current.fields, issuedOn, number: current.number ?? `/${numberSymbol(current.issuer)}` });
  if (!r.success) throw new LetterFieldsError(r.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })));
  await assertLate(tx, current, r.data, now);
  const number = current.number ?? (await allocateNumber(tx, current.issuer, Number(issuedOn.slice(0, 4))));
  const fields: ApologyLetter = { ...r.data, number };
  await tx.query(
    `UPDATE letters SET status = 'signed', fields = $2, number = $3, signed_by = $4, signed_at = $5, updated_at = $5
     WHERE id = $1`,
    [letterId, JSON.stringify(fields), number, actor, now],
  );
  await recordCaseEvent(tx, current.caseId, 'letter_signed', actor, now, { letterId, number });
  await recordAudit(tx, { actor, action: 'letter.sign', entity: 'letter', entityId: letterId, details: { number }, at: now });

  const notice = await notifyCitizen(tx, {
    caseId: current.caseId,
    topic: 'letter_signed',
    causeKey: `letter-signed:${letterId}`,
    author: 'system',
    actor: 'system',
    now,
    messages: (locale) => [
      validateOutbound({
        type: 'text',
        payload: {
          text: t(locale, `letters.notice.${fields.form}`, {
            agency: fields.agency,
            dossierCode: fields.dossierCode,
            promisedOn: dayMonthYear(fields.promisedOn),
            reason: fields.reason,
            newDate: dayMonthYear(fields.newDate),
            number,
          }),
        },
      }),
    ],
  }, noticeOptions);
  if (notice.kind === 'queued') {
    await tx.query(`UPDATE letters SET status = 'sent', sent_at = $2 WHERE id = $1`, [letterId, now]);
  }
  return { letter: (await getLetter(tx, letterId))!, notice };
}

/**
 * The letter as DOCX. A draft renders with what it has so staff can preview it (no number or
 * date of issue yet); a draft still missing required fields throws LetterFieldsError.
 */
export async function getLetterDocx(db: Queryable, letterId: string): Promise<Buffer> {
  const letter = await getLetter(db, letterId);
  if (!letter) throw new LetterNotFound(`no letter ${letterId}`);
  const fields = letter.status === 'draft' ? withDraftDefaults(letter.fields, letter.number, letter.issuer) : letter.fields;
  const r = apologyLetterFieldsSchema.safeParse(fields);
  if (!r.success) throw new LetterFieldsError(r.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })));
  return packDocx(composeLetter(r.data, 'vi'));
}
