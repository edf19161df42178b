import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/users/index.ts';
import { PlatformInbox, WebhookCitizen } from '../support/citizen.ts';
import { FAKE, startTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { PASSWORD, signedIn } from './support.ts';

/** Every case carries the field (lĩnh vực) the classifier gave it: shown and filterable in the inbox. */
describe('the field of a case', () => {
  let h: TestRuntime;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    h = await startTestRuntime('pglite', { inbox: { watchEveryMs: 100 } });
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('is stored from the classifier, shown on the case page and filters the queue', async () => {
    const citizen = new WebhookCitizen(h, new PlatformInbox(), 'messenger', 'PSID-TOPIC');
    for (const text of ['Đường vào ngõ 5 có nhiều ổ gà, hố ga mất nắp rất nguy hiểm', '1', 'hôm qua', 'Gửi ẩn danh', 'gửi']) await citizen.say(text);
    const [row] = await h.t.db.query<{ id: string; topic: string | null }>('SELECT id::text AS id, topic FROM cases');
    expect(row!.topic).toBe('giao_thong_ha_tang');
    await createUser(h.t.db, { username: 'staff.topic', displayName: 'Cán bộ', role: 'commune_staff', scope: { kind: 'commune', code: FAKE.commune }, password: PASSWORD });
    const staff = await signedIn(h.rt.url!, 'staff.topic');
    const ids = async (q: string) =>
      ((await staff.json<{ items: { id: string }[] }>('GET', `/api/cases?status=all${q}`)).body.items ?? []).map((i) => i.id);
    expect(await ids('&topic=giao_thong_ha_tang')).toEqual([row!.id]);
    expect(await ids('&topic=dat_dai')).toEqual([]);
    expect((await staff.json('GET', '/api/cases?topic=not_a_field')).status).toBe(400);
    const page = await (await staff.get(`/inbox/cases/${row!.id}`)).text();
    expect(page).toContain('Lĩnh vực');
    expect(page).toContain('Giao thông, hạ tầng');
  });
});
