import type { Queryable } from '../db/index.ts';
import { contactRedactor, type KnownContact, redactDeep } from './mask.ts';

/**
 * Every place a citizen's name or phone can be kept, in one list, and how an erasure reaches
 * each. An erasure (the citizen's request, or the retention period) first clears the cases'
 * contact fields (cases.eraseContacts / forgetContacts, which also say what to look for), then
 * runs `erase` of every database place in one transaction; `read` returns the texts a place
 * holds, so a test can prove each one is reached.
 *
 * Citizens' own words lose the full name and the phone. What staff wrote (replies, notes,
 * answers, reasons) also loses the bare given name they greet with ("anh Khải"): staff write
 * it, citizens' texts would lose place names that happen to match ("Hà", "Nam").
 *
 * One place is not in the database: an event the citizen sent that no worker has stored yet
 * waits in Redis (src/queue/payloads.ts); the worker that ran the erasure rewrites those
 * (`PENDING_EVENTS_PLACE`).
 */

export interface ErasureTarget {
  readonly conversationId: string;
  /** The cases whose contact details are erased. */
  readonly caseIds: readonly string[];
  /** What to look for. */
  readonly contact: KnownContact;
}

/** What replaces an erased name or phone (the same mark as in the conversation). */
export const ERASED_MARK = '[…]';

export interface PersonalDataPlace {
  readonly id: string;
  readonly what: string;
  read(tx: Queryable, target: ErasureTarget): Promise<string[]>;
  erase(tx: Queryable, target: ErasureTarget): Promise<void>;
}

type Redact = (text: string) => string;

const citizenWords = (t: ErasureTarget): Redact => contactRedactor(t.contact, ERASED_MARK, { givenNames: false });
const staffWords = (t: ErasureTarget): Redact => contactRedactor(t.contact, ERASED_MARK, { givenNames: true });

const asJson = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/** Rewrites `column` of the rows `where` selects when redaction changes it. */
async function redactRows(
  tx: Queryable,
  table: string,
  column: string,
  kind: 'text' | 'jsonb',
  where: string,
  params: unknown[],
  redact: (row: Record<string, unknown>) => Redact,
): Promise<void> {
  const rows = await tx.query<Record<string, unknown> & { rid: string; v: unknown }>(
    `SELECT *, id::text AS rid, ${column} AS v FROM ${table} WHERE ${where} AND ${column} IS NOT NULL`,
    params,
  );
  for (const r of rows) {
    const fn = redact(r);
    const before = kind === 'text' ? String(r.v) : JSON.stringify(asJson(r.v));
    const after = kind === 'text' ? fn(before) : JSON.stringify(redactDeep(asJson(r.v), fn));
    if (after === before) continue;
    await tx.query(`UPDATE ${table} SET ${column} = $2${kind === 'jsonb' ? '::jsonb' : ''} WHERE id = $1`, [r.rid, after]);
  }
}

async function readRows(tx: Queryable, table: string, column: string, where: string, params: unknown[]): Promise<string[]> {
  const rows = await tx.query<{ v: unknown }>(`SELECT ${column} AS v FROM ${table} WHERE ${where} AND ${column} IS NOT NULL`, params);
  return rows.map((r) => (typeof r.v === 'string' ? r.v : JSON.stringify(r.v)));
}

const byCase = (t: ErasureTarget) => [[...t.caseIds]];
const CASES = 'case_id = ANY($1::bigint[])';

/** A staff-written outbox line: a chat line or a notice about the case (answer, staff message). */
const staffAuthored = (row: Record<string, unknown>): boolean =>
  String(row.dedupe_key ?? '').startsWith('out:staff:') || (asJson(row.content) as { notice?: unknown } | null)?.notice !== undefined;

export const PERSONAL_DATA_PLACES: readonly PersonalDataPlace[] = [
  {
    id: 'cases.contact',
    what: 'the reporter name and phone of each case (cleared by cases.eraseContacts, the case turns anonymous)',
    read: (tx, t) => readRows(tx, 'cases', "concat_ws(' ', reporter_name, reporter_phone)", 'id = ANY($1::bigint[])', byCase(t)),
    erase: async () => {},
  },
  ...(['description', 'place_text', 'occurred_text', 'official_text'] as const).map(
    (column): PersonalDataPlace => ({
      id: `cases.${column}`,
      what: `what the citizen said on the case (${column})`,
      read: (tx, t) => readRows(tx, 'cases', column, 'id = ANY($1::bigint[])', byCase(t)),
      erase: (tx, t) => redactRows(tx, 'cases', column, 'text', 'id = ANY($1::bigint[])', byCase(t), () => citizenWords(t)),
    }),
  ),
  {
    id: 'cases.answer',
    what: 'the official answer staff recorded',
    read: (tx, t) => readRows(tx, 'cases', 'answer', 'id = ANY($1::bigint[])', byCase(t)),
    erase: (tx, t) => redactRows(tx, 'cases', 'answer', 'text', 'id = ANY($1::bigint[])', byCase(t), () => staffWords(t)),
  },
  {
    id: 'case_attachments',
    what: 'captions and file names of what the citizen attached',
    read: (tx, t) => readRows(tx, 'case_attachments', "concat_ws(' ', caption, name)", CASES, byCase(t)),
    erase: async (tx, t) => {
      for (const column of ['caption', 'name']) {
        await redactRows(tx, 'case_attachments', column, 'text', CASES, byCase(t), () => citizenWords(t));
      }
    },
  },
  {
    id: 'messages',
    what: 'the conversation: the citizen’s messages, the bot’s echoes (summary), staff chat lines and case notices',
    read: (tx, t) => readRows(tx, 'messages', 'content', 'conversation_id = $1', [t.conversationId]),
    erase: async (tx, t) => {
      await redactRows(tx, 'messages', 'content', 'jsonb', 'conversation_id = $1', [t.conversationId], (row) =>
        staffAuthored(row) ? staffWords(t) : citizenWords(t),
      );
      // Zalo's shared-information form is the contact itself: nothing of it is kept.
      await tx.query(
        `UPDATE messages SET content = jsonb_set(content, '{content}', '{"type":"user_submit_info"}'::jsonb)
         WHERE conversation_id = $1 AND direction = 'in' AND content->'content'->>'type' = 'user_submit_info'`,
        [t.conversationId],
      );
    },
  },
  {
    id: 'held_notices',
    what: 'staff messages held until the citizen writes again',
    read: (tx, t) => readRows(tx, 'held_notices', 'messages', 'conversation_id = $1', [t.conversationId]),
    erase: (tx, t) => redactRows(tx, 'held_notices', 'messages', 'jsonb', 'conversation_id = $1', [t.conversationId], () => staffWords(t)),
  },
  {
    id: 'inbox_case_activity',
    what: 'staff notes and the bodies of staff replies',
    read: (tx, t) => readRows(tx, 'inbox_case_activity', "concat_ws(' ', body, details::text)", CASES, byCase(t)),
    erase: async (tx, t) => {
      await redactRows(tx, 'inbox_case_activity', 'body', 'text', CASES, byCase(t), () => staffWords(t));
      await redactRows(tx, 'inbox_case_activity', 'details', 'jsonb', CASES, byCase(t), () => staffWords(t));
    },
  },
  {
    id: 'case_events',
    what: 'the case history: follow-up messages, transfer reasons, status notes, answers',
    read: (tx, t) => readRows(tx, 'case_events', 'details', CASES, byCase(t)),
    erase: (tx, t) => redactRows(tx, 'case_events', 'details', 'jsonb', CASES, byCase(t), () => staffWords(t)),
  },
  {
    id: 'audit_log',
    what: 'the audit trail of the cases, their letters and the conversation',
    read: (tx, t) => readRows(tx, 'audit_log', 'details', AUDIT_WHERE, auditParams(t)),
    erase: (tx, t) => redactRows(tx, 'audit_log', 'details', 'jsonb', AUDIT_WHERE, auditParams(t), () => staffWords(t)),
  },
  {
    id: 'classification_corrections',
    what: 'the original description kept for retraining the classifier',
    read: (tx, t) => readRows(tx, 'classification_corrections', 'text', 'case_id = ANY($1::text[])', byCase(t)),
    erase: (tx, t) => redactRows(tx, 'classification_corrections', 'text', 'text', 'case_id = ANY($1::text[])', byCase(t), () => citizenWords(t)),
  },
  {
    id: 'letters.draft_recipient',
    what: 'the recipient of unsigned apology letters (letters.forgetDraftRecipients)',
    read: (tx, t) => readRows(tx, 'letters', "fields->'recipient'", "case_id = ANY($1::bigint[]) AND status = 'draft'", byCase(t)),
    erase: async () => {},
  },
];

const CONVERSATION_PLACES = ['messages', 'held_notices'];

const AUDIT_WHERE = `((entity = 'case' AND entity_id = ANY($1::text[]))
  OR (entity = 'conversation' AND entity_id = $2)
  OR (entity = 'letter' AND entity_id IN (SELECT id::text FROM letters WHERE case_id = ANY($1::bigint[]))))`;
const auditParams = (t: ErasureTarget) => [[...t.caseIds], t.conversationId];

/** The place outside the database, erased by the worker that ran the erasure (see above). */
export const PENDING_EVENTS_PLACE = {
  id: 'redis.pending_events',
  what: 'events the citizen sent that no worker has stored yet (src/queue/payloads.ts)',
} as const;

/**
 * Runs every database place's erasure. The trails (case_events, audit_log, inbox_case_activity)
 * are append-only; this transaction alone may rewrite what they say (migration 200), never
 * delete a row, so the trail still shows that things happened.
 */
export async function eraseEverywhere(tx: Queryable, target: ErasureTarget, opts: { keepConversation?: boolean } = {}): Promise<void> {
  if (target.contact.names.length === 0 && target.contact.phones.length === 0) return;
  // Retention erases a case's details while another case of the conversation still holds
  // them: the conversation itself is then cleaned later, with the last one.
  const skipped = new Set(opts.keepConversation ? CONVERSATION_PLACES : []);
  await tx.query("SELECT set_config('congboc.erasure', 'on', true)");
  try {
    for (const place of PERSONAL_DATA_PLACES) if (!skipped.has(place.id)) await place.erase(tx, target);
  } finally {
    await tx.query("SELECT set_config('congboc.erasure', 'off', true)");
  }
}
