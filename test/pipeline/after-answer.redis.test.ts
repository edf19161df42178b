import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCase, getCase } from '../../src/cases/index.ts';
import { askForSatisfaction } from '../../src/satisfaction/index.ts';
import { PlatformInbox, WebhookCitizen } from '../support/citizen.ts';
import { eventually, startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/** After staff answer: one-tap ratings through the real worker, and reopening when unhappy. */
describe('after an answer', () => {
  let h: TestRuntime;
  let inbox: PlatformInbox;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    inbox = new PlatformInbox();
    h = await startTestRuntime('pglite');
  });
  afterAll(async () => {
    await h.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  async function answeredQuestion(c: WebhookCitizen) {
    const reply = await c.say('Cho hỏi bao giờ phường phát gạo hỗ trợ ạ?');
    const code = /PA-\d{4}-\d{6}/.exec(reply)![0];
    const [row] = await h.t.db.query<{ id: string }>('SELECT id::text AS id FROM cases WHERE code = $1', [code]);
    const caseId = row!.id;
    const asked = await h.t.db.transaction(async (tx) => {
      await answerCase(tx, caseId, 'Anh/chị mang CCCD và giấy chứng sinh đến bộ phận một cửa.', 'staff:1');
      return askForSatisfaction(tx, caseId);
    });
    expect(asked.kind).toBe('queued');
    if (asked.kind === 'queued') await h.rt.queues.enqueueOutbound(asked.messageIds);
    await eventually(async () => {
      const out = await h.t.db.query<{ status: string }>(
        "SELECT m.status FROM messages m JOIN cases k ON k.conversation_id = m.conversation_id WHERE k.id = $1 AND m.direction = 'out'",
        [caseId],
      );
      return out.every((r) => r.status === 'sent') && inbox.of(c.userRef).length === out.length;
    });
    return { caseId, code };
  }

  it('records a one-tap rating and reopens the case when it is 1 or 2', async () => {
    const c = new WebhookCitizen(h, inbox, 'messenger', 'PSID-RATE');
    const { caseId, code } = await answeredQuestion(c);
    expect(inbox.of('PSID-RATE').at(-1)).toMatch(/\[1 - .*\[5 - /s);
    const reply = await c.sendMessenger(
      { message: { mid: 'rate-tap-1', text: '1', quick_reply: { payload: `rate:${caseId}:attitude:1` } } },
      'rate-tap-1',
    );
    expect(reply).toContain(code);
    expect((await getCase(h.t.db, caseId))!.status).toBe('reopened');
    const ratings = await h.t.db.query<{ dimension: string; score: number }>(
      'SELECT dimension, score FROM satisfaction_ratings WHERE case_id = $1',
      [caseId],
    );
    expect(ratings).toEqual([{ dimension: 'attitude', score: 1 }]);
  });

  it('understands a rating typed as a number on Zalo, and reopens on "chưa được giải quyết"', async () => {
    const c = new WebhookCitizen(h, inbox, 'zalo', '840000000555');
    const { caseId, code } = await answeredQuestion(c);
    expect(inbox.of('840000000555').at(-1)).toMatch(/1\..*5\./s);
    await c.say('5');
    const ratings = await h.t.db.query<{ score: number }>('SELECT score FROM satisfaction_ratings WHERE case_id = $1', [caseId]);
    expect(ratings.map((r) => r.score)).toEqual([5]);
    expect((await getCase(h.t.db, caseId))!.status).toBe('answered');

    const reply = await c.say('Việc của tôi vẫn chưa được giải quyết');
    expect(reply).toContain(code);
    const reopened = await getCase(h.t.db, caseId);
    expect(reopened!.status).toBe('reopened');
  });
});
