import { z } from 'zod';
import { recordAudit, recordCaseEvent } from '../cases/index.ts';
import { type OutboundMessage, validateOutbound } from '../channels/types.ts';
import type { Queryable } from '../db/index.ts';
import { type Locale, t } from '../i18n/index.ts';
import { addOutbound } from '../messaging/index.ts';
import { type CallReason, caseConversation, decideNotice } from '../notify/index.ts';

/**
 * One-tap satisfaction after an answer (1–5 on attitude, timeliness and outcome, after the
 * SIPAS factors; our numbers are not SIPAS). The questions come one at a time — a platform
 * shows the quick replies of the latest message only — each tap answering with the next.
 */

export const DIMENSIONS = ['attitude', 'timeliness', 'outcome'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Score = 1 | 2 | 3 | 4 | 5;

export interface RatingTap {
  readonly caseId: string;
  readonly dimension: Dimension;
  readonly score: Score;
}

const PAYLOAD = /^rate:(\d{1,18}):(attitude|timeliness|outcome):([1-5])$/;

/** `rate:<caseId>:<dimension>:<1-5>` → the tap; anything else → null. */
export function parseRatingPayload(payload: string): RatingTap | null {
  const m = PAYLOAD.exec(payload.trim());
  if (!m) return null;
  return { caseId: m[1]!, dimension: m[2] as Dimension, score: Number(m[3]) as Score };
}

export function ratingPayload(tap: RatingTap): string {
  return `rate:${tap.caseId}:${tap.dimension}:${tap.score}`;
}

function question(caseId: string, dimension: Dimension, locale: Locale): OutboundMessage {
  // Ascending, so that where choices are shown as numbered text, typing "5" means five.
  const scores: Score[] = [1, 2, 3, 4, 5];
  return validateOutbound({
    type: 'choice',
    payload: {
      text: t(locale, `satisfaction.question.${dimension}`),
      options: scores.map((score) => ({
        label: t(locale, `satisfaction.score.${score}`),
        value: ratingPayload({ caseId, dimension, score }),
      })),
    },
  });
}

/** The opening of the survey: a thank-you and the first question. */
export function satisfactionPrompt(caseId: string, locale: Locale): OutboundMessage[] {
  return [
    validateOutbound({ type: 'text', payload: { text: t(locale, 'satisfaction.intro') } }),
    question(caseId, DIMENSIONS[0], locale),
  ];
}

/** Stores a score (a second tap on the same question replaces the first; both are in the history). */
export async function recordRating(
  tx: Queryable,
  caseId: string,
  dimension: Dimension,
  score: Score,
  at: Date = new Date(),
): Promise<void> {
  if (!DIMENSIONS.includes(dimension)) throw new RangeError(`unknown dimension ${dimension}`);
  if (!Number.isInteger(score) || score < 1 || score > 5) throw new RangeError(`score must be 1–5, got ${score}`);
  await tx.query(
    `INSERT INTO satisfaction_ratings (case_id, dimension, score, rated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (case_id, dimension) DO UPDATE SET score = EXCLUDED.score, rated_at = EXCLUDED.rated_at`,
    [caseId, dimension, score, at],
  );
  await recordCaseEvent(tx, caseId, 'rated', 'citizen', at, { dimension, score });
  await recordAudit(tx, { actor: 'citizen', action: 'rating.record', entity: 'rating', entityId: caseId, details: { dimension, score }, at });
}

const ratingRow = z.object({ dimension: z.enum(DIMENSIONS), score: z.coerce.number().int().min(1).max(5) });

export async function getRatings(db: Queryable, caseId: string): Promise<Partial<Record<Dimension, Score>>> {
  const rows = await db.query('SELECT dimension, score FROM satisfaction_ratings WHERE case_id = $1', [caseId]);
  const out: Partial<Record<Dimension, Score>> = {};
  for (const raw of rows) {
    const r = ratingRow.parse(raw);
    out[r.dimension] = r.score as Score;
  }
  return out;
}

/** What the conversation knows when a tap arrives (the worker's TurnContext fits). */
export interface RatingContext {
  /** The conversation id. */
  readonly id: string;
  readonly locale: Locale;
}

export type RatingReply =
  | { readonly handled: false }
  | { readonly handled: true; readonly replies: OutboundMessage[]; readonly recorded: RatingTap | null };

/**
 * Handles a `rate:` postback: records it when the case is this conversation's and answered,
 * then asks the next question or thanks. Not a rating payload → `handled: false`. A case of
 * another conversation gets the same words as a case that cannot be rated yet.
 */
export async function handleRatingPostback(
  tx: Queryable,
  ctx: RatingContext,
  payload: string,
  now: Date = new Date(),
): Promise<RatingReply> {
  const tap = parseRatingPayload(payload);
  if (!tap) return { handled: false };
  const rows = await tx.query<{ status: string }>(
    'SELECT status FROM cases WHERE id = $1 AND conversation_id = $2 FOR UPDATE',
    [tap.caseId, ctx.id],
  );
  const status = rows[0]?.status;
  if (status !== 'answered' && status !== 'closed') {
    const text = t(ctx.locale, 'satisfaction.not_available');
    return { handled: true, recorded: null, replies: [validateOutbound({ type: 'text', payload: { text } })] };
  }
  await recordRating(tx, tap.caseId, tap.dimension, tap.score, now);
  const rated = await getRatings(tx, tap.caseId);
  const next = DIMENSIONS.slice(DIMENSIONS.indexOf(tap.dimension) + 1).find((d) => rated[d] === undefined);
  const replies = next
    ? [question(tap.caseId, next, ctx.locale)]
    : [validateOutbound({ type: 'text', payload: { text: t(ctx.locale, 'satisfaction.thanks') } })];
  return { handled: true, recorded: tap, replies };
}

export type AskOutcome =
  | { readonly kind: 'queued'; readonly messageIds: readonly string[] }
  /** No platform window allows an automatic message: nobody is asked (no call for a survey). */
  | { readonly kind: 'skipped'; readonly reason: CallReason };

/**
 * Asks the citizen of an answered case to rate it, within the platform's automatic-message
 * window. Enqueue the returned ids (Queues.enqueueOutbound) after the transaction commits.
 */
export async function askForSatisfaction(tx: Queryable, caseId: string, now: Date = new Date()): Promise<AskOutcome> {
  const conv = await caseConversation(tx, caseId);
  if (!conv) throw new Error(`no conversation for case ${caseId}`);
  const decision = decideNotice({ platform: conv.platform, lastInboundAt: conv.lastInboundAt, now, author: 'system' });
  if (decision.kind === 'call_citizen') return { kind: 'skipped', reason: decision.reason };
  const messageIds = await addOutbound(
    tx,
    conv.conversationId,
    `rate-ask:${caseId}`,
    satisfactionPrompt(caseId, conv.locale),
    { ...decision.sendOptions, locale: conv.locale },
  );
  if (messageIds.length) await recordCaseEvent(tx, caseId, 'rating_requested', 'system', now, { messageIds });
  return { kind: 'queued', messageIds };
}

export interface SatisfactionSummary {
  /** Cases with at least one score. */
  readonly ratedCases: number;
  readonly byDimension: Readonly<Record<Dimension, { readonly count: number; readonly average: number | null; readonly satisfied: number }>>;
}

/** Scores given in [from, to) for the cases of a commune, a province or all (weekly digest). */
export async function satisfactionSummary(
  db: Queryable,
  q: { scope: { kind: 'all' } | { kind: 'commune' | 'province'; code: string }; from: Date; to: Date },
): Promise<SatisfactionSummary> {
  const scopeSql =
    q.scope.kind === 'all' ? 'TRUE' : q.scope.kind === 'commune' ? 'c.commune_code = $3' : 'c.province_code = $3';
  const params: unknown[] = [q.from, q.to];
  if (q.scope.kind !== 'all') params.push(q.scope.code);
  const rows = await db.query<{ dimension: Dimension; n: string | number; avg: string | number | null; satisfied: string | number; cases: string | number }>(
    `SELECT r.dimension, count(*) AS n, avg(r.score)::float8 AS avg, count(*) FILTER (WHERE r.score >= 4) AS satisfied,
       (SELECT count(DISTINCT r2.case_id) FROM satisfaction_ratings r2 JOIN cases c ON c.id = r2.case_id
        WHERE ${scopeSql} AND r2.rated_at >= $1 AND r2.rated_at < $2) AS cases
     FROM satisfaction_ratings r JOIN cases c ON c.id = r.case_id
     WHERE ${scopeSql} AND r.rated_at >= $1 AND r.rated_at < $2
     GROUP BY r.dimension`,
    params,
  );
  const by = Object.fromEntries(DIMENSIONS.map((d) => [d, { count: 0, average: null as number | null, satisfied: 0 }])) as Record<
    Dimension,
    { count: number; average: number | null; satisfied: number }
  >;
  let ratedCases = 0;
  for (const r of rows) {
    by[r.dimension] = { count: Number(r.n), average: r.avg === null ? null : Number(r.avg), satisfied: Number(r.satisfied) };
    ratedCases = Number(r.cases);
  }
  return { ratedCases, byDimension: by };
}
