import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCaseEvents } from '../../src/cases/index.ts';
import { createChannels, type SendOptions, validateOutbound } from '../../src/channels/index.ts';
import { loadOutbound } from '../../src/messaging/index.ts';
import { decideNotice, type NoticeContext, notifyCitizen } from '../../src/notify/index.ts';
import { config, MemoryTokenStore, messengerAccount, zaloAccount } from '../channels/helpers.ts';
import { conversation, newCase } from '../routing/fixtures.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';
import { testRedis } from '../support/redis.ts';

const HOUR = 3_600_000;
const now = new Date('2026-12-08T03:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('which message a platform window allows', () => {
  const decide = (c: Partial<NoticeContext>) =>
    decideNotice({ platform: 'messenger', lastInboundAt: ago(HOUR), now, author: 'system', ...c });

  it.each([
    ['messenger, 23 h, automatic', { lastInboundAt: ago(23 * HOUR) }, { kind: 'send', sendOptions: { messaging: { kind: 'RESPONSE' } } }],
    ['messenger, exactly 24 h, automatic', { lastInboundAt: ago(24 * HOUR) }, { kind: 'send', sendOptions: { messaging: { kind: 'RESPONSE' } } }],
    ['messenger, 25 h, automatic', { lastInboundAt: ago(25 * HOUR) }, { kind: 'call_citizen', reason: 'messenger_window_closed' }],
    [
      'messenger, 25 h, written by staff',
      { lastInboundAt: ago(25 * HOUR), author: 'staff' },
      { kind: 'send', sendOptions: { messaging: { kind: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' } } },
    ],
    [
      'messenger, 6 d 23 h, written by staff',
      { lastInboundAt: ago(167 * HOUR), author: 'staff' },
      { kind: 'send', sendOptions: { messaging: { kind: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' } } },
    ],
    ['messenger, 7 d 1 h, written by staff', { lastInboundAt: ago(169 * HOUR), author: 'staff' }, { kind: 'call_citizen', reason: 'messenger_window_closed' }],
    ['zalo, 6 d 23 h, automatic', { platform: 'zalo', lastInboundAt: ago(167 * HOUR) }, { kind: 'send', sendOptions: {} }],
    ['zalo, 7 d 1 h, written by staff', { platform: 'zalo', lastInboundAt: ago(169 * HOUR), author: 'staff' }, { kind: 'call_citizen', reason: 'zalo_window_closed' }],
    ['zalo, never wrote', { platform: 'zalo', lastInboundAt: null }, { kind: 'call_citizen', reason: 'never_wrote' }],
    ['local terminal, long ago', { platform: 'local', lastInboundAt: ago(1000 * HOUR) }, { kind: 'send', sendOptions: {} }],
  ] as const)('%s', (_name, ctx, expected) => {
    expect(decide(ctx as Partial<NoticeContext>)).toEqual(expected);
  });
});

describe.each(DB_KINDS)('notifying the citizen of a case on %s', (kind) => {
  let t: TestDatabase;
  const redis = testRedis();
  const clients = createChannels(config, { redis, tokens: new MemoryTokenStore(zaloAccount()) }).clients;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    nock.disableNetConnect();
  });
  afterAll(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await redis.quit();
    await t.drop();
  });

  const notice = (caseId: string, author: 'system' | 'staff' = 'system') => ({
    caseId,
    topic: 'letter_signed',
    causeKey: `test:${caseId}:${author}`,
    author,
    actor: 'system',
    now,
    messages: () => [validateOutbound({ type: 'text', payload: { text: 'Phiếu xin lỗi đã được ký.' } })],
  });

  async function outboxOf(conversationId: string): Promise<number> {
    const rows = await t.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM messages WHERE conversation_id = $1 AND direction = 'out'",
      [conversationId],
    );
    return Number(rows[0]!.n);
  }

  it('queues a Messenger RESPONSE within 24 h, once, and the Send API receives it as such', async () => {
    const conv = await conversation(t.db, { platform: 'messenger', lastInboundAt: ago(2 * HOUR) });
    const c = await newCase(t.db, conv);
    const out = await t.db.transaction((tx) => notifyCitizen(tx, notice(c.id)));
    expect(out.kind).toBe('queued');
    const again = await t.db.transaction((tx) => notifyCitizen(tx, notice(c.id)));
    expect(again).toEqual({ kind: 'queued', messageIds: [] });
    expect(await outboxOf(conv)).toBe(1);

    const row = await loadOutbound(t.db, out.kind === 'queued' ? out.messageIds[0]! : '');
    let body: Record<string, unknown> | undefined;
    nock(config.graphApiBase)
      .post('/v25.0/PAGE_ID/messages', (b: Record<string, unknown>) => {
        body = b;
        return true;
      })
      .query(true)
      .reply(200, { recipient_id: 'PSID', message_id: 'm_1' });
    await clients.messenger.send(messengerAccount(), row!.userRef, row!.message, row!.sendOptions as SendOptions);
    expect(body).toMatchObject({ messaging_type: 'RESPONSE', message: { text: 'Phiếu xin lỗi đã được ký.' } });
    const events = await listCaseEvents(t.db, c.id);
    expect(events.filter((e) => e.kind === 'citizen_notified').map((e) => e.details)).toEqual([
      { topic: 'letter_signed', causeKey: `test:${c.id}:system`, platform: 'messenger', messageIds: out.kind === 'queued' ? out.messageIds : [], messaging: { kind: 'RESPONSE' } },
    ]);
  });

  it('past 24 h on Messenger, a staff-written message goes under HUMAN_AGENT; an automatic one becomes a call', async () => {
    const conv = await conversation(t.db, { platform: 'messenger', lastInboundAt: ago(30 * HOUR) });
    const c = await newCase(t.db, conv);
    const auto = await t.db.transaction((tx) => notifyCitizen(tx, notice(c.id, 'system')));
    expect(auto).toEqual({ kind: 'call_citizen', reason: 'messenger_window_closed' });
    expect(await t.db.transaction((tx) => notifyCitizen(tx, notice(c.id, 'system')))).toEqual(auto);
    expect(await outboxOf(conv)).toBe(0);

    const staff = await t.db.transaction((tx) => notifyCitizen(tx, notice(c.id, 'staff')));
    expect(staff.kind).toBe('queued');
    const row = await loadOutbound(t.db, staff.kind === 'queued' ? staff.messageIds[0]! : '');
    let body: Record<string, unknown> | undefined;
    nock(config.graphApiBase)
      .post('/v25.0/PAGE_ID/messages', (b: Record<string, unknown>) => {
        body = b;
        return true;
      })
      .query(true)
      .reply(200, { recipient_id: 'PSID', message_id: 'm_2' });
    await clients.messenger.send(messengerAccount(), row!.userRef, row!.message, row!.sendOptions as SendOptions);
    expect(body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });

    const calls = (await listCaseEvents(t.db, c.id)).filter((e) => e.kind === 'call_citizen');
    expect(calls.map((e) => e.details)).toEqual([
      { topic: 'letter_signed', causeKey: `test:${c.id}:system`, reason: 'messenger_window_closed', platform: 'messenger', lastInboundAt: ago(30 * HOUR).toISOString() },
    ]);
  });

  it('sends a Zalo CS message within 7 days and asks staff to call after', async () => {
    const recent = await conversation(t.db, { platform: 'zalo', lastInboundAt: ago(6 * 24 * HOUR) });
    const c1 = await newCase(t.db, recent);
    const out = await t.db.transaction((tx) => notifyCitizen(tx, notice(c1.id)));
    expect(out.kind).toBe('queued');
    const row = await loadOutbound(t.db, out.kind === 'queued' ? out.messageIds[0]! : '');
    const cs = nock(config.zaloApiBase).post('/v3.0/oa/message/cs').reply(200, { error: 0, data: { message_id: 'z1' } });
    await clients.zalo.send(zaloAccount(), row!.userRef, row!.message, row!.sendOptions as SendOptions);
    expect(cs.isDone()).toBe(true);

    const old = await conversation(t.db, { platform: 'zalo', lastInboundAt: ago(8 * 24 * HOUR) });
    const c2 = await newCase(t.db, old);
    expect(await t.db.transaction((tx) => notifyCitizen(tx, notice(c2.id, 'staff')))).toEqual({
      kind: 'call_citizen',
      reason: 'zalo_window_closed',
    });
    expect(await outboxOf(old)).toBe(0);
    expect((await listCaseEvents(t.db, c2.id)).map((e) => e.kind)).toEqual(['created', 'call_citizen']);
  });
});
