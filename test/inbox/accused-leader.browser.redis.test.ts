import nock from 'nock';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type Role, type UserScope } from '../../src/users/index.ts';
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable } from '../support/chromium.ts';
import { PlatformInbox, WebhookCitizen } from '../support/citizen.ts';
import { FAKE, startTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { PASSWORD } from './support.ts';

/**
 * The "done when", in a real browser: a denunciation of commune X's chairman sent to
 * X's own Page; X's leader, signed in, finds no trace of the reporter on any page, live or not,
 * while the province's officer sees the reporter waiting for a person.
 */

const REPORTER = { name: 'Phạm Văn Khải', phone: '0903111222' };
const TRACE = /Khải|0903[\s.-]?111[\s.-]?222|phong bì/;

describe.runIf(chromiumAvailable('accused-leader browser test'))('the accused commune’s leader in a real browser', () => {
  let h: TestRuntime;
  let browser: Browser;
  let citizen: WebhookCitizen;
  let caseId = '';
  let conversationId = '';

  async function user(username: string, role: Role, scope: UserScope) {
    await createUser(h.t.db, { username, displayName: `Cán bộ ${username}`, role, scope, password: PASSWORD });
  }

  async function signIn(username: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${h.rt.url}/inbox/cases`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/inbox\/cases$/);
    return page;
  }

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    const inbox = new PlatformInbox();
    h = await startTestRuntime('pglite', { inbox: { watchEveryMs: 200 } });
    await user('leader.x', 'commune_leader', { kind: 'commune', code: FAKE.commune });
    await user('officer.p', 'province_officer', { kind: 'province', code: '01' });
    citizen = new WebhookCitizen(h, inbox, 'messenger', 'PSID-BROWSER-DENOUNCE');
    for (const text of [
      'Chủ tịch phường nhận phong bì của dân khi ký giấy xác nhận đất',
      '1',
      'sáng thứ hai tuần trước',
      'Bỏ qua',
      'Đồng ý',
      REPORTER.name,
      REPORTER.phone,
      'Gửi phản ánh',
    ]) {
      await citizen.say(text);
    }
    const [row] = await h.t.db.query<{ id: string; conversation_id: string }>(
      'SELECT id::text AS id, conversation_id::text AS conversation_id FROM cases ORDER BY id DESC LIMIT 1',
    );
    caseId = row!.id;
    conversationId = row!.conversation_id;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('shows X’s leader nothing of the reporter, live or not, while the province sees them waiting', async () => {
    const leader = await signIn('leader.x');
    const officer = await signIn('officer.p');
    // The reporter asks for a person while both pages are open.
    const answer = (await citizen.say('gặp cán bộ')).normalize('NFC');
    expect(answer).not.toContain('phường Ba Đình');
    // The province's page updates by itself: the reporter is waiting there (chat from the case).
    await officer.locator(`section.waiting a[href="/inbox/cases/${caseId}"]`).waitFor({ timeout: 20_000 });
    await citizen.say('Tôi bổ sung: việc này xảy ra nhiều lần');
    await officer.goto(`${h.rt.url}/inbox/conversations/${conversationId}`);
    expect((await officer.locator('main').textContent())!.normalize('NFC')).toContain(REPORTER.name);

    // X's leader: the same queue page, open all along, and every page they might try.
    expect((await leader.locator('main').textContent())!.normalize('NFC')).not.toMatch(TRACE);
    expect(await leader.locator('section.waiting').count()).toBe(0);
    expect(await leader.locator(`a[href="/inbox/conversations/${conversationId}"], a[href="/inbox/cases/${caseId}"]`).count()).toBe(0);
    await leader.reload();
    expect((await leader.locator('main').textContent())!.normalize('NFC')).not.toMatch(TRACE);
    for (const path of [`/inbox/conversations/${conversationId}`, `/inbox/cases/${caseId}`, '/inbox/notifications', '/inbox/cases?status=all']) {
      const res = await leader.goto(`${h.rt.url}${path}`);
      const text = (await leader.content()).normalize('NFC');
      expect(text, path).not.toMatch(TRACE);
      if (path.includes(conversationId) || path.includes(`/cases/${caseId}`)) expect(res?.status(), path).toBe(404);
    }
    // Nor can the leader write to the reporter from the page's own form endpoint.
    const csrf = await leader.evaluate<string>(`document.querySelector('input[name="_csrf"]')?.value ?? ''`);
    const posted = await leader.request.post(`${h.rt.url}/inbox/conversations/${conversationId}/reply`, {
      form: { _csrf: csrf, text: 'Anh Khải ơi' },
      maxRedirects: 0,
    });
    expect(posted.status()).toBe(404);
  });
});
