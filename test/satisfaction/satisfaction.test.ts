import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCase, type CaseRecord, listCaseEvents } from '../../src/cases/index.ts';
import type { OutboundMessage } from '../../src/channels/index.ts';
import { t as tr } from '../../src/i18n/index.ts';
import {
  askForSatisfaction,
  getRatings,
  handleRatingPostback,
  parseRatingPayload,
  recordRating,
  satisfactionPrompt,
  satisfactionSummary,
} from '../../src/satisfaction/index.ts';
import { conversation, newCase } from '../routing/fixtures.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';

const ANSWERED_AT = new Date('2026-12-01T03:00:00Z');
const HOUR = 3_600_000;

function choice(m: OutboundMessage | undefined): { text: string; options: { label: string; value: string }[] } {
  if (m?.type !== 'choice') throw new Error(`expected a choice, got ${m?.type}`);
  return m.payload as { text: string; options: { label: string; value: string }[] };
}

function text(m: OutboundMessage | undefined): string {
  if (m?.type !== 'text') throw new Error(`expected a text, got ${m?.type}`);
  return (m.payload as { text: string }).text;
}

describe('rating payloads and prompt', () => {
  it('parses exactly rate:<case>:<dimension>:<1-5>', () => {
    expect(parseRatingPayload('rate:42:attitude:5')).toEqual({ caseId: '42', dimension: 'attitude', score: 5 });
    expect(parseRatingPayload(' rate:7:outcome:1 ')).toEqual({ caseId: '7', dimension: 'outcome', score: 1 });
    for (const bad of ['rate:42:attitude:0', 'rate:42:attitude:6', 'rate:42:speed:3', 'rate:x:attitude:3', 'rate:42:attitude:3:1', 'help']) {
      expect(parseRatingPayload(bad), bad).toBeNull();
    }
  });

  it.each(['vi', 'en'] as const)('asks the first question with five one-tap choices that fit a quick reply (%s)', (locale) => {
    const [intro, first, ...rest] = satisfactionPrompt('42', locale);
    expect(text(intro)).toBe(tr(locale, 'satisfaction.intro'));
    expect(rest).toHaveLength(0);
    const q = choice(first);
    expect(q.text).toBe(tr(locale, 'satisfaction.question.attitude'));
    expect(q.options.map((o) => o.value)).toEqual([1, 2, 3, 4, 5].map((n) => `rate:42:attitude:${n}`));
    // Messenger quick-reply titles are cut at 20 characters.
    for (const o of q.options) expect(o.label.length).toBeLessThanOrEqual(20);
  });
});

describe.each(DB_KINDS)('satisfaction ratings on %s', (kind) => {
  let t: TestDatabase;
  let conv: string;
  let answered: CaseRecord;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    conv = await conversation(t.db, { platform: 'zalo', lastInboundAt: new Date(ANSWERED_AT.getTime() - 2 * HOUR) });
    answered = await newCase(t.db, conv);
    await t.db.transaction((tx) => answerCase(tx, answered.id, 'Đã chấn chỉnh cán bộ.', 'staff:lan', ANSWERED_AT));
  });
  afterAll(() => t.drop());

  const tap = (payload: string, conversationId = conv) =>
    t.db.transaction((tx) => handleRatingPostback(tx, { id: conversationId, locale: 'vi' }, payload, ANSWERED_AT));

  it('asks after the answer within the platform window, once', async () => {
    const asked = await t.db.transaction((tx) => askForSatisfaction(tx, answered.id, ANSWERED_AT));
    expect(asked.kind === 'queued' && asked.messageIds).toHaveLength(2);
    expect(await t.db.transaction((tx) => askForSatisfaction(tx, answered.id, ANSWERED_AT))).toEqual({ kind: 'queued', messageIds: [] });
    expect((await listCaseEvents(t.db, answered.id)).filter((e) => e.kind === 'rating_requested')).toHaveLength(1);
  });

  it('does not ask (nor ask staff to call) when no window allows an automatic message', async () => {
    const old = await conversation(t.db, { platform: 'messenger', lastInboundAt: new Date(ANSWERED_AT.getTime() - 30 * HOUR) });
    const c = await newCase(t.db, old);
    await t.db.transaction((tx) => answerCase(tx, c.id, 'Đã xử lý.', 'staff:lan', ANSWERED_AT));
    expect(await t.db.transaction((tx) => askForSatisfaction(tx, c.id, ANSWERED_AT))).toEqual({
      kind: 'skipped',
      reason: 'messenger_window_closed',
    });
    expect((await listCaseEvents(t.db, c.id)).map((e) => e.kind)).toEqual(['created', 'answered']);
  });

  it('records one tap per question and asks the next, then thanks', async () => {
    const a = await tap(`rate:${answered.id}:attitude:4`);
    expect(a.handled && a.recorded).toEqual({ caseId: answered.id, dimension: 'attitude', score: 4 });
    expect(a.handled && choice(a.replies[0]).options[4]!.value).toBe(`rate:${answered.id}:timeliness:5`);
    const b = await tap(`rate:${answered.id}:timeliness:2`);
    expect(b.handled && choice(b.replies[0]).text).toBe(tr('vi', 'satisfaction.question.outcome'));
    const c = await tap(`rate:${answered.id}:outcome:5`);
    expect(c.handled && text(c.replies[0])).toBe(tr('vi', 'satisfaction.thanks'));
    expect(await getRatings(t.db, answered.id)).toEqual({ attitude: 4, timeliness: 2, outcome: 5 });
  });

  it('lets a second tap change a score, keeping both taps in the history', async () => {
    const again = await tap(`rate:${answered.id}:attitude:5`);
    expect(again.handled && text(again.replies[0])).toBe(tr('vi', 'satisfaction.thanks'));
    expect((await getRatings(t.db, answered.id)).attitude).toBe(5);
    const taps = (await listCaseEvents(t.db, answered.id)).filter((e) => e.kind === 'rated').map((e) => e.details);
    expect(taps).toEqual([
      { dimension: 'attitude', score: 4 },
      { dimension: 'timeliness', score: 2 },
      { dimension: 'outcome', score: 5 },
      { dimension: 'attitude', score: 5 },
    ]);
  });

  it('refuses a rating of another conversation’s case or of a case not yet answered, in the same words', async () => {
    const other = await conversation(t.db);
    const foreign = await tap(`rate:${answered.id}:attitude:1`, other);
    const open = await newCase(t.db, conv);
    const early = await tap(`rate:${open.id}:attitude:1`);
    for (const r of [foreign, early]) {
      expect(r.handled && r.recorded).toBeNull();
      expect(r.handled && text(r.replies[0])).toBe(tr('vi', 'satisfaction.not_available'));
    }
    expect(await getRatings(t.db, open.id)).toEqual({});
    expect((await getRatings(t.db, answered.id)).attitude).toBe(5);
  });

  it('leaves other postbacks to the conversation', async () => {
    expect(await tap('menu:lookup')).toEqual({ handled: false });
  });

  it('rejects impossible scores when called directly', async () => {
    await expect(t.db.transaction((tx) => recordRating(tx, answered.id, 'outcome', 9 as 5))).rejects.toThrow(RangeError);
  });

  it('summarises the week for the digest', async () => {
    const s = await satisfactionSummary(t.db, {
      scope: { kind: 'commune', code: answered.communeCode! },
      from: new Date('2026-11-30T00:00:00Z'),
      to: new Date('2026-12-07T00:00:00Z'),
    });
    expect(s).toEqual({
      ratedCases: 1,
      byDimension: {
        attitude: { count: 1, average: 5, satisfied: 1 },
        timeliness: { count: 1, average: 2, satisfied: 0 },
        outcome: { count: 1, average: 5, satisfied: 1 },
      },
    });
    const empty = await satisfactionSummary(t.db, {
      scope: { kind: 'province', code: '04' },
      from: new Date('2026-11-30T00:00:00Z'),
      to: new Date('2026-12-07T00:00:00Z'),
    });
    expect(empty.ratedCases).toBe(0);
    expect(empty.byDimension.outcome).toEqual({ count: 0, average: null, satisfied: 0 });
  });
});
