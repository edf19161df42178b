import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCaseEvents } from '../../src/cases/index.ts';
import { ChannelSendError, createChannels, type SendOptions, validateOutbound } from '../../src/channels/index.ts';
import { loadOutbound } from '../../src/messaging/index.ts';
import { decideNotice, type NoticeContext, noticeNotDelivered, notifyCitizen, releaseHeldNotices, waitingNotices } from '../../src/notify/index.ts';
import { config, MemoryTokenStore, messengerAccount, zaloAccount } from '../channels/helpers.ts';
import { consent, conversation, newCase } from '../routing/fixtures.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';
import { testRedis } from '../support/redis.ts';
import { acceptOneZns } from '../support/zns.ts';

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

  async function inboundMessage(conversationId: string, eventId: string): Promise<string> {
    const [row] = await t.db.query<{ id: string }>(
      `INSERT INTO messages (conversation_id, direction, dedupe_key, content, status)
       VALUES ($1, 'in', $2, '{}', 'received') RETURNING id::text AS id`,
      [conversationId, `in:test:${eventId}:${conversationId}`],
    );
    return row!.id;
  }

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
      {
        topic: 'letter_signed',
        causeKey: `test:${c.id}:system`,
        reason: 'messenger_window_closed',
        platform: 'messenger',
        lastInboundAt: ago(30 * HOUR).toISOString(),
        held: true,
      },
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

  it('keeps a notice no window allows and releases it once, in order, on the next inbound message', async () => {
    const conv = await conversation(t.db, { platform: 'messenger', lastInboundAt: ago(30 * HOUR), locale: 'en' });
    const c = await newCase(t.db, conv, { locale: 'en' });
    const first = { ...notice(c.id), causeKey: `first:${c.id}`, messages: (l: string) => [text(`first (${l})`), text('first, part 2')] };
    const second = { ...notice(c.id), causeKey: `second:${c.id}`, topic: 'answer', messages: () => [text('second')] };
    expect((await t.db.transaction((tx) => notifyCitizen(tx, first))).kind).toBe('call_citizen');
    await t.db.transaction((tx) => notifyCitizen(tx, first));
    expect((await t.db.transaction((tx) => notifyCitizen(tx, second))).kind).toBe('call_citizen');
    expect(await outboxOf(conv)).toBe(0);
    expect((await waitingNotices(t.db, c.id)).map((w) => [w.topic, w.causeKey])).toEqual([
      ['letter_signed', `first:${c.id}`],
      ['answer', `second:${c.id}`],
    ]);

    const inbound = await inboundMessage(conv, 'm-next');
    const ids = await t.db.transaction((tx) => releaseHeldNotices(tx, conv, inbound, now));
    expect(ids).toHaveLength(3);
    const rows = await Promise.all(ids.map((id) => loadOutbound(t.db, id)));
    // Rendered in the citizen's language when held; a plain RESPONSE now that the citizen wrote.
    expect(rows.map((r) => [r!.message, r!.status, r!.sendOptions])).toEqual([
      [text('first (en)'), 'pending', { locale: 'en', messaging: { kind: 'RESPONSE' } }],
      [text('first, part 2'), 'pending', { locale: 'en', messaging: { kind: 'RESPONSE' } }],
      [text('second'), 'pending', { locale: 'en', messaging: { kind: 'RESPONSE' } }],
    ]);
    expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((a, b) => a - b));
    // A second turn (another message, or the same one replayed) finds nothing left to release.
    expect(await t.db.transaction((tx) => releaseHeldNotices(tx, conv, inbound, now))).toEqual([]);
    expect(await outboxOf(conv)).toBe(3);
    expect(await waitingNotices(t.db, c.id)).toEqual([]);
    const released = (await listCaseEvents(t.db, c.id)).filter((e) => e.kind === 'citizen_notified');
    expect(released.map((e) => e.details)).toEqual([
      { topic: 'letter_signed', causeKey: `first:${c.id}`, platform: 'messenger', messageIds: ids.slice(0, 2), released: true, heldAt: now.toISOString() },
      { topic: 'answer', causeKey: `second:${c.id}`, platform: 'messenger', messageIds: ids.slice(2), released: true, heldAt: now.toISOString() },
    ]);
    // The first outcome of a notice still stands when it is replayed after its release.
    expect(await t.db.transaction((tx) => notifyCitizen(tx, first))).toEqual({ kind: 'call_citizen', reason: 'messenger_window_closed' });
    expect(await outboxOf(conv)).toBe(3);
  });

  it('a release rolled back with its turn is released by the turn that commits', async () => {
    const conv = await conversation(t.db, { platform: 'zalo', lastInboundAt: ago(8 * 24 * HOUR) });
    const c = await newCase(t.db, conv);
    await t.db.transaction((tx) => notifyCitizen(tx, notice(c.id)));
    const inbound = await inboundMessage(conv, 'z-next');
    await expect(
      t.db.transaction(async (tx) => {
        await releaseHeldNotices(tx, conv, inbound, now);
        throw new Error('worker died mid-turn');
      }),
    ).rejects.toThrow('worker died');
    expect(await outboxOf(conv)).toBe(0);
    expect(await waitingNotices(t.db, c.id)).toHaveLength(1);
    const ids = await t.db.transaction((tx) => releaseHeldNotices(tx, conv, inbound, now));
    expect(ids).toHaveLength(1);
    expect((await loadOutbound(t.db, ids[0]!))!.sendOptions).toEqual({ locale: 'vi' });
  });

  it('two messages of one notice failing at once ask staff to call once, and a rolled-back failure asks nothing', async () => {
    const conv = await conversation(t.db, { platform: 'messenger', lastInboundAt: ago(HOUR) });
    const c = await newCase(t.db, conv);
    const out = await t.db.transaction((tx) =>
      notifyCitizen(tx, { ...notice(c.id), messages: () => [text('Phiếu xin lỗi đã được ký.'), text('Xin cảm ơn.')] }),
    );
    const ids = out.kind === 'queued' ? out.messageIds : [];
    expect(ids).toHaveLength(2);
    const calls = () => listCaseEvents(t.db, c.id).then((es) => es.filter((e) => e.kind === 'call_citizen'));

    await expect(
      t.db.transaction(async (tx) => {
        await noticeNotDelivered(tx, ids[0]!, 'blocked');
        throw new Error('worker died before commit');
      }),
    ).rejects.toThrow('worker died');
    expect(await calls()).toHaveLength(0);

    // The first failure stays uncommitted a while; the second arrives meanwhile (on PostgreSQL,
    // on another connection) and must wait for it rather than ask a second time.
    let firstAsked!: () => void;
    const asking = new Promise<void>((r) => {
      firstAsked = r;
    });
    const first = t.db.transaction(async (tx) => {
      const asked = await noticeNotDelivered(tx, ids[0]!, 'blocked');
      firstAsked();
      await new Promise((r) => setTimeout(r, 300));
      return asked;
    });
    await asking;
    const second = t.db.transaction((tx) => noticeNotDelivered(tx, ids[1]!, 'blocked'));
    expect(await Promise.all([first, second])).toEqual([true, false]);
    expect((await calls()).map((e) => e.details)).toEqual([
      expect.objectContaining({ causeKey: `test:${c.id}:system`, reason: 'not_delivered', platform: 'messenger', error: 'blocked' }),
    ]);
  });

  describe('by phone (ZNS) past the Zalo window', () => {
    const ZNS = 'https://business.zalo.test';
    const zns = createChannels({ ...config, zaloZns: { base: ZNS, templateId: '231633' } }, {
      redis,
      tokens: new MemoryTokenStore(zaloAccount()),
    }).clients.zalo;

    async function identifiedCase(phone: string | null) {
      const conv = await conversation(t.db, { platform: 'zalo', lastInboundAt: ago(8 * 24 * HOUR) });
      const consentId = await consent(t.db, conv);
      const c = await newCase(t.db, conv, { reporter: { kind: 'identified', name: 'Nguyễn Văn A', phone, consentId } });
      return { conv, c };
    }

    it('sends the approved template to the consented phone: case code and status, never the complaint', async () => {
      const { conv, c } = await identifiedCase('0901234567');
      const out = await t.db.transaction((tx) => notifyCitizen(tx, { ...notice(c.id), topic: 'answer' }, { phoneNotices: true }));
      expect(out.kind).toBe('queued');
      const id = out.kind === 'queued' ? out.messageIds[0]! : '';
      expect(await t.db.transaction((tx) => notifyCitizen(tx, { ...notice(c.id), topic: 'answer' }, { phoneNotices: true }))).toEqual({
        kind: 'queued',
        messageIds: [],
      });
      expect(await outboxOf(conv)).toBe(1);
      // The whole notice is still kept for the chat, where the citizen can read it.
      expect(await waitingNotices(t.db, c.id)).toHaveLength(1);
      const row = (await loadOutbound(t.db, id))!;
      expect(row.sendOptions).toEqual({ locale: 'vi', phoneNotice: { phone: '0901234567', caseCode: c.code, status: 'Đã có trả lời' } });
      expect((await listCaseEvents(t.db, c.id)).filter((e) => e.kind !== 'created').map((e) => [e.kind, e.details])).toEqual([
        ['citizen_notified', { topic: 'answer', causeKey: `test:${c.id}:system`, platform: 'zalo', messageIds: [id], via: 'phone', held: true }],
      ]);

      const api = acceptOneZns(ZNS, 'access-1', 'zns-1');
      const res = await zns.send(zaloAccount(), row.userRef, row.message, { ...(row.sendOptions as SendOptions), trackingId: id });
      expect(api.scope.isDone()).toBe(true);
      expect(res.platformMessageId).toBe('zns-1');
      expect(api.body()).toEqual({
        phone: '84901234567',
        template_id: '231633',
        template_data: { case_code: c.code, status: 'Đã có trả lời' },
        tracking_id: id,
      });
      expect(JSON.stringify(api.body())).not.toContain('Cán bộ');
    });

    it('asks staff to call when the citizen gave no phone, gave it without consent, or ZNS is not configured', async () => {
      const noPhone = await identifiedCase(null);
      const anonymousConv = await conversation(t.db, { platform: 'zalo', lastInboundAt: ago(8 * 24 * HOUR) });
      const anonymous = await newCase(t.db, anonymousConv);
      const off = await identifiedCase('0901234567');
      const declinedConv = await conversation(t.db, { platform: 'zalo', lastInboundAt: ago(8 * 24 * HOUR) });
      const [declined] = await t.db.query<{ id: string }>(
        `INSERT INTO consents (conversation_id, purpose, granted, wording, locale) VALUES ($1, 'contact', false, 'Ẩn danh', 'vi')
         RETURNING id::text AS id`,
        [declinedConv],
      );
      const refused = await newCase(t.db, declinedConv, {
        reporter: { kind: 'identified', name: 'Trần B', phone: '0912345678', consentId: declined!.id },
      });
      for (const [c, conv, on] of [
        [noPhone.c, noPhone.conv, true],
        [anonymous, anonymousConv, true],
        [refused, declinedConv, true],
        [off.c, off.conv, false],
      ] as const) {
        expect(await t.db.transaction((tx) => notifyCitizen(tx, notice(c.id), { phoneNotices: on }))).toEqual({
          kind: 'call_citizen',
          reason: 'zalo_window_closed',
        });
        expect(await outboxOf(conv)).toBe(0);
        expect(await waitingNotices(t.db, c.id)).toHaveLength(1);
      }
      // The default comes from start-up (ZALO_ZNS_TEMPLATE_ID), off unless set.
      const unset = await identifiedCase('0901234567');
      expect((await t.db.transaction((tx) => notifyCitizen(tx, notice(unset.c.id)))).kind).toBe('call_citizen');
      expect(await outboxOf(unset.conv)).toBe(0);
    });

    it('a Zalo client without a template refuses a phone notice instead of sending anything', async () => {
      const scope = nock(ZNS).post('/message/template').reply(200, { error: 0, data: { msg_id: 'never' } });
      const err = await clients.zalo
        .send(zaloAccount(), 'u', text('x'), { phoneNotice: { phone: '0901234567', caseCode: 'PA-2026-000001', status: 'Đã có trả lời' } })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChannelSendError);
      expect((err as ChannelSendError).retryable).toBe(false);
      expect(scope.isDone()).toBe(false);
      nock.cleanAll();
    });
  });
});

function text(body: string) {
  return validateOutbound({ type: 'text', payload: { text: body } });
}
