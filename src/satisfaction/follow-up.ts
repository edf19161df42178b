import { resolveNumberedReply } from '../channels/index.ts';
import type { OutboundMessage } from '../channels/types.ts';
import { reopenCase } from '../cases/index.ts';
import { fold } from '../conversation/index.ts';
import type { Queryable } from '../db/index.ts';
import { t } from '../i18n/index.ts';
import type { Responder, TurnContext, TurnOutcome } from '../queue/index.ts';
import { handleRatingPostback } from './ratings.ts';

/** What a citizen writes when an answer did not solve the problem (compared folded). */
const NOT_SOLVED = ['chua duoc giai quyet', 'chua giai quyet', 'van chua duoc xu ly', 'chua duoc xu ly', 'not resolved', 'not solved'];
/** An answer older than this is a new matter, not a reply to it. */
const FOLLOW_UP_DAYS = 30;

/**
 * What happens after staff answered a case, in front of the flow engine: one-tap ratings
 * (also typed as a number where a platform shows choices as numbered text), and reopening
 * when the citizen rates 1–2 or says the problem is not solved.
 */
export function withSatisfaction(inner: Responder, now: () => Date = () => new Date()): Responder {
  return {
    async handle(tx, ctx, event) {
      const payload =
        event.content.type === 'postback'
          ? event.content.payload
          : event.content.type === 'text'
            ? await typedRating(tx, ctx.id, event.content.text)
            : null;
      if (payload?.startsWith('rate:')) {
        const r = await handleRatingPostback(tx, { id: ctx.id, locale: ctx.locale }, payload, now());
        if (r.handled) {
          const replies = [...r.replies];
          if (r.recorded && r.recorded.score <= 2) replies.push(...(await reopen(tx, ctx, r.recorded.caseId, `rating ${r.recorded.dimension} ${r.recorded.score}/5`)));
          return keep(ctx, replies);
        }
      }
      if (event.content.type === 'text' && saysNotSolved(event.content.text)) {
        const caseId = await recentlyAnswered(tx, ctx.id, now());
        if (caseId) return keep(ctx, await reopen(tx, ctx, caseId, event.content.text));
      }
      return inner.handle(tx, ctx, event);
    },
    handleTimer: (tx, ctx, name) => inner.handleTimer(tx, ctx, name),
  };
}

function keep(ctx: TurnContext, replies: OutboundMessage[]): TurnOutcome {
  return { state: ctx.state, locale: ctx.locale, replies, timer: null };
}

function saysNotSolved(text: string): boolean {
  const folded = fold(text);
  return NOT_SOLVED.some((p) => folded.includes(p));
}

async function reopen(tx: Queryable, ctx: TurnContext, caseId: string, reason: string): Promise<OutboundMessage[]> {
  const reopened = await reopenCase(tx, caseId, reason);
  if (!reopened) return [];
  return [{ type: 'text', payload: { text: t(ctx.locale, 'satisfaction.reopened', { code: reopened.code }) } }];
}

/** A number typed in answer to our last message, when that message was a rating question. */
async function typedRating(tx: Queryable, conversationId: string, text: string): Promise<string | null> {
  const rows = await tx.query<{ content: { message: OutboundMessage } }>(
    "SELECT content FROM messages WHERE conversation_id = $1 AND direction = 'out' ORDER BY id DESC LIMIT 1",
    [conversationId],
  );
  const last = rows[0]?.content.message;
  if (last?.type !== 'choice') return null;
  const value = resolveNumberedReply(last, text);
  return value?.startsWith('rate:') ? value : null;
}

async function recentlyAnswered(tx: Queryable, conversationId: string, at: Date): Promise<string | null> {
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM cases
     WHERE conversation_id = $1 AND status IN ('answered', 'closed')
       AND answered_at >= $2::timestamptz - ($3::int * interval '1 day')
     ORDER BY answered_at DESC LIMIT 1`,
    [conversationId, at, FOLLOW_UP_DAYS],
  );
  return rows[0] ? String(rows[0].id) : null;
}
