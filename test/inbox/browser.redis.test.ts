import nock from 'nock';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable } from '../support/chromium.ts';
import { eventually, FAKE, startTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { letterDates, PASSWORD, seedWorld, type World, XSS } from './support.ts';


/** Elements sticking out to the right of the screen (a phone user would have to scroll sideways). */
function tooWide(page: Page): Promise<string[]> {
  // Runs in the page (a string, since the test itself is compiled without DOM types).
  return page.evaluate(`[...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
    .map((e) => e.tagName.toLowerCase() + '.' + e.className)`);
}

interface GraphBody {
  messaging_type: string;
  message?: { text?: string };
}

// CI installs Debian's chromium (apt-get install chromium); without it these tests cannot run.
describe.runIf(chromiumAvailable('inbox browser test'))('staff inbox in a real browser (chromium at /usr/bin/chromium)', () => {
  let h: TestRuntime;
  let world: World;
  let browser: Browser;
  const sent: GraphBody[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nock(FAKE.graphBase)
      .persist()
      .post(`/v25.0/${FAKE.pageId}/messages`, (body: GraphBody) => {
        if (body.message) sent.push(body);
        return true;
      })
      .query(true)
      .reply(200, { recipient_id: 'PSID-A1', message_id: 'm-browser' });
    h = await startTestRuntime('pglite', { inbox: { watchEveryMs: 200 } });
    world = await seedWorld(h.t.db);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  async function signIn(username: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const page = await browser.newPage({ viewport, acceptDownloads: true });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${h.rt.url}/inbox/cases`);
    expect(page.url()).toContain('/inbox/login');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/inbox\/cases$/);
    return page;
  }

  it('signs in, answers a case and the reply reaches the Graph API', async () => {
    const page = await signIn('staff.a');
    // Overdue first.
    const firstRow = page.locator('table.queue tbody tr').first();
    await expect.poll(() => firstRow.getAttribute('class')).toContain('is-overdue');
    await page.getByRole('link', { name: world.cases.a1.code }).click();
    await page.waitForURL(new RegExp(`/inbox/cases/${world.cases.a1.id}$`));
    // The citizen's markup is text on the page, never run.
    expect(await page.locator('.description').textContent()).toContain(XSS);
    expect(dialogs).toEqual([]);

    await page.getByLabel('Tin nhắn gửi người dân').fill('Xin chào anh, phường đã nhận phản ánh và sẽ trả lời trong 5 ngày.');
    await page.getByRole('button', { name: 'Gửi', exact: true }).click();
    await eventually(() => sent.some((b) => b.message?.text?.startsWith('Xin chào anh, phường đã nhận')));
    expect(sent.at(-1)?.messaging_type).toBe('RESPONSE');
    // The page shows the delivery state without a reload.
    await page.locator('#conversation [data-delivery="sent"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('#conversation').textContent()).toContain('Đã gửi tới người dân');
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('corrects a label in one click', async () => {
    const page = await signIn('staff.a');
    await page.goto(`${h.rt.url}/inbox/cases/${world.cases.a2.id}`);
    await page.getByRole('button', { name: 'Thái độ, giao tiếp (4 xin, 4 luôn)' }).click();
    await page.waitForURL(/done=label/);
    expect(await page.locator('[data-label]').getAttribute('data-label')).toBe('ung_xu');
    const rows = await h.t.db.query('SELECT corrected_label FROM classification_corrections WHERE case_id = $1', [world.cases.a2.id]);
    expect(rows).toEqual([{ corrected_label: 'ung_xu' }]);
    await page.close();
  });

  it('drafts an apology letter, fills it in and downloads the DOCX', async () => {
    const page = await signIn('leader.a');
    await page.goto(`${h.rt.url}/inbox/cases/${world.cases.a2.id}`);
    await page.getByRole('button', { name: 'Soạn thư xin lỗi' }).click();
    await page.waitForURL(/done=letter_drafted/);
    const form = page.locator('form.letter-form');
    await form.getByLabel('Tên thủ tục').fill('cấp giấy chứng nhận quyền sử dụng đất');
    await form.getByLabel('Mã hồ sơ / số biên nhận').fill('HS-0042');
    const dates = letterDates();
    await form.getByLabel('Ngày nhận hồ sơ').fill(dates.receivedOn);
    await form.getByLabel('Ngày hẹn trả', { exact: true }).fill(dates.promisedOn);
    await form.getByLabel('Ngày hẹn mới').fill(dates.newDate);
    await form.getByLabel('Lý do trễ hẹn').fill('phải xác minh lại ranh giới');
    await form.getByLabel('Tên người nhận').fill('Nguyễn Văn Dân');
    await form.getByLabel('Chức vụ người ký').fill('CHỦ TỊCH');
    await form.getByLabel('Họ tên người ký').fill('Trần Thị Ký');
    await form.getByRole('button', { name: 'Lưu thư' }).click();
    await page.waitForURL(/done=letter_saved/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải về (DOCX)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^xin-loi-.*\.docx$/);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
    await page.getByRole('button', { name: 'Ký và gửi thư' }).click();
    await page.waitForURL(/done=letter_signed/);
    expect(await page.locator('[data-letter-status]').first().getAttribute('data-letter-status')).toMatch(/signed|sent/);
    await page.close();
  });

  it('fits a phone screen and switches to English', async () => {
    const page = await signIn('staff.a', { width: 375, height: 740 });
    expect(await tooWide(page)).toEqual([]);
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Cases to handle' }).waitFor();
    await page.goto(`${h.rt.url}/inbox/cases/${world.cases.a1.id}`);
    expect(await tooWide(page)).toEqual([]);
    expect(await page.getByLabel('Message to the citizen').count()).toBe(1);
    await page.close();
  });
});
