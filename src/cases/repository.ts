import { z } from 'zod';
import type { Queryable } from '../db/index.ts';
import { CASE_KINDS_IN_LAW, proposeCaseKind } from '../deadlines/index.ts';
import { getCommune } from '../directory/index.ts';
import { allocateCaseCode } from './codes.ts';
import { kindEvidence } from './kind-evidence.ts';
import {
  CASE_EVENT_KINDS,
  CASE_KINDS,
  CASE_STATUSES,
  type CaseAppendix,
  type CaseAttachment,
  type CaseEvent,
  type CaseRecord,
  type CaseStatus,
  type NewCase,
  STATUS_TRANSITIONS,
} from './types.ts';

export class CaseNotFound extends Error {
  override name = 'CaseNotFound';
}

export class InvalidStatusTransition extends Error {
  override name = 'InvalidStatusTransition';
  readonly from: CaseStatus;
  readonly to: CaseStatus;
  constructor(from: CaseStatus, to: CaseStatus) {
    super(`a case cannot go from "${from}" to "${to}"`);
    this.from = from;
    this.to = to;
  }
}

// Casts in SQL keep both drivers alike: ids as text (no bigint/Number games), dates as
// YYYY-MM-DD (pg would turn a `date` into a local-midnight Date).
const CASE_COLUMNS = `id::text AS id, code, kind, conversation_id::text AS conversation_id, status,
  commune_code, province_code, routed_to_kind, routed_to_code, label, secondary_labels,
  confidence::float8 AS confidence, targets_leader, needs_review, topic, description, place_text, occurred_text,
  official_text, anonymous, reporter_name, reporter_phone, consent_id::text AS consent_id,
  identity_protected, locale, answer, answered_at, received_at,
  to_char(due_date, 'YYYY-MM-DD') AS due_date, legal_kind, forward_to,
  to_char(forward_due_date, 'YYYY-MM-DD') AS forward_due_date, created_at, updated_at`;

const caseRow = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(CASE_KINDS),
  conversation_id: z.string(),
  status: z.enum(CASE_STATUSES),
  commune_code: z.string().nullable(),
  province_code: z.string().nullable(),
  routed_to_kind: z.enum(['commune', 'province']),
  routed_to_code: z.string(),
  label: z.string(),
  secondary_labels: z.array(z.string()),
  confidence: z.number().nullable(),
  targets_leader: z.boolean(),
  needs_review: z.boolean(),
  topic: z.string().nullable(),
  description: z.string(),
  place_text: z.string().nullable(),
  occurred_text: z.string().nullable(),
  official_text: z.string().nullable(),
  anonymous: z.boolean(),
  reporter_name: z.string().nullable(),
  reporter_phone: z.string().nullable(),
  consent_id: z.string().nullable(),
  identity_protected: z.boolean(),
  locale: z.string(),
  answer: z.string().nullable(),
  answered_at: z.coerce.date().nullable(),
  received_at: z.coerce.date(),
  due_date: z.string().nullable(),
  legal_kind: z.enum(CASE_KINDS_IN_LAW),
  forward_to: z.string().nullable(),
  forward_due_date: z.string().nullable(),
  created_at: z.coerce.date(),
  updated_at: z.coerce.date(),
});

function toRecord(raw: unknown): CaseRecord {
  const r = caseRow.parse(raw);
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    conversationId: r.conversation_id,
    status: r.status,
    communeCode: r.commune_code,
    provinceCode: r.province_code,
    routedTo: { kind: r.routed_to_kind, code: r.routed_to_code },
    label: r.label,
    secondaryLabels: r.secondary_labels,
    confidence: r.confidence,
    targetsLeader: r.targets_leader,
    needsReview: r.needs_review,
    topic: r.topic,
    description: r.description,
    placeText: r.place_text,
    occurredText: r.occurred_text,
    officialText: r.official_text,
    reporter:
      r.anonymous || r.consent_id === null
        ? { kind: 'anonymous' }
        : { kind: 'identified', name: r.reporter_name ?? '', phone: r.reporter_phone, consentId: r.consent_id },
    identityProtected: r.identity_protected,
    locale: r.locale,
    answer: r.answer,
    answeredAt: r.answered_at,
    receivedAt: r.received_at,
    dueDate: r.due_date,
    legalKind: r.legal_kind,
    forward: r.forward_to !== null && r.forward_due_date !== null ? { to: r.forward_to, dueDate: r.forward_due_date } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Creates the case with its code, attachments and a `created` event, all through `tx`. */
export async function createCase(tx: Queryable, input: NewCase): Promise<CaseRecord> {
  const code = await allocateCaseCode(tx, input.receivedAt);
  const c = input.classification;
  const identified = input.reporter.kind === 'identified' ? input.reporter : null;
  const legalKind = input.legalKind ?? proposeCaseKind(kindEvidence(input));
  const rows = await tx.query(
    `INSERT INTO cases (code, kind, conversation_id, commune_code, province_code, routed_to_kind, routed_to_code,
       label, secondary_labels, confidence, targets_leader, needs_review, description, place_text, occurred_text,
       official_text, anonymous, reporter_name, reporter_phone, consent_id, identity_protected, locale,
       received_at, due_date, created_at, updated_at, legal_kind, topic)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
       $23, $24, $23, $23, $25, $26)
     RETURNING ${CASE_COLUMNS}`,
    [
      code,
      input.kind,
      input.conversationId,
      input.communeCode,
      // Every case belongs to a unit with its province (a question asked on a commune's
      // channel has no place step): province officers must find what their digest counts.
      input.provinceCode ?? (input.communeCode ? (getCommune(input.communeCode)?.provinceCode ?? null) : null),
      input.routedTo.kind,
      input.routedTo.code,
      c?.label ?? 'unknown',
      c ? [...c.labels.filter((l) => l !== c.label)] : [],
      c?.confidence ?? null,
      c?.targetsLeader ?? false,
      c?.needsReview ?? true,
      input.description,
      input.placeText,
      input.occurredText,
      input.officialText,
      identified === null,
      identified?.name ?? null,
      identified?.phone ?? null,
      identified?.consentId ?? null,
      input.identityProtected,
      input.locale,
      input.receivedAt,
      input.dueDate,
      legalKind.kind,
      c?.topic ?? null,
    ],
  );
  const record = toRecord(rows[0]);
  await addEvent(tx, record.id, 'created', 'citizen', input.receivedAt, {
    toStatus: 'new',
    details: { code, legalKind: legalKind.kind, kindProposedBecause: legalKind.reason },
  });
  for (const a of input.attachments) await insertAttachment(tx, record.id, a, input.receivedAt);
  return record;
}

/** Adds what the citizen sent later (text or attachment) to the case history. */
export async function appendToCase(
  tx: Queryable,
  caseId: string,
  message: CaseAppendix,
  at: Date = new Date(),
  actor = 'citizen',
): Promise<void> {
  if (message.kind === 'text') {
    await addEvent(tx, caseId, 'message_appended', actor, at, { details: { text: message.text } });
  } else {
    const id = await insertAttachment(tx, caseId, message, at);
    await addEvent(tx, caseId, 'attachment_added', actor, at, { details: { attachmentId: id, kind: message.kind } });
  }
  await tx.query('UPDATE cases SET updated_at = $2 WHERE id = $1', [caseId, at]);
}

/** Who may see a case: the citizen of the conversation it came from (same platform and user id). */
export interface CaseOwner {
  readonly platform: string;
  readonly userRef: string;
}

/**
 * Looks a code up for one citizen only. Another citizen's code gives null, exactly like a
 * code that does not exist, so the answer never reveals that a case exists.
 */
export async function findCaseByCodeForUser(tx: Queryable, code: string, owner: CaseOwner): Promise<CaseRecord | null> {
  const rows = await tx.query(
    `SELECT ${CASE_COLUMNS} FROM cases
     WHERE code = $1 AND conversation_id IN (
       SELECT v.id FROM conversations v JOIN channel_accounts a ON a.id = v.channel_account_id
       WHERE v.user_ref = $2 AND a.platform = $3)`,
    [code.toUpperCase(), owner.userRef, owner.platform],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function getCase(tx: Queryable, id: string): Promise<CaseRecord | null> {
  const rows = await tx.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Moves a case along STATUS_TRANSITIONS and records who did it and why. */
export async function changeStatus(
  tx: Queryable,
  id: string,
  status: CaseStatus,
  actor: string,
  note: string | null = null,
  at: Date = new Date(),
): Promise<CaseRecord> {
  const current = await lockCase(tx, id);
  if (!STATUS_TRANSITIONS[current.status].includes(status)) throw new InvalidStatusTransition(current.status, status);
  const rows = await tx.query(`UPDATE cases SET status = $2, updated_at = $3 WHERE id = $1 RETURNING ${CASE_COLUMNS}`, [
    id,
    status,
    at,
  ]);
  await addEvent(tx, id, 'status_changed', actor, at, {
    fromStatus: current.status,
    toStatus: status,
    details: note === null ? {} : { note },
  });
  return toRecord(rows[0]);
}

/** Records the commune's answer; the case becomes `answered` and the citizen can read it by code. */
export async function answerCase(
  tx: Queryable,
  id: string,
  answer: string,
  actor: string,
  at: Date = new Date(),
): Promise<CaseRecord> {
  const current = await lockCase(tx, id);
  if (!STATUS_TRANSITIONS[current.status].includes('answered')) {
    throw new InvalidStatusTransition(current.status, 'answered');
  }
  const rows = await tx.query(
    `UPDATE cases SET status = 'answered', answer = $2, answered_at = $3, updated_at = $3 WHERE id = $1
     RETURNING ${CASE_COLUMNS}`,
    [id, answer, at],
  );
  await addEvent(tx, id, 'answered', actor, at, { fromStatus: current.status, toStatus: 'answered', details: { answer } });
  return toRecord(rows[0]);
}

const eventRow = z.object({
  id: z.string(),
  case_id: z.string(),
  kind: z.enum(CASE_EVENT_KINDS),
  actor: z.string(),
  from_status: z.enum(CASE_STATUSES).nullable(),
  to_status: z.enum(CASE_STATUSES).nullable(),
  details: z.record(z.string(), z.unknown()),
  created_at: z.coerce.date(),
});

export async function listCaseEvents(tx: Queryable, caseId: string): Promise<CaseEvent[]> {
  const rows = await tx.query(
    `SELECT id::text AS id, case_id::text AS case_id, kind, actor, from_status, to_status, details, created_at
     FROM case_events WHERE case_id = $1 ORDER BY case_events.id`,
    [caseId],
  );
  return rows.map((raw) => {
    const r = eventRow.parse(raw);
    return {
      id: r.id,
      caseId: r.case_id,
      kind: r.kind,
      actor: r.actor,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      details: r.details,
      createdAt: r.created_at,
    };
  });
}

const attachmentRow = z.object({
  kind: z.enum(['image', 'file', 'location']),
  url: z.string().nullable(),
  caption: z.string().nullable(),
  name: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
});

export async function listAttachments(tx: Queryable, caseId: string): Promise<CaseAttachment[]> {
  const rows = await tx.query(
    'SELECT kind, url, caption, name, latitude, longitude FROM case_attachments WHERE case_id = $1 ORDER BY id',
    [caseId],
  );
  return rows.map((raw) => {
    const r = attachmentRow.parse(raw);
    if (r.kind === 'location') {
      return { kind: 'location', latitude: r.latitude!, longitude: r.longitude!, address: r.caption ?? undefined };
    }
    if (r.kind === 'image') return { kind: 'image', url: r.url!, caption: r.caption ?? undefined };
    return { kind: 'file', url: r.url!, name: r.name ?? undefined };
  });
}

async function lockCase(tx: Queryable, id: string): Promise<CaseRecord> {
  const rows = await tx.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw new CaseNotFound(`no case ${id}`);
  return toRecord(rows[0]);
}

async function insertAttachment(tx: Queryable, caseId: string, a: CaseAttachment, at: Date): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO case_attachments (case_id, kind, url, caption, name, latitude, longitude, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::text AS id`,
    [
      caseId,
      a.kind,
      a.kind === 'location' ? null : a.url,
      a.kind === 'image' ? (a.caption ?? null) : a.kind === 'location' ? (a.address ?? null) : null,
      a.kind === 'file' ? (a.name ?? null) : null,
      a.kind === 'location' ? a.latitude : null,
      a.kind === 'location' ? a.longitude : null,
      at,
    ],
  );
  return rows[0]!.id;
}

async function addEvent(
  tx: Queryable,
  caseId: string,
  kind: CaseEvent['kind'],
  actor: string,
  at: Date,
  extra: { fromStatus?: CaseStatus; toStatus?: CaseStatus; details?: Record<string, unknown> },
): Promise<void> {
  await tx.query(
    `INSERT INTO case_events (case_id, kind, actor, from_status, to_status, details, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [caseId, kind, actor, extra.fromStatus ?? null, extra.toStatus ?? null, JSON.stringify(extra.details ?? {}), at],
  );
}

/**
 * Staff's correction of a case's label replaces the classifier's, so counts (digest, queue
 * filters) follow what a person confirmed; the correction itself is kept for retraining.
 */
export async function relabelCase(tx: Queryable, id: string, label: string): Promise<void> {
  await tx.query('UPDATE cases SET label = $2, needs_review = false, updated_at = now() WHERE id = $1', [id, label]);
}
