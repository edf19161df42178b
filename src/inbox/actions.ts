import { randomUUID } from 'node:crypto';
import {
  answerCase,
  type CaseRecord,
  changeCaseKind,
  KindChangeRefused,
  type CaseStatus,
  changeStatus,
  InvalidStatusTransition,
  recordAudit,
  relabelCase,
  reopenCase,
  TransferRefused,
  transferCase,
} from '../cases/index.ts';
import { isLabelId, recordCorrection } from '../classify/index.ts';
import type { Database, Queryable } from '../db/index.ts';
import { decideNotice, notifyCitizen } from '../notify/index.ts';
import type { Queues } from '../queue/index.ts';
import type { User } from '../users/index.ts';
import { InboxError } from './errors.ts';
import { type CaseChange, publishCaseChanged } from './events.ts';
import { canActOnCase, canActOnConversation, canManageCanned, canViewCase, isHandlingUnit } from './policy.ts';
import { conversationFacts, conversationScope, effectiveLabel, visibleCase } from './queries.ts';

/**
 * What staff do to a case. Every action checks the viewer's right on the server, runs in one
 * transaction with its audit entry, and then tells open inbox pages (`publish`).
 */

export interface ActionDeps {
  readonly db: Database;
  readonly queues: Queues;
  readonly publish: (change: CaseChange) => Promise<void>;
  /**
   * Re-plans a case's deadline jobs after its due date or route changed (the deadlines area's
   * `scheduleCaseDeadlines`); absent where no deadline scheduler runs.
   */
  readonly reschedule?: ((caseId: string) => Promise<unknown>) | undefined;
  /**
   * Past every chat window, a Zalo citizen who gave their phone is told of a signed letter by
   * ZNS template (a staff reply past the window is refused before it is written).
   */
  readonly phoneNotices?: boolean | undefined;
}

export function publisherFor(redis: Parameters<typeof publishCaseChanged>[0], prefix: string) {
  return (change: CaseChange) => publishCaseChanged(redis, prefix, change);
}

export function actorOf(user: User): string {
  return `user:${user.id}`;
}

function changeOf(c: CaseRecord, reason: string): CaseChange {
  return { caseId: c.id, routedTo: c.routedTo, provinceCode: c.provinceCode, reason };
}

/** The case if the user may act on it; otherwise the error the user is allowed to learn. */
export async function caseToActOn(db: Queryable, user: User, caseId: string): Promise<CaseRecord> {
  const c = await visibleCase(db, user, caseId);
  if (!c) throw new InboxError('CB_ERR_CASE_NOT_FOUND');
  if (!canActOnCase(user, c)) throw new InboxError('CB_ERR_FORBIDDEN', 'only the handling unit acts on a case');
  return c;
}

const STAFF_STATUSES: readonly CaseStatus[] = ['in_progress', 'closed', 'reopened'];

export async function setStatus(
  d: ActionDeps,
  user: User,
  caseId: string,
  status: string,
  note: string | null,
): Promise<CaseRecord> {
  if (!(STAFF_STATUSES as readonly string[]).includes(status)) {
    throw new InboxError('CB_ERR_INVALID_INPUT', 'status must be in_progress, closed or reopened (answer by replying)');
  }
  const c = await caseToActOn(d.db, user, caseId);
  const text = note?.trim() || null;
  if (status === 'reopened' && !text) throw new InboxError('CB_ERR_INVALID_INPUT', 'reopening needs a reason');
  const updated = await d.db
    .transaction(async (tx) => {
      const now = new Date();
      const out =
        status === 'reopened'
          ? await reopenCase(tx, c.id, text!, actorOf(user), now)
          : await changeStatus(tx, c.id, status as CaseStatus, actorOf(user), text, now);
      if (!out) throw new InvalidStatusTransition(c.status, 'reopened');
      await recordAudit(tx, {
        actor: actorOf(user),
        action: 'case.status_changed',
        entity: 'case',
        entityId: c.id,
        details: { from: c.status, to: status },
        at: now,
      });
      return out;
    })
    .catch(rethrowTransition);
  await d.reschedule?.(c.id);
  await d.publish(changeOf(updated, 'status'));
  return updated;
}

function rethrowTransition(err: unknown): never {
  if (err instanceof InvalidStatusTransition) {
    throw new InboxError('CB_ERR_INVALID_TRANSITION', err.message, { from: err.from, to: err.to });
  }
  throw err;
}

export type ReplyOutcome =
  | { readonly kind: 'queued'; readonly messageIds: readonly string[]; readonly tagged: boolean }
  | { readonly kind: 'call_citizen'; readonly reason: string };

/**
 * A staff member writes to the citizen. As the official answer it is recorded on the case
 * (the citizen can also read it with "tra cứu <code>") even when no platform window is open;
 * then staff are told to call. A chat line outside every window is refused before anything
 * is stored, so nothing pretends to have been sent.
 */
export async function replyToCitizen(
  d: ActionDeps,
  user: User,
  caseId: string,
  input: { text: string; asAnswer: boolean },
): Promise<{ case: CaseRecord; outcome: ReplyOutcome }> {
  const text = input.text.normalize('NFC').trim();
  if (!text || text.length > 4000) throw new InboxError('CB_ERR_INVALID_INPUT', 'reply text must be 1–4000 characters');
  const c = await caseToActOn(d.db, user, caseId);
  const conv = await conversationFacts(d.db, c.conversationId);
  if (!conv) throw new InboxError('CB_ERR_CASE_NOT_FOUND');
  // Handling this case does not reach the citizen when another of their cases protects them
  // from this unit: only the protected cases' handlers write into that conversation.
  const scope = await conversationScope(d.db, c.conversationId);
  if (!scope || !canActOnConversation(user, scope)) {
    throw new InboxError('CB_ERR_FORBIDDEN', 'the citizen of this case is protected from this unit by another of their cases');
  }
  const now = new Date();
  const decision = decideNotice({ platform: conv.platform, lastInboundAt: conv.lastInboundAt, now, author: 'staff' });
  if (!input.asAnswer && decision.kind === 'call_citizen') {
    throw new InboxError('CB_ERR_OUTSIDE_WINDOW', 'no platform window is open for this citizen', {
      reason: decision.reason,
    });
  }
  const causeKey = `staff:${randomUUID()}`;
  const result = await d.db
    .transaction(async (tx) => {
      let record = c;
      if (input.asAnswer) record = await answerCase(tx, c.id, text, actorOf(user), now);
      else if (c.status === 'new' || c.status === 'reopened') {
        record = await changeStatus(tx, c.id, 'in_progress', actorOf(user), null, now);
      }
      const outcome = await notifyCitizen(tx, {
        caseId: c.id,
        topic: input.asAnswer ? 'answer' : 'staff_message',
        causeKey,
        messages: () => [{ type: 'text', payload: { text } }],
        author: 'staff',
        actor: actorOf(user),
        now,
      });
      await tx.query(
        `INSERT INTO inbox_case_activity (case_id, user_id, kind, body, details) VALUES ($1, $2, 'reply_sent', $3, $4)`,
        [c.id, user.id, text, JSON.stringify({ asAnswer: input.asAnswer, outcome })],
      );
      await recordAudit(tx, {
        actor: actorOf(user),
        action: input.asAnswer ? 'case.answered' : 'case.staff_message',
        entity: 'case',
        entityId: c.id,
        details: { outcome: outcome.kind },
        at: now,
      });
      return { record, outcome };
    })
    .catch(rethrowTransition);
  if (result.outcome.kind === 'queued') await d.queues.enqueueOutbound(result.outcome.messageIds);
  if (result.record.status !== c.status) await d.reschedule?.(c.id);
  await d.publish(changeOf(result.record, 'reply'));
  const outcome: ReplyOutcome =
    result.outcome.kind === 'queued'
      ? {
          kind: 'queued',
          messageIds: result.outcome.messageIds,
          tagged: decision.kind === 'send' && decision.sendOptions.messaging?.kind === 'MESSAGE_TAG',
        }
      : { kind: 'call_citizen', reason: result.outcome.reason };
  return { case: result.record, outcome };
}

export async function addNote(d: ActionDeps, user: User, caseId: string, body: string): Promise<void> {
  const text = body.normalize('NFC').trim();
  if (!text || text.length > 4000) throw new InboxError('CB_ERR_INVALID_INPUT', 'a note must be 1–4000 characters');
  const c = await caseToActOn(d.db, user, caseId);
  await d.db.query(`INSERT INTO inbox_case_activity (case_id, user_id, kind, body) VALUES ($1, $2, 'note', $3)`, [
    c.id,
    user.id,
    text,
  ]);
  await d.publish(changeOf(c, 'note'));
}

/** Gives the case to a colleague of the handling unit (or to nobody when `assigneeId` is null). */
export async function assignCase(d: ActionDeps, user: User, caseId: string, assigneeId: string | null): Promise<void> {
  const c = await caseToActOn(d.db, user, caseId);
  await d.db.transaction(async (tx) => {
    if (assigneeId === null) {
      await tx.query('DELETE FROM case_assignments WHERE case_id = $1', [c.id]);
      await tx.query(`INSERT INTO inbox_case_activity (case_id, user_id, kind) VALUES ($1, $2, 'unassigned')`, [
        c.id,
        user.id,
      ]);
    } else {
      const target = await tx.query<{ id: string; role: string }>(
        `SELECT id::text AS id, role FROM users WHERE id = $1 AND active AND scope_kind = $2 AND scope_code = $3
           AND role <> 'admin'`,
        [/^\d+$/.test(assigneeId) ? assigneeId : '0', c.routedTo.kind, c.routedTo.code],
      );
      if (!target[0]) throw new InboxError('CB_ERR_INVALID_INPUT', 'the assignee must be active staff of the handling unit');
      await tx.query(
        `INSERT INTO case_assignments (case_id, user_id, assigned_by, assigned_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (case_id) DO UPDATE SET user_id = EXCLUDED.user_id, assigned_by = EXCLUDED.assigned_by,
           assigned_at = EXCLUDED.assigned_at`,
        [c.id, assigneeId, user.id],
      );
      await tx.query(
        `INSERT INTO inbox_case_activity (case_id, user_id, kind, details) VALUES ($1, $2, 'assigned', $3)`,
        [c.id, user.id, JSON.stringify({ assigneeId })],
      );
    }
    await recordAudit(tx, {
      actor: actorOf(user),
      action: 'case.assigned',
      entity: 'case',
      entityId: c.id,
      details: { assigneeId },
      at: new Date(),
    });
  });
  await d.publish(changeOf(c, 'assignment'));
}

/**
 * One-click correction of the classifier's label: stored for retraining (src/classify) and
 * written to the case, so every count from then on uses it. A case the classifier left `unknown` is
 * recorded with predicted label `khac`, the label the classifier gives what it cannot place.
 */
export async function correctLabel(d: ActionDeps, user: User, caseId: string, label: string): Promise<void> {
  if (!isLabelId(label)) throw new InboxError('CB_ERR_INVALID_INPUT', 'unknown label');
  const c = await caseToActOn(d.db, user, caseId);
  const current = await effectiveLabel(d.db, c.id);
  if (current === label) return;
  await d.db.transaction(async (tx) => {
    await recordCorrection(tx, {
      caseId: c.id,
      text: c.description,
      predictedLabel: isLabelId(c.label) ? c.label : 'khac',
      correctedLabel: label,
      targetsLeader: c.targetsLeader,
      correctedBy: actorOf(user),
    });
    await relabelCase(tx, c.id, label);
    await tx.query(
      `INSERT INTO inbox_case_activity (case_id, user_id, kind, details) VALUES ($1, $2, 'label_corrected', $3)`,
      [c.id, user.id, JSON.stringify({ from: current, to: label })],
    );
    await recordAudit(tx, {
      actor: actorOf(user),
      action: 'case.label_corrected',
      entity: 'case',
      entityId: c.id,
      details: { from: current, to: label },
      at: new Date(),
    });
  });
  await d.publish(changeOf(c, 'label'));
}

/**
 * Staff say what the case is in law (phản ánh, khiếu nại, tố cáo, hỏi đáp, khen), with a
 * reason: audited in src/cases, and the deadlines are planned again from the receipt date.
 */
export async function changeKind(
  d: ActionDeps,
  user: User,
  caseId: string,
  input: { kind: string; reason: string },
): Promise<{ from: string; to: string; dueDate: string | null }> {
  const c = await caseToActOn(d.db, user, caseId);
  try {
    const out = await d.db.transaction((tx) => changeCaseKind(tx, c.id, { ...input, actor: actorOf(user) }));
    await d.reschedule?.(c.id);
    await d.publish(changeOf(c, 'kind'));
    return out;
  } catch (err) {
    if (err instanceof KindChangeRefused) throw new InboxError('CB_ERR_INVALID_INPUT', err.message, { reason: err.reason });
    throw err;
  }
}

export async function transfer(
  d: ActionDeps,
  user: User,
  caseId: string,
  toCommuneCode: string,
  reason: string,
): Promise<CaseRecord> {
  const c = await caseToActOn(d.db, user, caseId);
  try {
    const result = await d.db.transaction((tx) => transferCase(tx, c.id, { toCommuneCode, reason, actor: actorOf(user) }));
    await d.reschedule?.(c.id);
    await d.publish(changeOf(c, 'transfer'));
    await d.publish(changeOf(result.case, 'transfer'));
    return result.case;
  } catch (err) {
    if (err instanceof TransferRefused) throw new InboxError('CB_ERR_TRANSFER_REFUSED', err.message, { reason: err.reason });
    throw err;
  }
}

export async function createCanned(
  d: ActionDeps,
  user: User,
  input: { title: string; body: string },
): Promise<string> {
  if (!canManageCanned(user)) throw new InboxError('CB_ERR_FORBIDDEN');
  const title = input.title.normalize('NFC').trim();
  const body = input.body.normalize('NFC').trim();
  if (!title || title.length > 120 || !body || body.length > 4000) {
    throw new InboxError('CB_ERR_INVALID_INPUT', 'title 1–120 and text 1–4000 characters');
  }
  const rows = await d.db.query<{ id: string }>(
    `INSERT INTO canned_answers (scope_kind, scope_code, title, body, created_by) VALUES ($1, $2, $3, $4, $5)
     RETURNING id::text AS id`,
    [user.scope.kind, user.scope.code, title, body, user.id],
  );
  return rows[0]!.id;
}

export async function removeCanned(d: ActionDeps, user: User, id: string): Promise<void> {
  if (!canManageCanned(user)) throw new InboxError('CB_ERR_FORBIDDEN');
  const rows = await d.db.query(
    `UPDATE canned_answers SET active = false WHERE id = $1 AND scope_kind = $2 AND scope_code = $3 AND active
     RETURNING id`,
    [/^\d+$/.test(id) ? id : '0', user.scope.kind, user.scope.code],
  );
  if (rows.length === 0) throw new InboxError('CB_ERR_CASE_NOT_FOUND', 'no such canned answer');
}

/** Records that a user saw a citizen's personal data (Luật 91/2025: accountability of access). */
export async function auditPersonalDataView(
  db: Queryable,
  user: User,
  c: CaseRecord,
  fields: readonly string[],
  via: 'page' | 'api',
  ip: string | undefined,
): Promise<void> {
  await recordAudit(db, {
    actor: actorOf(user),
    action: 'personal_data.viewed',
    entity: 'case',
    entityId: c.id,
    details: { fields, via, ip: ip ?? null, handlingUnit: isHandlingUnit(user, c), visible: canViewCase(user, c) },
    at: new Date(),
  });
}
