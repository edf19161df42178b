import type { CaseRecord } from '../cases/index.ts';
import type { Queryable } from '../db/index.ts';
import { ExtensionRefused, extendDeadline } from '../deadline-jobs/index.ts';
import {
  type DraftFields,
  draftApologyLetter,
  getLetter,
  getLetterDocx,
  LetterFieldsError,
  LetterNotEditable,
  type LetterPatch,
  type LetterRecord,
  letterText,
  listLetters,
  markLetterSigned,
  updateLetter,
} from '../letters/index.ts';
import type { User } from '../users/index.ts';
import { type ActionDeps, actorOf, auditPersonalDataView, caseToActOn } from './actions.ts';
import { InboxError } from './errors.ts';
import { canDecideOnCase } from './policy.ts';
import { vietnamToday } from './today.ts';

/**
 * The apology letter and the deadline extension from the inbox: the letters and deadlines
 * areas do the work; here are the rights (staff draft and edit, leaders sign and extend)
 * and the translation of their refusals into inbox errors.
 */

export interface LetterView {
  readonly letter: LetterRecord;
  /** Plain text of the letter as it would print now; null while required fields are missing. */
  readonly preview: string | null;
}

export function letterPreview(l: LetterRecord): string | null {
  if (l.status === 'draft' && l.missing.length > 0) return null;
  const fields = l.status === 'draft' ? { ...l.fields, number: l.number ?? '/PXL', issuedOn: l.fields.issuedOn ?? vietnamToday() } : l.fields;
  try {
    return letterText(fields as Parameters<typeof letterText>[0]);
  } catch (err) {
    if (err instanceof LetterFieldsError) return null;
    throw err;
  }
}

export async function caseLetters(d: { db: Queryable }, caseId: string): Promise<LetterView[]> {
  return (await listLetters(d.db, caseId)).map((letter) => ({ letter, preview: letterPreview(letter) }));
}

function fieldsError(err: unknown): never {
  if (err instanceof LetterFieldsError) {
    throw new InboxError('CB_ERR_INVALID_INPUT', err.message, { issues: err.issues });
  }
  if (err instanceof LetterNotEditable) throw new InboxError('CB_ERR_CONFLICT', err.message);
  throw err;
}

export async function letterToActOn(d: ActionDeps, user: User, letterId: string): Promise<{ letter: LetterRecord; c: CaseRecord }> {
  const letter = /^\d{1,18}$/.test(letterId) ? await getLetter(d.db, letterId) : null;
  if (!letter) throw new InboxError('CB_ERR_CASE_NOT_FOUND', 'no such letter');
  const c = await caseToActOn(d.db, user, letter.caseId).catch((err: unknown) => {
    if (err instanceof InboxError && err.code === 'CB_ERR_FORBIDDEN') throw err;
    throw new InboxError('CB_ERR_CASE_NOT_FOUND', 'no such letter');
  });
  return { letter, c };
}

export async function draftLetter(d: ActionDeps, user: User, caseId: string): Promise<LetterRecord> {
  const c = await caseToActOn(d.db, user, caseId);
  const letter = await d.db.transaction((tx) => draftApologyLetter(tx, c.id, { actor: actorOf(user) }));
  await d.publish({ caseId: c.id, routedTo: c.routedTo, provinceCode: c.provinceCode, reason: 'letter' });
  return letter;
}

export async function editLetter(d: ActionDeps, user: User, letterId: string, patch: LetterPatch): Promise<LetterRecord> {
  const { letter } = await letterToActOn(d, user, letterId);
  return d.db.transaction((tx) => updateLetter(tx, letter.id, patch, { actor: actorOf(user) })).catch(fieldsError);
}

/** Signing binds the unit: leaders only. The citizen is told through the outbox when a window allows. */
export async function signLetter(d: ActionDeps, user: User, letterId: string): Promise<LetterRecord> {
  const { letter, c } = await letterToActOn(d, user, letterId);
  if (!canDecideOnCase(user, c)) throw new InboxError('CB_ERR_FORBIDDEN', 'only a leader signs a letter');
  const out = await d.db.transaction((tx) => markLetterSigned(tx, letter.id, actorOf(user), new Date(), { phoneNotices: d.phoneNotices })).catch(fieldsError);
  if (out.notice.kind === 'queued') await d.queues.enqueueOutbound(out.notice.messageIds);
  await d.publish({ caseId: c.id, routedTo: c.routedTo, provinceCode: c.provinceCode, reason: 'letter' });
  return out.letter;
}

/** The DOCX names the citizen: downloading it is a view of personal data, and audited. */
export async function letterDocx(
  d: ActionDeps,
  user: User,
  letterId: string,
  via: { channel: 'page' | 'api'; ip: string | undefined },
): Promise<{ name: string; docx: Buffer }> {
  const { letter, c } = await letterToActOn(d, user, letterId);
  const docx = await getLetterDocx(d.db, letter.id).catch(fieldsError);
  await auditPersonalDataView(d.db, user, c, ['letter_recipient'], via.channel, via.ip);
  const name = `${c.code}-${letter.number ?? 'du-thao'}`.replace(/[^A-Za-z0-9._-]+/g, '-');
  return { name: `xin-loi-${name}.docx`, docx };
}

/** A lawful extension of the due date, with its reason: leaders only. */
export async function extendCase(
  d: ActionDeps,
  user: User,
  caseId: string,
  input: { newDue: string; reason: string },
): Promise<{ from: string; to: string }> {
  const c = await caseToActOn(d.db, user, caseId);
  if (!canDecideOnCase(user, c)) throw new InboxError('CB_ERR_FORBIDDEN', 'only a leader extends a deadline');
  try {
    const out = await d.db.transaction((tx) => extendDeadline(tx, c.id, { ...input, actor: actorOf(user) }));
    await d.reschedule?.(c.id);
    await d.publish({ caseId: c.id, routedTo: c.routedTo, provinceCode: c.provinceCode, reason: 'deadline' });
    return out;
  } catch (err) {
    if (err instanceof ExtensionRefused) throw new InboxError('CB_ERR_INVALID_INPUT', err.message, { reason: err.reason });
    throw err;
  }
}

const TEXT_FIELDS = ['parentAgency', 'agency', 'place', 'procedure', 'dossierCode', 'reason', 'apology'] as const;
const DATE_FIELDS = ['receivedOn', 'promisedOn', 'newDate'] as const;

/**
 * A letter patch from the flat edit form: empty inputs are left out (a draft stays partial),
 * nested parts (recipient, signer) are rebuilt whole from their inputs.
 */
export function patchFromForm(form: Record<string, unknown>, current: DraftFields): LetterPatch {
  const s = (k: string) => (typeof form[k] === 'string' ? (form[k] as string).trim() : '');
  const patch: Record<string, unknown> = {};
  for (const k of [...TEXT_FIELDS, ...DATE_FIELDS]) if (s(k)) patch[k] = s(k);
  if (s('recipientName')) {
    const contact = {
      ...(s('recipientPhone') ? { phone: s('recipientPhone') } : {}),
      ...(s('recipientAddress') ? { address: s('recipientAddress') } : {}),
    };
    patch.recipient =
      s('recipientKind') === 'organization'
        ? { kind: 'organization', name: s('recipientName'), ...contact }
        : { kind: 'person', honorific: s('recipientHonorific') === 'ba' ? 'ba' : 'ong', name: s('recipientName'), ...contact };
  }
  if (s('signerTitle') || s('signerName') || s('signerAuthority') || s('signerCapacity')) {
    patch.signer = {
      ...current.signer,
      ...(s('signerAuthority') ? { authority: s('signerAuthority') } : {}),
      ...(s('signerCapacity') ? { capacity: s('signerCapacity') } : {}),
      ...(s('signerTitle') ? { title: s('signerTitle') } : {}),
      ...(s('signerName') ? { name: s('signerName') } : {}),
    };
  }
  return patch as LetterPatch;
}

