import {
  type CaseAttachment,
  type CaseEvent,
  type CaseRecord,
  listAttachments,
  listCaseEvents,
} from '../cases/index.ts';
import type { Queryable } from '../db/index.ts';
import {
  type CallReason,
  decideNotice,
  MESSENGER_HUMAN_AGENT_WINDOW_MS,
  MESSENGER_STANDARD_WINDOW_MS,
  ZALO_CS_WINDOW_MS,
} from '../notify/index.ts';
import { contactRedactor, redactDeep } from '../privacy/index.ts';
import { listUsers, type User } from '../users/index.ts';
import { auditPersonalDataView } from './actions.ts';
import { caseLetters, type LetterView } from './letters.ts';
import { canActOnCase, canDecideOnCase, canReadConversation, canReadNotes, canSeeReporter } from './policy.ts';
import {
  type Activity,
  assignee,
  type CannedAnswer,
  type ConversationLine,
  conversationFacts,
  conversationLines,
  conversationScope,
  effectiveLabel,
  listActivity,
  listCanned,
} from './queries.ts';
import { vietnamToday } from './today.ts';

/** Whether staff can write to the citizen now, and until when (CHANNELS.md B3 and C). */
export type ReplyWindow =
  | { readonly state: 'open'; readonly until: Date | null }
  | { readonly state: 'human_agent'; readonly until: Date }
  | { readonly state: 'closed'; readonly reason: CallReason; readonly phone: string | null };

export type ReporterView =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'protected' }
  | { readonly kind: 'identified'; readonly name: string; readonly phone: string | null };

export interface CaseView {
  readonly case: Omit<CaseRecord, 'reporter'> & { readonly reporter: ReporterView };
  readonly label: string;
  readonly overdue: boolean;
  readonly platform: string;
  readonly handoff: boolean;
  readonly window: ReplyWindow;
  /** null when hidden to protect the reporter of a denunciation. */
  readonly lines: readonly ConversationLine[] | null;
  readonly attachments: readonly CaseAttachment[];
  readonly events: readonly CaseEvent[];
  readonly activity: readonly Activity[];
  readonly assignee: { id: string; name: string } | null;
  readonly colleagues: readonly { id: string; name: string }[];
  readonly canned: readonly CannedAnswer[];
  /** Apology letters of the case, for its handling team only (a letter names the citizen). */
  readonly letters: readonly LetterView[];
  readonly can: { readonly act: boolean; readonly decide: boolean };
}

export function replyWindow(
  platform: string,
  lastInboundAt: Date | null,
  now: Date,
  phone: string | null,
): ReplyWindow {
  const d = decideNotice({ platform: platform as 'zalo', lastInboundAt, now, author: 'staff' });
  if (d.kind === 'call_citizen') return { state: 'closed', reason: d.reason, phone };
  if (d.sendOptions.messaging?.kind === 'MESSAGE_TAG') {
    return { state: 'human_agent', until: new Date(lastInboundAt!.getTime() + MESSENGER_HUMAN_AGENT_WINDOW_MS) };
  }
  if (lastInboundAt === null) return { state: 'open', until: null };
  const span = platform === 'messenger' ? MESSENGER_STANDARD_WINDOW_MS : platform === 'zalo' ? ZALO_CS_WINDOW_MS : null;
  return { state: 'open', until: span === null ? null : new Date(lastInboundAt.getTime() + span) };
}

/**
 * Everything the case page shows, already masked for this viewer; the view of personal data
 * it contains is written to the audit log here, so no caller can forget it.
 */
export async function loadCaseView(
  db: Queryable,
  user: User,
  c: CaseRecord,
  via: { channel: 'page' | 'api'; ip: string | undefined },
  now = new Date(),
): Promise<CaseView> {
  const seeReporter = canSeeReporter(user, c);
  const reporter: ReporterView =
    c.reporter.kind === 'anonymous'
      ? { kind: 'anonymous' }
      : seeReporter
        ? { kind: 'identified', name: c.reporter.name, phone: c.reporter.phone }
        : { kind: 'protected' };
  const conv = await conversationFacts(db, c.conversationId);
  const scope = await conversationScope(db, c.conversationId);
  const showConversation = scope !== null && canReadConversation(user, scope);
  const act = canActOnCase(user, c);
  const [lines, attachments, events, activity, who, label, colleagues, canned, letters] = await Promise.all([
    showConversation ? conversationLines(db, c.conversationId) : Promise.resolve(null),
    listAttachments(db, c.id),
    listCaseEvents(db, c.id),
    listActivity(db, c.id),
    assignee(db, c.id),
    effectiveLabel(db, c.id),
    act ? listUsers(db, { scope: c.routedTo, activeOnly: true }) : Promise.resolve([]),
    act ? listCanned(db, c.routedTo) : Promise.resolve([]),
    act ? caseLetters({ db }, c.id) : Promise.resolve([]),
  ]);
  const fields = ['description', 'attachments'];
  if (lines) fields.push('conversation');
  if (letters.length) fields.push('letter_recipient');
  if (reporter.kind === 'identified') fields.push('reporter_name', ...(reporter.phone ? ['reporter_phone'] : []));
  await auditPersonalDataView(db, user, c, fields, via.channel, via.ip);
  const phone = reporter.kind === 'identified' ? reporter.phone : null;
  // Outside the handling team: no internal notes; and a protected reporter's words (staff
  // replies greeting them) and any mention of their name or phone are masked everywhere.
  const shownActivity = activity
    .filter((a) => a.kind !== 'note' || canReadNotes(user, c))
    .map((a) => (a.kind === 'reply_sent' && !seeReporter ? { ...a, body: null } : a));
  const view: CaseView = {
    case: { ...c, reporter },
    label,
    overdue: ['new', 'in_progress', 'reopened'].includes(c.status) && c.dueDate !== null && c.dueDate < vietnamToday(now),
    platform: conv?.platform ?? 'local',
    // The chat's live state (a hand-off request, when the citizen last wrote) belongs to whoever
    // may read the chat: another case of the same citizen must not betray the protected one.
    handoff: showConversation && (conv?.handoff ?? false),
    window: replyWindow(conv?.platform ?? 'local', showConversation ? (conv?.lastInboundAt ?? null) : null, now, act ? phone : null),
    lines,
    attachments,
    events,
    activity: shownActivity,
    assignee: who,
    colleagues: colleagues.filter((u) => u.role !== 'admin').map((u) => ({ id: u.id, name: u.displayName })),
    canned,
    letters,
    can: { act, decide: canDecideOnCase(user, c) },
  };
  if (seeReporter || c.reporter.kind !== 'identified') return view;
  const mask = contactRedactor({ names: [c.reporter.name], phones: c.reporter.phone ? [c.reporter.phone] : [] }, MASK);
  return { ...redactDeep(view, mask), window: view.window, case: { ...redactDeep(view.case, mask), reporter } };
}

/** What a masked name or phone shows as. */
const MASK = '[…]';
