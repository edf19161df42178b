import { DelayedError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { validateOutbound } from '../channels/types.ts';
import type { Database, Queryable } from '../db/index.ts';
import {
  addOutbound,
  type ConversationRow,
  loadConversation,
  markProcessed,
  nextUnprocessed,
  pendingOutbound,
  saveConversation,
} from '../messaging/index.ts';
import { releaseHeldNotices } from '../notify/index.ts';
import type { Logger } from '../observability/index.ts';
import { contactRedactor, ERASED_MARK, redactDeep } from '../privacy/index.ts';
import type { CitizenRef } from './payloads.ts';
import type { Queues } from './queues.ts';
import { tryLock } from '../locks/index.ts';
import type { Responder, TurnContext, TurnOutcome } from './responder.ts';

/** The name under which the responder hears that staff ended a hand-off (see the engine). */
const END_HANDOFF = 'end_handoff';

/** How soon a job that found its conversation busy looks again. */
const BUSY_RETRY_MS = 150;

export interface RunnerDeps {
  readonly db: Database;
  readonly redis: Redis;
  readonly queues: Queues;
  readonly responder: Responder;
  readonly log: Logger;
  readonly lockPrefix: string;
  /** A crashed holder blocks its conversation for at most this long. */
  readonly lockTtlMs: number;
  readonly onCaseCreated?: (c: { id: string; code: string }) => Promise<void>;
}

function contextOf(conv: ConversationRow): TurnContext {
  return {
    id: conv.id,
    locale: conv.locale,
    state: conv.state,
    platform: conv.platform,
    accountScope: conv.accountScope,
    userRef: conv.userRef,
  };
}

interface Committed {
  readonly outboundIds: string[];
  readonly timer: { token: string; name: string; afterMs: number } | null;
  readonly caseCreated: { id: string; code: string } | undefined;
  readonly erased: { readonly citizen: CitizenRef; readonly names: readonly string[]; readonly phones: readonly string[] } | undefined;
}

/**
 * Runs a conversation's turns one at a time, in the order the citizen acted. Holding a Redis
 * lock per conversation keeps two workers (or two processes) off the same conversation, while
 * different conversations run side by side.
 */
export class ConversationRunner {
  readonly #d: RunnerDeps;

  constructor(deps: RunnerDeps) {
    this.#d = deps;
  }

  /** Handles every stored, unhandled message of the conversation. */
  async drain(conversationId: string, job: Job, token: string | undefined): Promise<number> {
    return this.#withLock(conversationId, job, token, async () => {
      let handled = 0;
      for (;;) {
        const done = await this.#d.db.transaction((tx) => this.#handleNext(tx, conversationId));
        if (!done) break;
        handled++;
        await this.#afterCommit(conversationId, done);
      }
      // Replies committed by a process that died before enqueueing them.
      await this.#d.queues.enqueueOutbound(await pendingOutbound(this.#d.db, { conversationId }));
      return handled;
    });
  }

  /** Fires an inactivity timer unless a newer turn has replaced it. */
  async fireTimer(conversationId: string, timerToken: string, name: string, job: Job, token: string | undefined) {
    return this.#withLock(conversationId, job, token, async () => {
      const done = await this.#d.db.transaction(async (tx) => {
        const conv = await loadConversation(tx, conversationId, { forUpdate: true });
        if (!conv || conv.timerToken !== timerToken) return null;
        const outcome = await this.#d.responder.handleTimer(tx, contextOf(conv), name);
        return this.#commitTurn(tx, conv, outcome, `timer:${timerToken}`, undefined);
      });
      if (done) await this.#afterCommit(conversationId, done);
      return done !== null;
    });
  }

  /**
   * Staff ended a hand-off: the bot takes the conversation back (and says so) if the citizen
   * is still waiting for a person. A retried job finds the hand-off over and says nothing.
   */
  async endHandoff(conversationId: string, requestId: string, job: Job, token: string | undefined) {
    return this.#withLock(conversationId, job, token, async () => {
      const done = await this.#d.db.transaction(async (tx) => {
        const conv = await loadConversation(tx, conversationId, { forUpdate: true });
        if (!conv) return null;
        const outcome = await this.#d.responder.handleTimer(tx, contextOf(conv), END_HANDOFF);
        return this.#commitTurn(tx, conv, outcome, `end-handoff:${requestId}`, undefined);
      });
      if (done) await this.#afterCommit(conversationId, done);
      return done !== null;
    });
  }

  async #handleNext(tx: Queryable, conversationId: string): Promise<Committed | null> {
    const msg = await nextUnprocessed(tx, conversationId);
    if (!msg) return null;
    const conv = await loadConversation(tx, conversationId, { forUpdate: true });
    if (!conv) return null;
    // Notices held while no window was open go out now, ahead of the bot's answer and in the
    // same transaction as this turn: a turn handled once releases them once. Leaving the OA is
    // the one thing a citizen does that opens no window.
    const released =
      msg.event.content.type === 'unfollow' ? [] : await releaseHeldNotices(tx, conversationId, msg.id, new Date());
    const outcome = await this.#d.responder.handle(tx, contextOf(conv), msg.event);
    await markProcessed(tx, msg.id);
    const done = await this.#commitTurn(tx, conv, outcome, `in:${msg.id}`, new Date(msg.event.timestamp));
    return { ...done, outboundIds: [...released, ...done.outboundIds] };
  }

  async #commitTurn(
    tx: Queryable,
    conv: ConversationRow,
    outcome: TurnOutcome,
    causeKey: string,
    inboundAt: Date | undefined,
  ): Promise<Committed> {
    const timer = outcome.timer ? { ...outcome.timer, token: causeKey.replace(/:/g, '') } : null;
    await saveConversation(tx, conv.id, {
      state: outcome.state,
      locale: outcome.locale,
      timerToken: timer?.token ?? null,
      guardsReporter: outcome.guardsReporter === true,
      ...(inboundAt ? { inboundAt } : {}),
    });
    const replies = outcome.replies.map((r) => validateOutbound(r));
    // The channel adds a few words of its own ("reply with the number") in the citizen's language.
    const outboundIds = await addOutbound(tx, conv.id, causeKey, replies, { locale: outcome.locale });
    const citizen = { platform: conv.platform, accountRef: conv.accountExternalId, userRef: conv.userRef };
    return { outboundIds, timer, caseCreated: outcome.caseCreated, erased: outcome.erased ? { citizen, ...outcome.erased } : undefined };
  }

  async #afterCommit(conversationId: string, done: Committed): Promise<void> {
    await this.#d.queues.enqueueOutbound(done.outboundIds);
    if (done.timer) {
      await this.#d.queues.scheduleTimer(
        { conversationId, token: done.timer.token, name: done.timer.name },
        done.timer.afterMs,
      );
    }
    if (done.caseCreated && this.#d.onCaseCreated) await this.#d.onCaseCreated(done.caseCreated);
    if (done.erased) {
      // What the citizen sent that no worker has stored yet is erased where it waits.
      const redact = contactRedactor(done.erased, ERASED_MARK, { givenNames: false });
      await this.#d.queues.payloads.redactPending(done.erased.citizen, (event) => redactDeep(event, redact));
    }
  }

  async #withLock<T>(conversationId: string, job: Job, token: string | undefined, fn: () => Promise<T>): Promise<T> {
    const ttl = this.#d.lockTtlMs;
    const lock = await tryLock(this.#d.redis, `${this.#d.lockPrefix}:lock:conversation:${conversationId}`, ttl);
    if (!lock) {
      // Another worker is on this conversation; it may finish before seeing our message, so
      // look again shortly rather than drop the job. Delays do not spend attempts.
      await job.moveToDelayed(Date.now() + BUSY_RETRY_MS, token);
      throw new DelayedError();
    }
    const keepAlive = setInterval(() => void lock.extend(ttl).catch(() => {}), ttl / 3);
    try {
      return await fn();
    } finally {
      clearInterval(keepAlive);
      await lock.release().catch((err: unknown) => this.#d.log.warn({ err }, 'conversation lock release failed'));
    }
  }
}
