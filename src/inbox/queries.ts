import { type CaseKind, type CaseRecord, type CaseStatus, getCase } from '../cases/index.ts';
import type { Platform } from '../channels/types.ts';
import type { Queryable } from '../db/index.ts';
import type { User } from '../users/index.ts';
import { contactRedactor } from '../privacy/index.ts';
import { canSeeReporter, type ConversationScopeFacts, type Unit, visibleCasesSql } from './policy.ts';
import { vietnamToday } from './today.ts';
import type { QueueFilter } from './types.ts';

/** Read side of the inbox: every query takes the viewer and applies the same scope rule. */

export interface QueueItem {
  readonly id: string;
  readonly code: string;
  readonly kind: CaseKind;
  readonly status: CaseStatus;
  readonly label: string;
  readonly dueDate: string;
  readonly overdue: boolean;
  readonly receivedAt: Date;
  readonly excerpt: string;
  readonly platform: Platform;
  readonly routedTo: { kind: 'commune' | 'province'; code: string };
  readonly assignee: { id: string; name: string } | null;
  readonly identityProtected: boolean;
  readonly needsReview: boolean;
  readonly handoff: boolean;
}

const OPEN: readonly CaseStatus[] = ['new', 'in_progress', 'reopened'];

// The label staff see is their latest correction if any, else the classifier's.
const EFFECTIVE_LABEL = `COALESCE((SELECT cc.corrected_label FROM classification_corrections cc
  WHERE cc.case_id = c.id::text ORDER BY cc.id DESC LIMIT 1), c.label)`;

export async function listQueue(db: Queryable, user: User, f: QueueFilter, now = new Date()): Promise<QueueItem[]> {
  const params: unknown[] = [];
  const where = [visibleCasesSql(user, params)];
  params.push(vietnamToday(now));
  const today = `$${params.length}::date`;
  params.push(OPEN);
  const open = `$${params.length}::text[]`;
  if (f.status === 'open') where.push(`c.status = ANY(${open})`);
  else if (f.status !== 'all') where.push(`c.status = $${params.push(f.status)}`);
  if (f.label) where.push(`${EFFECTIVE_LABEL} = $${params.push(f.label)}`);
  if (f.topic) where.push(`c.topic = $${params.push(f.topic)}`);
  if (f.dueBefore) where.push(`c.due_date <= $${params.push(f.dueBefore)}::date`);
  if (f.overdueOnly) where.push(`c.due_date < ${today} AND c.status = ANY(${open})`);
  if (f.channel) where.push(`a.platform = $${params.push(f.channel)}`);
  if (f.assigned === 'me') where.push(`ca.user_id = $${params.push(user.id)}`);
  else if (f.assigned === 'none') where.push('ca.user_id IS NULL');
  else if (f.assigned) where.push(`ca.user_id = $${params.push(f.assigned)}`);
  params.push(f.limit);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT c.id::text AS id, c.code, c.kind, c.status, ${EFFECTIVE_LABEL} AS label,
       to_char(c.due_date, 'YYYY-MM-DD') AS due_date, c.received_at, left(c.description, 160) AS excerpt,
       a.platform, c.routed_to_kind, c.routed_to_code, ca.user_id::text AS assignee_id, u.display_name AS assignee_name,
       c.identity_protected, c.needs_review,
       -- A hand-off of a chat that holds another, protected case is that case's handlers' to see.
       ((v.state->>'mode') = 'handoff' AND NOT EXISTS (
         SELECT 1 FROM cases p WHERE p.conversation_id = c.conversation_id AND p.identity_protected AND p.id <> c.id)) AS handoff,
       c.province_code, c.reporter_name, c.reporter_phone,
       (c.due_date < ${today} AND c.status = ANY(${open})) AS overdue
     FROM cases c
     JOIN conversations v ON v.id = c.conversation_id
     JOIN channel_accounts a ON a.id = v.channel_account_id
     LEFT JOIN case_assignments ca ON ca.case_id = c.id
     LEFT JOIN users u ON u.id = ca.user_id
     WHERE ${where.join(' AND ')}
     ORDER BY overdue DESC, c.due_date ASC, c.received_at ASC, c.id ASC
     LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id as string,
    code: r.code as string,
    kind: r.kind as QueueItem['kind'],
    status: r.status as CaseStatus,
    label: r.label as string,
    dueDate: r.due_date as string,
    overdue: r.overdue === true,
    receivedAt: new Date(r.received_at as string),
    excerpt: excerptFor(user, r),
    platform: r.platform as Platform,
    routedTo: { kind: r.routed_to_kind as 'commune' | 'province', code: r.routed_to_code as string },
    assignee: r.assignee_id ? { id: r.assignee_id as string, name: r.assignee_name as string } : null,
    identityProtected: r.identity_protected === true,
    needsReview: r.needs_review === true,
    handoff: r.handoff === true,
  }));
}

/** A protected reporter's name or phone in the first lines of the report is masked for whoever may not see them. */
function excerptFor(user: User, r: Record<string, unknown>): string {
  const excerpt = r.excerpt as string;
  const facts = {
    routedTo: { kind: r.routed_to_kind as Unit['kind'], code: r.routed_to_code as string },
    provinceCode: (r.province_code as string | null) ?? null,
    identityProtected: r.identity_protected === true,
  };
  if (canSeeReporter(user, facts) || (r.reporter_name === null && r.reporter_phone === null)) return excerpt;
  const names = r.reporter_name ? [r.reporter_name as string] : [];
  const phones = r.reporter_phone ? [r.reporter_phone as string] : [];
  return contactRedactor({ names, phones }, '[…]')(excerpt);
}

export interface QueueCounts {
  readonly byStatus: Readonly<Record<CaseStatus, number>>;
  readonly overdue: number;
}

export async function queueCounts(db: Queryable, user: User, now = new Date()): Promise<QueueCounts> {
  const params: unknown[] = [];
  const where = visibleCasesSql(user, params);
  params.push(vietnamToday(now), OPEN);
  const rows = await db.query<{ status: CaseStatus; n: string | number; overdue: string | number }>(
    `SELECT c.status, count(*) AS n,
       count(*) FILTER (WHERE c.due_date < $${params.length - 1}::date AND c.status = ANY($${params.length}::text[])) AS overdue
     FROM cases c WHERE ${where} GROUP BY c.status`,
    params,
  );
  const byStatus = { new: 0, in_progress: 0, answered: 0, closed: 0, reopened: 0 };
  let overdue = 0;
  for (const r of rows) {
    byStatus[r.status] = Number(r.n);
    overdue += Number(r.overdue);
  }
  return { byStatus, overdue };
}

/** The case if this user may see it; null otherwise, exactly as for a case that does not exist. */
export async function visibleCase(db: Queryable, user: User, caseId: string): Promise<CaseRecord | null> {
  if (!/^\d{1,18}$/.test(caseId)) return null;
  const params: unknown[] = [caseId];
  const rows = await db.query(`SELECT c.id FROM cases c WHERE c.id = $1 AND ${visibleCasesSql(user, params)}`, params);
  return rows.length ? getCase(db, caseId) : null;
}

export async function effectiveLabel(db: Queryable, caseId: string): Promise<string> {
  const rows = await db.query<{ label: string }>(`SELECT ${EFFECTIVE_LABEL} AS label FROM cases c WHERE c.id = $1`, [
    caseId,
  ]);
  return rows[0]?.label ?? 'unknown';
}

export interface ConversationFacts {
  readonly id: string;
  readonly platform: Platform;
  readonly lastInboundAt: Date | null;
  readonly handoff: boolean;
}

export async function conversationFacts(db: Queryable, conversationId: string): Promise<ConversationFacts | null> {
  const rows = await db.query<{ platform: Platform; last_inbound_at: unknown; mode: string | null }>(
    `SELECT a.platform, v.last_inbound_at, v.state->>'mode' AS mode
     FROM conversations v JOIN channel_accounts a ON a.id = v.channel_account_id WHERE v.id = $1`,
    [conversationId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: conversationId,
    platform: r.platform,
    lastInboundAt: r.last_inbound_at === null ? null : new Date(r.last_inbound_at as string),
    handoff: r.mode === 'handoff',
  };
}

/** One line of the conversation as staff see it. */
export type ConversationLine =
  | {
      readonly id: string;
      readonly direction: 'in';
      readonly at: Date;
      readonly content: Record<string, unknown>;
    }
  | {
      readonly id: string;
      readonly direction: 'out';
      readonly at: Date;
      readonly by: 'bot' | 'staff';
      readonly message: { type: string; payload: Record<string, unknown> };
      readonly status: 'pending' | 'sending' | 'sent' | 'failed' | 'uncertain';
      readonly error: string | null;
      /** A send the platform refused for the night waits until then. */
      readonly notBefore: Date | null;
      readonly tagged: boolean;
    };

export async function conversationLines(db: Queryable, conversationId: string, limit = 500): Promise<ConversationLine[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT * FROM (
       SELECT id::text AS id, direction, dedupe_key, content, status, error, not_before, occurred_at, created_at
       FROM messages WHERE conversation_id = $1 ORDER BY id DESC LIMIT $2) m
     ORDER BY m.id::bigint`,
    [conversationId, limit],
  );
  return rows.map((r): ConversationLine => {
    const content = (typeof r.content === 'string' ? JSON.parse(r.content) : r.content) as Record<string, unknown>;
    if (r.direction === 'in') {
      return {
        id: r.id as string,
        direction: 'in',
        at: new Date(r.occurred_at as string),
        content: (content.content ?? {}) as Record<string, unknown>,
      };
    }
    const opts = (content.sendOptions ?? {}) as { messaging?: { kind?: string } };
    return {
      id: r.id as string,
      direction: 'out',
      at: new Date(r.created_at as string),
      by: String(r.dedupe_key).startsWith('out:staff:') ? 'staff' : 'bot',
      message: content.message as { type: string; payload: Record<string, unknown> },
      status: r.status as 'pending',
      error: (r.error as string | null) ?? null,
      notBefore: r.not_before ? new Date(r.not_before as string) : null,
      tagged: opts.messaging?.kind === 'MESSAGE_TAG',
    };
  });
}

export interface Activity {
  readonly id: string;
  readonly kind: 'note' | 'assigned' | 'unassigned' | 'label_corrected' | 'reply_sent';
  readonly userId: string;
  readonly userName: string;
  readonly body: string | null;
  readonly details: Record<string, unknown>;
  readonly at: Date;
}

export async function listActivity(db: Queryable, caseId: string): Promise<Activity[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT x.id::text AS id, x.kind, x.user_id::text AS user_id, u.display_name, x.body, x.details, x.created_at
     FROM inbox_case_activity x JOIN users u ON u.id = x.user_id WHERE x.case_id = $1 ORDER BY x.id`,
    [caseId],
  );
  return rows.map((r) => ({
    id: r.id as string,
    kind: r.kind as Activity['kind'],
    userId: r.user_id as string,
    userName: r.display_name as string,
    body: (r.body as string | null) ?? null,
    details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
    at: new Date(r.created_at as string),
  }));
}

export async function assignee(db: Queryable, caseId: string): Promise<{ id: string; name: string } | null> {
  const rows = await db.query<{ id: string; name: string }>(
    `SELECT u.id::text AS id, u.display_name AS name FROM case_assignments ca JOIN users u ON u.id = ca.user_id
     WHERE ca.case_id = $1`,
    [caseId],
  );
  return rows[0] ?? null;
}

export interface CannedAnswer {
  readonly id: string;
  readonly title: string;
  readonly body: string;
}

export async function listCanned(db: Queryable, scope: { kind: string; code: string }): Promise<CannedAnswer[]> {
  return db.query<CannedAnswer>(
    `SELECT id::text AS id, title, body FROM canned_answers WHERE active AND scope_kind = $1 AND scope_code = $2
     ORDER BY title, id`,
    [scope.kind, scope.code],
  );
}

/** What the access rules need to know about conversations: their channel's unit and their cases. */
export async function conversationScopes(db: Queryable, ids: readonly string[]): Promise<Map<string, ConversationScopeFacts>> {
  const wanted = ids.filter((id) => /^\d{1,18}$/.test(id));
  const out = new Map<string, ConversationScopeFacts>();
  if (wanted.length === 0) return out;
  const rows = await db.query<{
    id: string;
    scope_kind: Unit['kind'];
    scope_code: string;
    kind: Unit['kind'] | null;
    code: string | null;
    province_code: string | null;
    commune_code: string | null;
    identity_protected: boolean | null;
    reporter_guard: boolean;
  }>(
    `SELECT v.id::text AS id, a.scope_kind, a.scope_code, c.routed_to_kind AS kind, c.routed_to_code AS code,
       c.province_code, c.commune_code, c.identity_protected, v.reporter_guard
     FROM conversations v JOIN channel_accounts a ON a.id = v.channel_account_id
     LEFT JOIN cases c ON c.conversation_id = v.id
     WHERE v.id = ANY($1::bigint[]) ORDER BY v.id, c.id`,
    [wanted],
  );
  for (const r of rows) {
    const f = out.get(r.id) ?? { channelUnit: { kind: r.scope_kind, code: r.scope_code }, cases: [], reporterGuard: r.reporter_guard === true };
    const cases =
      r.kind === null || r.code === null
        ? f.cases
        : [
            ...f.cases,
            {
              routedTo: { kind: r.kind, code: r.code },
              provinceCode: r.province_code,
              communeCode: r.commune_code,
              identityProtected: r.identity_protected === true,
            },
          ];
    out.set(r.id, { channelUnit: f.channelUnit, cases, reporterGuard: f.reporterGuard });
  }
  return out;
}

export async function conversationScope(db: Queryable, id: string): Promise<ConversationScopeFacts | null> {
  return (await conversationScopes(db, [id])).get(id) ?? null;
}
