import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCaseEvents } from '../../src/cases/index.ts';
import { validateOutbound } from '../../src/channels/index.ts';
import { type Notice, notifyCitizen, waitingNotices } from '../../src/notify/index.ts';
import { jobId } from '../../src/queue/jobs.ts';
import { consent, newCase } from '../routing/fixtures.ts';
import { PlatformInbox, WebhookCitizen } from '../support/citizen.ts';
import { DB_KINDS } from '../support/db.ts';
import { failedJob } from '../support/jobs.ts';
import { eventually, signZalo, startTestRuntime, type TestRuntime, zaloText } from '../support/runtime.ts';
import { acceptOneZns } from '../support/zns.ts';

/**
 * Notices past every window, through the real webhook, queues and workers: held until the
 * citizen writes again, then delivered once ahead of the bot's answer; or, on Zalo with a
 * template configured and a consented phone, sent as a ZNS template.
 */

const ZNS = 'http://zns.test';
const TEMPLATE = '231633';
const HOUR = 3_600_000;
// The program's clock (which tells Zalo's night from day): 23:30 in Viet Nam, tomorrow, so the
// morning the worker waits for is always in the real future.
const today = new Date();
const NIGHT = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1, 16, 30));
const MORNING = new Date(NIGHT.getTime() + 6.5 * HOUR);

describe.each(DB_KINDS)('notices past every window through the workers (%s)', (kind) => {
  let h: TestRuntime;
  let inbox: PlatformInbox;
  let n = 0;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    inbox = new PlatformInbox();
    h = await startTestRuntime(kind, { env: { ZALO_ZNS_TEMPLATE_ID: TEMPLATE, ZALO_ZNS_BASE: ZNS }, now: () => NIGHT });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  /** A Zalo citizen who wrote once, 8 days ago as far as the window rules know, and their case. */
  async function citizenPastWindow(reporter: 'anonymous' | 'with phone') {
    const userRef = `8409${kind.length}${String(++n).padStart(6, '0')}`;
    const citizen = new WebhookCitizen(h, inbox, 'zalo', userRef);
    await citizen.say('Xin chào');
    const [conv] = await h.t.db.query<{ id: string }>('SELECT id::text AS id FROM conversations WHERE user_ref = $1', [userRef]);
    const conversationId = conv!.id;
    await h.t.db.query("UPDATE conversations SET last_inbound_at = now() - interval '8 days' WHERE id = $1", [conversationId]);
    const c =
      reporter === 'anonymous'
        ? await newCase(h.t.db, conversationId)
        : await newCase(h.t.db, conversationId, {
            reporter: { kind: 'identified', name: 'Lê Thị C', phone: '0987654321', consentId: await consent(h.t.db, conversationId) },
          });
    return { userRef, conversationId, c, said: inbox.of(userRef).length };
  }

  const notice = (caseId: string, causeKey: string, text: string): Notice => ({
    caseId,
    topic: 'letter_signed',
    causeKey,
    author: 'system',
    actor: 'system',
    now: new Date(),
    messages: () => [validateOutbound({ type: 'text', payload: { text } })],
  });

  /** Posts one signed Zalo webhook and waits until its turn committed and every reply was sent. */
  async function deliver(body: string, eventId: string, userRef: string, replies: number): Promise<void> {
    const res = await fetch(`${h.rt.url}/webhooks/zalo`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-zevent-signature': signZalo(body) },
    });
    expect(res.status).toBe(200);
    const job = jobId.event({ platform: 'zalo', accountRef: JSON.parse(body).recipient.id, userRef, eventId, timestamp: 0, content: { type: 'follow' } });
    await eventually(async () => (await h.rt.queues.inbound.getJob(job))?.finishedOn, 20_000);
    await eventually(async () => {
      const out = await h.t.db.query<{ status: string }>(
        "SELECT m.status FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.user_ref = $1 AND m.direction = 'out'",
        [userRef],
      );
      return out.every((r) => r.status === 'sent') && inbox.of(userRef).length >= replies;
    }, 20_000);
  }

  it('holds a notice no window allows and delivers it once, before the answer, when the citizen writes again', async () => {
    const { userRef, c } = await citizenPastWindow('anonymous');
    const outcome = await h.t.db.transaction((tx) => notifyCitizen(tx, notice(c.id, `held:${c.id}`, 'Phiếu xin lỗi số 7/PXL đã được ký.')));
    expect(outcome).toEqual({ kind: 'call_citizen', reason: 'zalo_window_closed' });
    expect(await waitingNotices(h.t.db, c.id)).toHaveLength(1);
    const before = inbox.of(userRef).length;

    const eventId = `held-next-${kind}`;
    const body = zaloText(eventId, 'Cho hỏi hồ sơ của tôi thế nào rồi?', userRef);
    await deliver(body, eventId, userRef, before + 2);
    const fresh = inbox.of(userRef).slice(before);
    expect(fresh[0]).toBe('Phiếu xin lỗi số 7/PXL đã được ký.');
    expect(fresh.length).toBeGreaterThanOrEqual(2);
    expect(await waitingNotices(h.t.db, c.id)).toEqual([]);

    // The platform delivers the same event again, after the queue has forgotten its job id:
    // the worker runs, finds the message already stored and handled, and releases nothing.
    await h.rt.queues.inbound.remove(
      jobId.event({ platform: 'zalo', accountRef: JSON.parse(body).recipient.id, userRef, eventId, timestamp: 0, content: { type: 'follow' } }),
    );
    const afterFirst = inbox.of(userRef).length;
    await deliver(body, eventId, userRef, afterFirst);
    // A later message of the citizen gets the bot's answer only.
    await deliver(zaloText(`held-later-${kind}`, 'Cảm ơn', userRef), `held-later-${kind}`, userRef, afterFirst + 1);
    const all = inbox.of(userRef);
    expect(all.filter((m) => m === 'Phiếu xin lỗi số 7/PXL đã được ký.')).toHaveLength(1);
    const held = await h.t.db.query<{ n: string }>("SELECT count(*)::text AS n FROM messages WHERE dedupe_key LIKE $1", [
      `out:held:held:${c.id}:%`,
    ]);
    expect(held[0]!.n).toBe('1');
    const events = await listCaseEvents(h.t.db, c.id);
    expect(events.filter((e) => e.kind === 'citizen_notified').map((e) => e.details.released)).toEqual([true]);
    expect(events.filter((e) => e.kind === 'call_citizen')).toHaveLength(1);
  });

  it('with a template and a consented phone, sends one ZNS through the outbound queue with the outbox id as tracking_id', async () => {
    const { userRef, c, said } = await citizenPastWindow('with phone');
    const zns = acceptOneZns(ZNS, 'zalo-access-1', `zns-${kind}`);
    const outcome = await h.t.db.transaction((tx) => notifyCitizen(tx, notice(c.id, `zns:${c.id}`, 'Phiếu xin lỗi đã được ký.'), { phoneNotices: true }));
    expect(outcome.kind).toBe('queued');
    const ids = outcome.kind === 'queued' ? outcome.messageIds : [];
    expect(ids).toHaveLength(1);
    await h.rt.queues.enqueueOutbound(ids);
    const [row] = await eventually(async () => {
      const rows = await h.t.db.query<{ status: string; platform_message_id: string | null }>(
        'SELECT status, platform_message_id FROM messages WHERE id = $1',
        [ids[0]],
      );
      return rows[0]?.status === 'sent' ? rows : null;
    });
    expect(row!.platform_message_id).toBe(`zns-${kind}`);
    expect(zns.scope.isDone()).toBe(true);
    expect(zns.body()).toEqual({
      phone: '84987654321',
      template_id: TEMPLATE,
      template_data: { case_code: c.code, status: 'Đã ký phiếu xin lỗi' },
      tracking_id: ids[0],
    });
    // Nothing went to the chat: the OA may not write there any more.
    expect(inbox.of(userRef)).toHaveLength(said);
    expect((await listCaseEvents(h.t.db, c.id)).map((e) => e.kind)).toEqual(['created', 'citizen_notified']);
  });

  it('a citizen who refused the OA (-141): no retry, the failure recorded, and staff asked to call', async () => {
    const { c } = await citizenPastWindow('with phone');
    let calls = 0;
    // Room for retries, so a retry would be seen rather than fail for want of an answer.
    const refusing = nock(ZNS).post('/message/template', () => {
      calls++;
      return true;
    });
    refusing.times(10).reply(200, { error: -141, message: 'User rejected receiving messages from this OA' });
    const outcome = await h.t.db.transaction((tx) => notifyCitizen(tx, notice(c.id, `refused:${c.id}`, 'Đã có trả lời.'), { phoneNotices: true }));
    const id = outcome.kind === 'queued' ? outcome.messageIds[0]! : '';
    await h.rt.queues.enqueueOutbound([id]);
    const job = await failedJob(h.rt.queues.outbound, jobId.outbound(id));
    expect(job.attemptsMade).toBe(1);
    expect(calls).toBe(1);
    const [row] = await h.t.db.query<{ status: string; error: string; attempts: number }>(
      'SELECT status, error, attempts FROM messages WHERE id = $1',
      [id],
    );
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row!.error).toContain('-141');
    const calling = (await listCaseEvents(h.t.db, c.id)).filter((e) => e.kind === 'call_citizen');
    expect(calling.map((e) => e.details)).toEqual([
      { topic: 'letter_signed', causeKey: `refused:${c.id}`, reason: 'not_delivered', platform: 'zalo', messageId: id, error: row!.error },
    ]);
    // The notice itself still waits for the citizen's next message.
    expect(await waitingNotices(h.t.db, c.id)).toHaveLength(1);
    nock.removeInterceptor(refusing);
  });

  describe("refused for Zalo's night (-133)", () => {
    const nightRefusal = () => nock(ZNS).post('/message/template').reply(200, { error: -133, message: 'Cannot send ZNS at night' });
    const messageRow = async (id: string) =>
      (
        await h.t.db.query<{ status: string; not_before: Date | null; error: string | null }>(
          'SELECT status, not_before, error FROM messages WHERE id = $1',
          [id],
        )
      )[0]!;

    it('waits for 06:00 without using an attempt, lets the chat go on meanwhile, then sends the same message once', async () => {
      const { userRef, c } = await citizenPastWindow('with phone');
      const refused = nightRefusal();
      const outcome = await h.t.db.transaction((tx) => notifyCitizen(tx, notice(c.id, `night:${c.id}`, 'Đã có trả lời.'), { phoneNotices: true }));
      const id = outcome.kind === 'queued' ? outcome.messageIds[0]! : '';
      await h.rt.queues.enqueueOutbound([id]);
      const job = jobId.outbound(id);
      await eventually(async () => (await h.rt.queues.outbound.getJobState(job)) === 'delayed' && (await messageRow(id)).not_before !== null);
      expect(refused.isDone()).toBe(true);
      const waiting = await messageRow(id);
      expect(waiting.status).toBe('pending');
      expect(waiting.not_before!.toISOString()).toBe(MORNING.toISOString());
      expect(waiting.error).toContain('-133');
      expect((await h.rt.queues.outbound.getJob(job))!.attemptsMade).toBe(0);
      expect((await listCaseEvents(h.t.db, c.id)).map((e) => e.kind)).not.toContain('call_citizen');

      // The citizen writes meanwhile: the bot's answer is not held behind the morning's template.
      const before = inbox.of(userRef).length;
      const body = zaloText(`night-chat-${kind}`, 'Cho hỏi hồ sơ', userRef);
      const res = await fetch(`${h.rt.url}/webhooks/zalo`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-zevent-signature': signZalo(body) },
      });
      expect(res.status).toBe(200);
      await eventually(() => inbox.of(userRef).length > before, 20_000);
      expect((await messageRow(id)).status).toBe('pending');

      // Morning: the same message goes, once, as the same paid template with the same tracking id.
      const zns = acceptOneZns(ZNS, 'zalo-access-1', `zns-morning-${kind}`);
      await h.t.db.query("UPDATE messages SET not_before = now() - interval '1 second' WHERE id = $1", [id]);
      await (await h.rt.queues.outbound.getJob(job))!.promote();
      await eventually(async () => (await messageRow(id)).status === 'sent');
      expect(zns.body()).toMatchObject({ phone: '84987654321', template_id: TEMPLATE, tracking_id: id });
      expect((await listCaseEvents(h.t.db, c.id)).map((e) => e.kind)).not.toContain('call_citizen');
    });

    it('gives up on a notice that has waited two days already, and asks staff to call', async () => {
      const { c } = await citizenPastWindow('with phone');
      nightRefusal();
      const outcome = await h.t.db.transaction((tx) => notifyCitizen(tx, notice(c.id, `stale:${c.id}`, 'Đã có trả lời.'), { phoneNotices: true }));
      const id = outcome.kind === 'queued' ? outcome.messageIds[0]! : '';
      await h.t.db.query("UPDATE messages SET created_at = now() - interval '49 hours' WHERE id = $1", [id]);
      await h.rt.queues.enqueueOutbound([id]);
      await failedJob(h.rt.queues.outbound, jobId.outbound(id));
      expect((await messageRow(id)).status).toBe('failed');
      const calling = (await listCaseEvents(h.t.db, c.id)).filter((e) => e.kind === 'call_citizen');
      expect(calling.map((e) => e.details.reason)).toEqual(['not_delivered']);
    });
  });
});
