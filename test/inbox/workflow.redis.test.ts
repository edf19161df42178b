import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reopenCase } from '../../src/cases/index.ts';
import { parseState } from '../../src/conversation/index.ts';
import { recordSendResult } from '../../src/messaging/index.ts';
import { DB_KINDS } from '../support/db.ts';
import { eventually, FAKE, startTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { type Client, conversation, makeCase, seedWorld, signedIn, type World } from './support.ts';

const DAY = 24 * 3600_000;
const GRAPH_PATH = `/v25.0/${FAKE.pageId}/messages`;

interface GraphBody {
  recipient: { id: string };
  messaging_type: string;
  tag?: string;
  message?: { text?: string };
}

/** Accepts every Send API call; returns the bodies of those that carry a message. */
function acceptGraph(): GraphBody[] {
  const sent: GraphBody[] = [];
  nock(FAKE.graphBase)
    .persist()
    .post(GRAPH_PATH, (body: GraphBody) => {
      if (body.message) sent.push(body);
      return true;
    })
    .query(true)
    .reply(200, { recipient_id: 'PSID', message_id: 'm-staff' });
  return sent;
}

/** Opens the inbox's event stream as `client`; returns what has arrived so far, growing. */
async function listenEvents(base: string, client: Client, signal: AbortSignal): Promise<string[]> {
  const res = await fetch(`${base}/api/events`, { headers: { cookie: client.cookieHeader() }, signal });
  const reader = res.body!.getReader();
  const seen: string[] = [];
  void (async () => {
    const dec = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      seen.push(dec.decode(value));
    }
  })();
  return seen;
}

type Line = { direction: string; by?: string; status?: string; error?: string | null; tagged?: boolean };

describe.each(DB_KINDS)('inbox: answering a case end to end (%s)', (kind) => {
  let h: TestRuntime;
  let world: World;
  let staffA: Client;
  let leaderA: Client;
  let staffB: Client;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    h = await startTestRuntime(kind, { inbox: { watchEveryMs: 100 } });
    world = await seedWorld(h.t.db);
    staffA = await signedIn(h.rt.url!, 'staff.a');
    leaderA = await signedIn(h.rt.url!, 'leader.a');
    staffB = await signedIn(h.rt.url!, 'staff.b');
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    nock.enableNetConnect();
  });
  afterEach(() => nock.cleanAll());

  const messages = async (caseId: string) =>
    (await staffA.json<{ messages: Line[] }>('GET', `/api/cases/${caseId}/messages`)).body.messages;

  it('sends a staff reply through the outbox to the Graph API and shows it delivered', async () => {
    const sent = acceptGraph();
    const c = await makeCase(h.t.db, 'PSID-REPLY', {});
    const res = await staffA.json<{ status: string; outcome: { kind: string; tagged: boolean } }>(
      'POST',
      `/api/cases/${c.id}/reply`,
      { text: 'Xin chào, chúng tôi đã nhận phản ánh và đang xử lý.' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'in_progress', outcome: { kind: 'queued', tagged: false } });
    await eventually(() => sent.length > 0);
    expect(sent[0]).toMatchObject({
      recipient: { id: 'PSID-REPLY' },
      messaging_type: 'RESPONSE',
      message: { text: 'Xin chào, chúng tôi đã nhận phản ánh và đang xử lý.' },
    });
    expect(sent[0]!.tag).toBeUndefined();
    const line = await eventually(async () => (await messages(c.id)).find((m) => m.by === 'staff' && m.status === 'sent'));
    expect(line.error).toBeNull();
    const page = await (await staffA.get(`/inbox/cases/${c.id}`)).text();
    expect(page).toContain('data-delivery="sent"');
    expect(page).toContain('Đã gửi tới người dân');
  });

  it('uses the HUMAN_AGENT tag for a staff reply between 24 hours and 7 days on Messenger', async () => {
    const sent = acceptGraph();
    const c = await makeCase(h.t.db, 'PSID-AGENT', { lastInboundAgoMs: 2 * DAY });
    const view = await staffA.json<{ window: { state: string } }>('GET', `/api/cases/${c.id}`);
    expect(view.body.window.state).toBe('human_agent');
    const res = await staffA.json<{ outcome: { tagged: boolean } }>('POST', `/api/cases/${c.id}/reply`, { text: 'Cán bộ xin trả lời.' });
    expect(res.body.outcome.tagged).toBe(true);
    await eventually(() => sent.length > 0);
    expect(sent[0]).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', recipient: { id: 'PSID-AGENT' } });
    await eventually(async () => (await messages(c.id)).find((m) => m.by === 'staff' && m.status === 'sent' && m.tagged));
  });

  it('past every window refuses a chat line, records an official answer and offers the consented phone', async () => {
    const sent = acceptGraph();
    const c = await makeCase(h.t.db, 'PSID-LATE', { lastInboundAgoMs: 8 * DAY, identified: true, phone: '0901234567' });
    const chat = await staffA.json<{ error: { code: string; details: { reason: string } } }>('POST', `/api/cases/${c.id}/reply`, {
      text: 'Chào bạn',
    });
    expect(chat.status).toBe(409);
    expect(chat.body.error).toMatchObject({ code: 'CB_ERR_OUTSIDE_WINDOW', details: { reason: 'messenger_window_closed' } });
    expect((await messages(c.id)).filter((m) => m.direction === 'out')).toEqual([]);

    const page = await (await staffA.get(`/inbox/cases/${c.id}`)).text();
    expect(page).toContain('href="tel:0901234567"');
    expect(page).toContain('Messenger không cho gửi thêm');

    const answer = await staffA.json<{ status: string; outcome: { kind: string } }>('POST', `/api/cases/${c.id}/reply`, {
      text: 'UBND phường đã xử lý xong.',
      asAnswer: true,
    });
    expect(answer.body).toMatchObject({ status: 'answered', outcome: { kind: 'call_citizen' } });
    const events = await h.t.db.query<{ kind: string }>('SELECT kind FROM case_events WHERE case_id = $1 ORDER BY id', [c.id]);
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['answered', 'call_citizen']));
    expect(sent).toEqual([]);
  });

  it('shows a failed delivery and why', async () => {
    nock(FAKE.graphBase)
      .persist()
      .post(GRAPH_PATH)
      .query(true)
      .reply(400, { error: { message: "This person isn't available right now.", code: 551, type: 'OAuthException' } });
    const c = await makeCase(h.t.db, 'PSID-GONE', {});
    await staffA.json('POST', `/api/cases/${c.id}/reply`, { text: 'Xin chào' });
    const line = await eventually(async () => (await messages(c.id)).find((m) => m.by === 'staff' && m.status === 'failed'));
    expect(line.error).toMatch(/^unreachable/);
    const page = await (await staffA.get(`/inbox/cases/${c.id}`)).text();
    expect(page).toContain('data-delivery="failed"');
    expect(page).toContain('Người dân đã chặn hoặc rời khỏi kênh.');
  });

  it('shows a notice waiting for the end of Zalo’s night, and one that waited too long', async () => {
    const c = await makeCase(h.t.db, 'PSID-NIGHT', {});
    const out = (key: string, status: string, notBefore: string | null) =>
      h.t.db.query(
        `INSERT INTO messages (conversation_id, direction, dedupe_key, content, status, error, not_before)
         VALUES ($1, 'out', $2, $3, $4, 'quiet_hours: zalo -133: Cannot send ZNS at night', $5)`,
        [c.conversationId, key, JSON.stringify({ message: { type: 'text', payload: { text: 'Đã có trả lời.' } } }), status, notBefore],
      );
    await out('out:test:night-wait', 'pending', '2026-12-03T23:00:00Z');
    await out('out:test:night-gone', 'failed', null);
    const page = await (await staffA.get(`/inbox/cases/${c.id}`)).text();
    expect(page).toContain('Zalo không gửi loại tin này ban đêm; hệ thống sẽ gửi lúc');
    expect(page).toContain('06:00');
    expect(page).toContain('tin đã chờ quá lâu; xin gọi điện cho người dân.');
  });

  it('reopens an answered case for the citizen’s reason and shows it to staff', async () => {
    acceptGraph();
    const c = await makeCase(h.t.db, 'PSID-REOPEN', {});
    await staffA.json('POST', `/api/cases/${c.id}/reply`, { text: 'Đã sửa xong đèn.', asAnswer: true });
    const reopened = await h.t.db.transaction((tx) => reopenCase(tx, c.id, 'chưa được giải quyết'));
    expect(reopened?.status).toBe('reopened');
    expect(await h.t.db.transaction((tx) => reopenCase(tx, c.id, 'lần nữa'))).toBeNull();
    const page = await (await staffA.get(`/inbox/cases/${c.id}`)).text();
    expect(page).toContain('data-status="reopened"');
    expect(page).toContain('<q>chưa được giải quyết</q>');
    // Staff reopen needs a reason too.
    await staffA.json('POST', `/api/cases/${c.id}/status`, { status: 'closed' });
    expect((await staffA.json('POST', `/api/cases/${c.id}/status`, { status: 'reopened' })).status).toBe(400);
    const again = await staffA.json<{ status: string }>('POST', `/api/cases/${c.id}/status`, { status: 'reopened', note: 'gọi lại' });
    expect(again.body.status).toBe('reopened');
    expect((await staffA.json('POST', `/api/cases/${c.id}/status`, { status: 'answered' })).status).toBe(400);
  });

  it('stores a label correction for retraining and files the case under the new label', async () => {
    const c = await makeCase(h.t.db, 'PSID-LABEL', { description: 'Cán bộ nói trống không, quát người dân' });
    expect((await staffA.json('POST', `/api/cases/${c.id}/label`, { label: 'ung_xu' })).status).toBe(200);
    const rows = await h.t.db.query<{ predicted_label: string; corrected_label: string; text: string; corrected_by: string }>(
      'SELECT predicted_label, corrected_label, text, corrected_by FROM classification_corrections WHERE case_id = $1',
      [c.id],
    );
    expect(rows).toEqual([
      {
        predicted_label: 'cua_quyen',
        corrected_label: 'ung_xu',
        text: 'Cán bộ nói trống không, quát người dân',
        corrected_by: `user:${world.users.staffA.id}`,
      },
    ]);
    const byLabel = await staffA.json<{ items: { id: string; label: string }[] }>('GET', '/api/cases?label=ung_xu&status=all');
    expect(byLabel.body.items.find((i) => i.id === c.id)?.label).toBe('ung_xu');
    const old = await staffA.json<{ items: { id: string }[] }>('GET', '/api/cases?label=cua_quyen&status=all');
    expect(old.body.items.some((i) => i.id === c.id)).toBe(false);
    const [stored] = await h.t.db.query<{ label: string; needs_review: boolean }>('SELECT label, needs_review FROM cases WHERE id = $1', [c.id]);
    expect(stored).toEqual({ label: 'ung_xu', needs_review: false });
    expect((await staffA.json('POST', `/api/cases/${c.id}/label`, { label: 'not_a_label' })).status).toBe(400);
  });

  it('sorts the queue by urgency, counts per status and filters', async () => {
    const q = await staffA.json<{ items: { id: string; overdue: boolean }[]; counts: { overdue: number; byStatus: Record<string, number> } }>(
      'GET',
      '/api/cases',
    );
    expect(q.body.items[0]!.id).toBe(world.cases.a2.id);
    expect(q.body.items[0]!.overdue).toBe(true);
    expect(q.body.items.slice(1).every((i) => !i.overdue)).toBe(true);
    expect(q.body.counts.overdue).toBe(1);
    const total = Object.values(q.body.counts.byStatus).reduce((a, b) => a + b, 0);
    const all = await staffA.json<{ items: unknown[] }>('GET', '/api/cases?status=all');
    expect(total).toBe(all.body.items.length);
    const overdue = await staffA.json<{ items: { id: string }[] }>('GET', '/api/cases?overdue=1');
    expect(overdue.body.items.map((i) => i.id)).toEqual([world.cases.a2.id]);
    const due = await staffA.json<{ items: { id: string }[] }>('GET', '/api/cases?dueBefore=2021-01-01&status=all');
    expect(due.body.items.map((i) => i.id)).toEqual([world.cases.a2.id]);
    expect((await staffA.json<{ items: unknown[] }>('GET', '/api/cases?channel=zalo&status=all')).body.items).toEqual([]);
    expect((await staffA.json('GET', '/api/cases?status=bogus')).status).toBe(400);

    expect((await staffA.json('POST', `/api/cases/${world.cases.a2.id}/assign`, { userId: world.users.leaderA.id })).status).toBe(200);
    const mine = await leaderA.json<{ items: { id: string }[] }>('GET', '/api/cases?assigned=me&status=all');
    expect(mine.body.items.map((i) => i.id)).toEqual([world.cases.a2.id]);
    // Nobody outside the handling unit can be given the case.
    const outsider = await staffA.json('POST', `/api/cases/${world.cases.a2.id}/assign`, { userId: world.users.staffB.id });
    expect(outsider.status).toBe(400);
  });

  it('keeps internal notes in the case history, never in the conversation', async () => {
    const c = await makeCase(h.t.db, 'PSID-NOTE', {});
    await staffA.json('POST', `/api/cases/${c.id}/notes`, { body: 'Đã gọi điện cho tổ trưởng <b>dân phố</b>' });
    const view = await staffA.json<{ activity: { kind: string; body: string }[]; conversation: unknown[] }>('GET', `/api/cases/${c.id}`);
    expect(view.body.activity).toEqual([expect.objectContaining({ kind: 'note', body: 'Đã gọi điện cho tổ trưởng <b>dân phố</b>' })]);
    expect(view.body.conversation).toEqual([]);
    const page = await (await staffA.get(`/inbox/cases/${c.id}`)).text();
    expect(page).toContain('Đã gọi điện cho tổ trưởng &lt;b&gt;dân phố&lt;/b&gt;');
  });

  it('lets leaders keep canned answers that their staff can use', async () => {
    expect((await staffA.json('POST', '/api/canned', { title: 'Cảm ơn', body: 'Xin cảm ơn' })).status).toBe(403);
    const made = await leaderA.json<{ id: string }>('POST', '/api/canned', { title: 'Đã tiếp nhận', body: 'UBND đã tiếp nhận.' });
    expect(made.status).toBe(201);
    const list = await staffA.json<{ items: { id: string; title: string }[] }>('GET', '/api/canned');
    expect(list.body.items).toEqual([{ id: made.body.id, title: 'Đã tiếp nhận', body: 'UBND đã tiếp nhận.' }]);
    expect((await staffB.json<{ items: unknown[] }>('GET', '/api/canned')).body.items).toEqual([]);
    const page = await (await staffA.get(`/inbox/cases/${world.cases.a1.id}`)).text();
    expect(page).toContain('<option value="UBND đã tiếp nhận.">Đã tiếp nhận</option>');
    expect((await leaderA.request('DELETE', `/api/canned/${made.body.id}`)).status).toBe(204);
  });

  it('extends a deadline with a reason: leaders only', async () => {
    const c = await makeCase(h.t.db, 'PSID-EXTEND', { dueDate: '2099-12-30' });
    const byStaff = await staffA.json('POST', `/api/cases/${c.id}/extend`, { newDue: '2099-12-31', reason: 'vụ việc phức tạp' });
    expect(byStaff.status).toBe(403);
    const noReason = await leaderA.json('POST', `/api/cases/${c.id}/extend`, { newDue: '2099-12-31', reason: '' });
    expect(noReason.status).toBe(400);
    const ok = await leaderA.json<{ from: string; to: string }>('POST', `/api/cases/${c.id}/extend`, {
      newDue: '2099-12-31',
      reason: 'vụ việc phức tạp',
    });
    expect(ok.body).toEqual({ from: '2099-12-30', to: '2099-12-31' });
  });

  it('pushes a change to open pages in scope only (server-sent events)', async () => {
    const controller = new AbortController();
    const listen = (client: Client) => listenEvents(h.rt.url!, client, controller.signal);
    const forA = await listen(staffA);
    const forB = await listen(staffB);
    await eventually(() => forA.length > 0 && forB.length > 0);
    await staffA.json('POST', `/api/cases/${world.cases.a1.id}/notes`, { body: 'có thay đổi' });
    await eventually(() => forA.join('').includes(`"caseId":"${world.cases.a1.id}"`));
    // A new case written by the worker side (not through the inbox) reaches the page too.
    const fresh = await makeCase(h.t.db, 'PSID-LIVE', {});
    await eventually(() => forA.join('').includes(`"caseId":"${fresh.id}"`));
    await staffB.json('POST', `/api/cases/${world.cases.b1.id}/notes`, { body: 'B thay đổi' });
    await eventually(() => forB.join('').includes(`"caseId":"${world.cases.b1.id}"`));
    expect(forB.join('')).not.toContain(`"caseId":"${world.cases.a1.id}"`);
    expect(forB.join('')).not.toContain(`"caseId":"${fresh.id}"`);
    expect(forA.join('')).not.toContain(`"caseId":"${world.cases.b1.id}"`);
    controller.abort();
  });
});

describe.each(DB_KINDS)('inbox: live handoff without a case (%s)', (kind) => {
  let h: TestRuntime;
  let staffA: Client;
  let staffB: Client;
  let adminP: Client;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    h = await startTestRuntime(kind, { inbox: { watchEveryMs: 100 } });
    await seedWorld(h.t.db);
    staffA = await signedIn(h.rt.url!, 'staff.a');
    staffB = await signedIn(h.rt.url!, 'staff.b');
    adminP = await signedIn(h.rt.url!, 'admin.p');
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    nock.enableNetConnect();
  });
  afterEach(() => nock.cleanAll());

  async function handoff(psid: string, agoMs: number): Promise<string> {
    const id = await conversation(h.t.db, psid, agoMs);
    // A whole state, as the engine writes it when a citizen asks for a person.
    await h.t.db.query('UPDATE conversations SET state = $2::jsonb WHERE id = $1', [id, JSON.stringify({ ...parseState({}), mode: 'handoff' })]);
    return id;
  }

  it('lists the citizen for the unit owning the channel and lets its staff chat', async () => {
    const sent = acceptGraph();
    const id = await handoff('PSID-HUMAN', 60_000);
    const waiting = await staffA.json<{ items: { id: string }[] }>('GET', '/api/conversations');
    expect(waiting.body.items.map((i) => i.id)).toContain(id);
    expect((await staffB.json<{ items: unknown[] }>('GET', '/api/conversations')).body.items).toEqual([]);
    expect((await staffB.get(`/api/conversations/${id}`)).status).toBe(404);
    expect((await staffB.json('POST', `/api/conversations/${id}/reply`, { text: 'x' })).status).toBe(404);
    expect((await adminP.get(`/api/conversations/${id}`)).status).toBe(404);
    const queue = await (await staffA.get('/inbox/cases')).text();
    expect(queue).toContain(`href="/inbox/conversations/${id}"`);

    const res = await staffA.json<{ messageIds: string[]; tagged: boolean }>('POST', `/api/conversations/${id}/reply`, {
      text: 'Chào anh, tôi là cán bộ phường, anh cần hỗ trợ gì ạ?',
    });
    expect(res.status).toBe(200);
    expect(res.body.tagged).toBe(false);
    await eventually(() => sent.some((b) => b.message?.text === 'Chào anh, tôi là cán bộ phường, anh cần hỗ trợ gì ạ?'));
    const view = await eventually(async () => {
      const v = await staffA.json<{ lines: Line[] }>('GET', `/api/conversations/${id}`);
      return v.body.lines.find((l) => l.by === 'staff' && l.status === 'sent') ? v : null;
    });
    expect(view.status).toBe(200);
    const audit = await h.t.db.query("SELECT 1 FROM audit_log WHERE entity = 'conversation' AND entity_id = $1 AND action = 'personal_data.viewed'", [id]);
    expect(audit.length).toBeGreaterThan(0);
  });

  it('ends a hand-off on request: the bot tells the citizen once and takes the conversation back', async () => {
    const sent = acceptGraph();
    const id = await handoff('PSID-HUMAN-END', 60_000);
    expect((await staffB.json('POST', `/api/conversations/${id}/end-handoff`)).status).toBe(404);
    const page = await (await staffA.get(`/inbox/conversations/${id}`)).text();
    expect(page).toContain(`action="/inbox/conversations/${id}/end-handoff"`);
    const res = await staffA.json('POST', `/api/conversations/${id}/end-handoff`);
    expect(res.status).toBe(202);
    await eventually(() => sent.some((b) => b.message?.text?.startsWith('Dạ, cán bộ đã trao đổi xong')));
    await eventually(async () => {
      const [row] = await h.t.db.query<{ mode: string }>("SELECT state->>'mode' AS mode FROM conversations WHERE id = $1", [id]);
      return row!.mode === 'idle';
    });
    expect((await staffA.json<{ items: { id: string }[] }>('GET', '/api/conversations')).body.items.map((i) => i.id)).not.toContain(id);
    // Asked again, there is nothing to end, and the citizen hears nothing more.
    const again = await staffA.json<{ error: { code: string } }>('POST', `/api/conversations/${id}/end-handoff`);
    expect(again.status).toBe(409);
    expect(sent.filter((b) => b.message?.text?.startsWith('Dạ, cán bộ đã trao đổi xong'))).toHaveLength(1);
    const audit = await h.t.db.query("SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = 'conversation.end_handoff'", [id]);
    expect(audit).toHaveLength(1);
  });

  it('past every window says so instead of sending', async () => {
    const id = await handoff('PSID-HUMAN-LATE', 8 * DAY);
    const res = await staffA.json<{ error: { code: string } }>('POST', `/api/conversations/${id}/reply`, { text: 'Chào anh' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CB_ERR_OUTSIDE_WINDOW');
    const page = await (await staffA.get(`/inbox/conversations/${id}`)).text();
    expect(page).toContain('Messenger không cho gửi thêm');
    expect(page).not.toContain('name="text"');
  });

  it('tells open pages of the owning unit about a citizen’s new message', async () => {
    const id = await handoff('PSID-HUMAN-LIVE', 60_000);
    const controller = new AbortController();
    const seen = await listenEvents(h.rt.url!, staffA, controller.signal);
    await eventually(() => seen.length > 0);
    await h.t.db.query(
      `INSERT INTO messages (conversation_id, direction, dedupe_key, content, status) VALUES ($1, 'in', 'in:test:live', $2, 'processed')`,
      [id, JSON.stringify({ content: { type: 'text', text: 'Anh ơi' } })],
    );
    await eventually(() => seen.join('').includes(`event: conversation\ndata: {"conversationId":"${id}"}`));
    controller.abort();
  });

  it('tells open pages when the worker settles a send, so its delivery state shows without a reload', async () => {
    const id = await handoff('PSID-HUMAN-SENT', 60_000);
    const [out] = await h.t.db.query<{ id: string }>(
      `INSERT INTO messages (conversation_id, direction, dedupe_key, content, status)
       VALUES ($1, 'out', 'out:test:settle', $2, 'pending') RETURNING id::text AS id`,
      [id, JSON.stringify({ type: 'text', payload: { text: 'Chào anh' } })],
    );
    const controller = new AbortController();
    const seen = await listenEvents(h.rt.url!, staffA, controller.signal);
    await eventually(() => seen.length > 0);
    // Let the watcher take its first look (its cursor starts after the message above).
    await new Promise((r) => setTimeout(r, 300));
    const before = seen.join('').split(`"conversationId":"${id}"`).length;
    await recordSendResult(h.t.db, out!.id, { status: 'failed', error: 'user unreachable' });
    await eventually(() => seen.join('').split(`"conversationId":"${id}"`).length > before);
    controller.abort();
  });
});
