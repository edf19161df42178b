import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ChannelEvent } from '../channels/types.ts';

/**
 * What a citizen wrote waits here, not in the job: BullMQ keeps finished jobs for days and its
 * dashboard shows their data, so an inbound job carries only the id of its event and the event
 * itself sits under its own Redis key until the worker has stored it in the database (then the
 * key is deleted). A key nobody takes (its job failed for good) expires after `KEEP_S`.
 *
 * Keys of one citizen are also listed together, so an erasure can reach a message still waiting.
 */

/** As long as a failed job is kept (JOB_DEFAULTS.removeOnFail): the payload must outlive its retries. */
const KEEP_S = 30 * 24 * 3600;

export interface CitizenRef {
  readonly platform: string;
  readonly accountRef: string;
  readonly userRef: string;
}

export interface EventRef {
  readonly platform: string;
  readonly accountRef: string;
  readonly eventId: string;
}

const refOf = (e: EventRef): string => JSON.stringify([e.platform, e.accountRef, e.eventId]);
const parseRef = (ref: string): EventRef => {
  const [platform, accountRef, eventId] = JSON.parse(ref) as [string, string, string];
  return { platform, accountRef, eventId };
};

export class EventPayloads {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = `${prefix}:inbound-payload:`;
  }

  /** Platform, account and event id: what an inbound job carries. */
  #key(e: EventRef): string {
    return `${this.#prefix}event:${e.platform}:${e.accountRef}:${e.eventId}`;
  }

  /** The platform's user id is not written in clear in a key name either. */
  #citizenKey(c: CitizenRef): string {
    return `${this.#prefix}citizen:${createHash('sha256').update(`${c.platform}\n${c.accountRef}\n${c.userRef}`).digest('hex')}`;
  }

  /** Stores the events atomically; resolves once Redis has them all. */
  async put(events: readonly ChannelEvent[]): Promise<void> {
    const m = this.#redis.multi();
    for (const e of events) {
      const citizen = this.#citizenKey(e);
      m.set(this.#key(e), JSON.stringify(e), 'EX', KEEP_S);
      m.sadd(citizen, refOf(e));
      m.expire(citizen, KEEP_S);
    }
    const results = await m.exec();
    const failed = results?.find(([err]) => err);
    if (!results || failed) throw failed?.[0] ?? new Error('redis refused the event payloads');
  }

  async get(ref: EventRef): Promise<ChannelEvent | null> {
    const raw = await this.#redis.get(this.#key(ref));
    return raw === null ? null : (JSON.parse(raw) as ChannelEvent);
  }

  /** The event is in the database now: its copy here goes. */
  async remove(event: ChannelEvent): Promise<void> {
    await this.#redis.multi().del(this.#key(event)).srem(this.#citizenKey(event), refOf(event)).exec();
  }

  /**
   * Rewrites this citizen's waiting events with `redact` (an erasure reaches what they sent
   * that no worker has stored yet); returns how many were waiting.
   */
  async redactPending(citizen: CitizenRef, redact: (event: ChannelEvent) => ChannelEvent): Promise<number> {
    const index = this.#citizenKey(citizen);
    const refs = await this.#redis.smembers(index);
    let waiting = 0;
    for (const ref of refs) {
      const key = this.#key(parseRef(ref));
      const raw = await this.#redis.get(key);
      if (raw === null) {
        await this.#redis.srem(index, ref);
        continue;
      }
      waiting++;
      // KEEPTTL: the rewritten copy expires when the original would have.
      await this.#redis.set(key, JSON.stringify(redact(JSON.parse(raw) as ChannelEvent)), 'KEEPTTL', 'XX');
    }
    return waiting;
  }
}
