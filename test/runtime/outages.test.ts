import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakePlatform, startFakePlatform } from '../../scripts/faults/fake-platform.ts';
import { type Sent, tally } from '../../scripts/faults/ledger.ts';
import { deliver, messengerBody, type ProductProcess, productEnv, startProcess, zaloBody } from '../../scripts/faults/product.ts';
import { type PrivatePostgres, type PrivateRedis, startPostgres, startRedis } from '../../scripts/faults/services.ts';
import { eventually } from '../support/runtime.ts';

/**
 * The product as it runs in production: a web and a worker process, on a private PostgreSQL
 * and a private Redis (AOF on) that this test stops and kills, with a loopback fake of Graph
 * and Zalo. Nobody restarts the product: it must wait for its dependencies and catch up alone.
 */
describe('dependency outages', () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let fake: FakePlatform;
  let web: ProductProcess;
  let worker: ProductProcess;
  const accepted: Sent[] = [];
  let n = 0;

  async function send(platform: 'messenger' | 'zalo', user: string): Promise<number> {
    n++;
    const id = `${platform}-out-${n}`;
    const body = platform === 'messenger' ? messengerBody(id, `Đèn đường hỏng số ${n}`, user) : zaloBody(id, `Đèn đường hỏng số ${n}`, user);
    const status = await deliver(web.url!, platform, body);
    if (status === 200) accepted.push({ platform, eventId: id, user });
    return status;
  }

  async function everythingAnswered() {
    const t = await tally(pg.url, accepted, fake.deliveries);
    return t.handled === t.accepted && t.replies > 0 && t.repliesSent === t.replies ? t : null;
  }

  beforeAll(async () => {
    [pg, redis, fake] = await Promise.all([startPostgres(), startRedis({ aof: true }), startFakePlatform()]);
    const env = productEnv({ databaseUrl: pg.url, redisUrl: redis.url, platformUrl: fake.url, prefix: 'cbout' });
    web = await startProcess('web', env);
    worker = await startProcess('worker', env);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([web?.kill(), worker?.kill()]);
    await Promise.all([pg?.destroy(), redis?.destroy(), fake?.close()]);
  });

  it('PostgreSQL stopped under traffic: webhooks still accept (Redis is enough), the worker lives, waits and catches up', async () => {
    expect(await send('messenger', 'psid-a')).toBe(200);
    expect(await send('zalo', 'zuser-a')).toBe(200);
    await eventually(everythingAnswered, 30_000);

    await pg.stop();
    expect(await send('messenger', 'psid-b')).toBe(200);
    expect(await send('zalo', 'zuser-b')).toBe(200);
    expect(await send('messenger', 'psid-a')).toBe(200);
    const ready = await fetch(`${web.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ checks: { redis: true, database: false } });
    expect((await fetch(`${web.url}/metrics`)).status).toBe(200);
    // The worker has met the outage (it logs each wait) and is still there.
    await eventually(() => worker.logs.some((l) => String(l.msg).includes('unreachable')), 30_000);
    expect(worker.alive()).toBe(true);

    await pg.start();
    const t = await eventually(everythingAnswered, 60_000);
    expect(t).toMatchObject({ storedOnce: accepted.length, lost: 0, duplicated: 0, uncertain: 0, orderKept: true });
    expect(worker.alive() && web.alive()).toBe(true);
  });

  it('Redis killed: webhooks answer 503 at once so the platform retries, health and metrics answer, all resumes alone', async () => {
    await redis.kill();
    const refused = await Promise.all([send('messenger', 'psid-c'), send('zalo', 'zuser-c')]);
    expect(refused).toEqual([503, 503]);
    expect((await fetch(`${web.url}/readyz`, { signal: AbortSignal.timeout(5000) })).status).toBe(503);
    expect((await fetch(`${web.url}/metrics`, { signal: AbortSignal.timeout(5000) })).status).toBe(200);

    await redis.start();
    // The platform delivers again until it hears 200.
    await eventually(async () => (await send('messenger', 'psid-c')) === 200, 30_000);
    await eventually(async () => (await send('zalo', 'zuser-c')) === 200, 30_000);
    const t = await eventually(everythingAnswered, 60_000);
    expect(t).toMatchObject({ lost: 0, duplicated: 0, uncertain: 0, orderKept: true });
    expect(worker.alive() && web.alive()).toBe(true);
  });

  it('logs stay JSON lines through both outages', () => {
    expect({ web: web.nonJson.slice(0, 12), worker: worker.nonJson.slice(0, 12) }).toEqual({ web: [], worker: [] });
  });
});
