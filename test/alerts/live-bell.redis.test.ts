import type { Redis } from 'ioredis';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffNotifier } from '../../src/alerts/index.ts';
import { PASSWORD, seedWorld, type World } from '../inbox/support.ts';
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable } from '../support/chromium.ts';
import { testRedis } from '../support/redis.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

// CI installs Debian's chromium (apt-get install chromium); without it this test cannot run.
describe.runIf(chromiumAvailable('notification bell browser test'))('the notification bell in a real browser', () => {
  let h: TestRuntime;
  let world: World;
  let browser: Browser;
  let redis: Redis;

  beforeAll(async () => {
    h = await startTestRuntime('pglite', { roles: ['web'] });
    world = await seedWorld(h.t.db);
    redis = testRedis();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    redis?.disconnect();
    await h?.stop();
  });

  it('counts a new notice live on any page, and opening it leads to the case and clears the count', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(`${h.rt.url}/inbox/canned`);
    await page.getByLabel('Tên đăng nhập').fill('staff.a');
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    // The page's event stream is subscribed to changes once its response has begun.
    const stream = page.waitForResponse((r) => r.url().endsWith('/api/events'));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/inbox\/canned$/);
    await stream;
    const bell = page.locator('[data-bell]');
    expect(await bell.locator('[data-count="notifications"]').textContent()).toBe('0');

    const a1 = world.cases.a1;
    const told = await staffNotifier({ db: h.t.db, redis, prefix: h.prefix, from: 'Công Bộc <congboc@localhost>' })({
      kind: 'escalation',
      caseId: a1.id,
      code: a1.code,
      dueDate: '2099-12-31',
      version: 1,
      routedTo: a1.routedTo,
    });
    // An escalation is for the leader; staff.a's bell stays as it is.
    expect(told.userIds).toEqual([world.users.leaderA.id]);
    await staffNotifier({ db: h.t.db, redis, prefix: h.prefix, from: 'Công Bộc <congboc@localhost>' })({
      kind: 'reminder',
      caseId: a1.id,
      code: a1.code,
      dueDate: '2099-12-31',
      version: 1,
      routedTo: a1.routedTo,
    });
    await bell.locator('[data-count="notifications"]', { hasText: '1' }).waitFor({ timeout: 10_000 });
    expect(await bell.getAttribute('aria-label')).toBe('Thông báo: 1 thông báo chưa đọc');

    await bell.click();
    await page.waitForURL(/\/inbox\/notifications$/);
    await page.getByRole('button', { name: `Mở hồ sơ ${a1.code}` }).click();
    await page.waitForURL(new RegExp(`/inbox/cases/${a1.id}$`));
    expect(await page.locator('[data-bell] [data-count="notifications"]').textContent()).toBe('0');
    await page.close();
  });
});
