import { join } from 'node:path';
import type { ChannelEvent, EventContent, OutboundMessage, Platform } from '../../src/channels/types.ts';
import {
  type ClassificationLike,
  type ConversationContext,
  createEngine,
  type EngineDeps,
  loadFlows,
  type PlaceMatchLike,
  placeholderDueDate,
  type TurnResult,
} from '../../src/conversation/index.ts';
import { fold } from '../../src/conversation/index.ts';
import type { Locale } from '../../src/i18n/index.ts';
import type { TestDatabase } from '../support/db.ts';

export const FLOWS_DIR = join(import.meta.dirname, '..', '..', 'flows');

/** A handful of real units, enough to exercise every kind of directory answer. */
const COMMUNES = [
  { code: '26734', name: 'Phường Sài Gòn', provinceCode: '79', provinceName: 'Thành phố Hồ Chí Minh' },
  { code: '26740', name: 'Phường Tân Định', provinceCode: '79', provinceName: 'Thành phố Hồ Chí Minh' },
  { code: '00004', name: 'Phường Ba Đình', provinceCode: '01', provinceName: 'Thành phố Hà Nội' },
  { code: '27001', name: 'Xã Tân Phú', provinceCode: '79', provinceName: 'Thành phố Hồ Chí Minh' },
  { code: '26005', name: 'Xã Tân Phú', provinceCode: '75', provinceName: 'Tỉnh Đồng Nai' },
];
/** Pre-merger names and where they went. */
const FORMER: Record<string, { oldName: string; into: string[] }> = {
  'ben nghe': { oldName: 'Phường Bến Nghé', into: ['26734'] },
  'da kao': { oldName: 'Phường Đa Kao', into: ['26734', '26740'] },
};

function bare(text: string): string {
  return fold(text)
    .replace(/^(phuong|xa|p|x)\s+/, '')
    .replace(/\s+(tp hcm|ho chi minh|ha noi|dong nai)$/, '');
}

/** A small, deterministic stand-in for src/directory, behaving like its documented kinds. */
export const fakeDirectory: EngineDeps['directory'] = {
  matchPlace(text, opts): PlaceMatchLike {
    const q = bare(text);
    if (/^\d{5}$/.test(q)) {
      const c = COMMUNES.find((x) => x.code === q);
      return c ? { kind: 'unique', candidates: [{ commune: c, score: 1 }] } : { kind: 'none' };
    }
    const former = FORMER[q];
    if (former) {
      return {
        kind: 'merged',
        oldName: former.oldName,
        candidates: former.into.map((code) => ({ commune: COMMUNES.find((c) => c.code === code)!, score: 0.9 })),
      };
    }
    if (q === 'quan 1') return { kind: 'abolished', oldName: 'Quận 1', candidates: [] };
    const hits = COMMUNES.filter((c) => bare(c.name) === q).sort(
      (a, b) => Number(b.provinceCode === opts?.preferProvince) - Number(a.provinceCode === opts?.preferProvince),
    );
    if (hits.length === 1) return { kind: 'unique', candidates: [{ commune: hits[0]!, score: 1 }] };
    if (hits.length > 1) return { kind: 'ambiguous', candidates: hits.map((c) => ({ commune: c, score: 0.8 })) };
    return { kind: 'none' };
  },
};

export class Clock {
  t = new Date('2026-11-23T02:00:00Z'); // a Monday, 09:00 in Vietnam
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

/** The time-limit types the engine asked due dates for, in order. */
export const dueDateRequests: string[] = [];

export function makeDeps(clock: Clock, classify: EngineDeps['classify'] = () => null): EngineDeps {
  return {
    flows: loadFlows(FLOWS_DIR),
    directory: fakeDirectory,
    classify,
    dueDate(type, at) {
      dueDateRequests.push(type);
      return placeholderDueDate(type, at);
    },
    now: clock.now,
  };
}

/** Everything after "bôi trơn" is corruption; the rest is a conduct complaint. */
export function fakeClassifier(text: string): ClassificationLike {
  const f = fold(text);
  if (f.includes('cho hoi')) return { label: 'khac', labels: ['khac'], confidence: 0.9, targetsLeader: false, needsReview: false };
  const label = f.includes('boi tron') ? 'tham_nhung' : 'cua_quyen';
  return { label, labels: [label, 'tre_han'], confidence: 0.8, targetsLeader: false, needsReview: false };
}

export interface Account {
  id: string;
  platform: Platform;
  externalId: string;
  scope: { kind: 'commune' | 'province'; code: string };
}

export async function addAccount(
  t: TestDatabase,
  externalId: string,
  scope: Account['scope'],
  name: string | null,
  platform: Platform = 'zalo',
): Promise<Account> {
  const [row] = await t.db.query<{ id: string }>(
    `INSERT INTO channel_accounts (platform, external_id, scope_kind, scope_code, name) VALUES ($1, $2, $3, $4, $5)
     RETURNING id::text AS id`,
    [platform, externalId, scope.kind, scope.code, name],
  );
  return { id: row!.id, platform, externalId, scope };
}

/** Renders a reply as a person reads it; choices as the numbered list a plain channel shows. */
export function render(m: OutboundMessage): string {
  if (m.type === 'text') return m.payload.text;
  if (m.type === 'choice') return [m.payload.text, ...m.payload.options.map((o, i) => `${i + 1}. ${o.label}`)].join('\n');
  return JSON.stringify(m);
}

/**
 * One citizen in one chat, driven the way the worker will: load the conversation row, run the
 * engine in a transaction, store state and locale in the same transaction.
 */
export class Citizen {
  readonly results: TurnResult[] = [];
  private seq = 0;
  engine: ReturnType<typeof createEngine>;
  readonly t: TestDatabase;
  readonly account: Account;
  readonly userRef: string;
  constructor(t: TestDatabase, account: Account, userRef: string, deps: EngineDeps) {
    this.t = t;
    this.account = account;
    this.userRef = userRef;
    this.engine = createEngine(deps);
  }

  /** A fresh engine over the same database: what a process restart looks like to a conversation. */
  restart(deps: EngineDeps): void {
    this.engine = createEngine(deps);
  }

  async send(content: EventContent | string): Promise<TurnResult> {
    const c: EventContent = typeof content === 'string' ? { type: 'text', text: content } : content;
    const event: ChannelEvent = {
      platform: this.account.platform,
      accountRef: this.account.externalId,
      userRef: this.userRef,
      eventId: `${this.userRef}-${++this.seq}`,
      timestamp: 0,
      content: c,
    };
    return this.turn((tx, ctx) => this.engine.handle(tx, ctx, event));
  }

  timer(name: string): Promise<TurnResult> {
    return this.turn((tx, ctx) => this.engine.handleTimer(tx, ctx, name));
  }

  /** The replies of the last turn, as text. */
  said(): string {
    return this.results.at(-1)!.replies.map(render).join('\n---\n');
  }

  async conversationId(): Promise<string> {
    const [row] = await this.t.db.query<{ id: string }>(
      `INSERT INTO conversations (channel_account_id, user_ref) VALUES ($1, $2)
       ON CONFLICT (channel_account_id, user_ref) DO UPDATE SET updated_at = now() RETURNING id::text AS id`,
      [this.account.id, this.userRef],
    );
    return row!.id;
  }

  private async turn(
    run: (tx: Parameters<Parameters<TestDatabase['db']['transaction']>[0]>[0], ctx: ConversationContext) => Promise<TurnResult>,
  ): Promise<TurnResult> {
    const id = await this.conversationId();
    const result = await this.t.db.transaction(async (tx) => {
      const [row] = await tx.query<{ locale: string; state: unknown }>(
        'SELECT locale, state FROM conversations WHERE id = $1 FOR UPDATE',
        [id],
      );
      const ctx: ConversationContext = {
        id,
        locale: row!.locale as Locale,
        state: row!.state,
        platform: this.account.platform,
        accountScope: this.account.scope,
        userRef: this.userRef,
      };
      const r = await run(tx, ctx);
      await tx.query('UPDATE conversations SET state = $2, locale = $3 WHERE id = $1', [
        id,
        JSON.stringify(r.state),
        r.locale,
      ]);
      return r;
    });
    this.results.push(result);
    return result;
  }
}
