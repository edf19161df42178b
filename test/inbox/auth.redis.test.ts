import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, setUserActive } from '../../src/users/index.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { testRedis } from '../support/redis.ts';
import { Client, PASSWORD, signedIn } from './support.ts';

const SESSION = { idleMs: 60_000, absoluteMs: 3_600_000 };

function sessionKey(prefix: string, cookieValue: string) {
  return `${prefix}:inbox:sess:${createHash('sha256').update(cookieValue).digest('hex')}`;
}

// Sessions, CSRF and the login limit live in Redis and do not depend on the database kind.
describe('inbox sign-in, sessions and CSRF', () => {
  let h: TestRuntime;
  const redis = testRedis();

  beforeAll(async () => {
    h = await startTestRuntime('pglite', {
      roles: ['web'],
      inbox: { session: SESSION, sseHeartbeatMs: 200, loginLimits: { perUser: 3, perIp: 100, perAccount: 6, windowMs: 60_000 } },
    });
    for (const u of ['cb.one', 'cb.two', 'cb.limited', 'cb.disabled', 'cb.form', 'cb.rotated']) {
      await createUser(h.t.db, {
        username: u,
        displayName: u,
        role: 'commune_staff',
        scope: { kind: 'commune', code: '00004' },
        password: PASSWORD,
      });
    }
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    await redis.quit();
  });

  it('signs in with the right password and sets a hardened session cookie', async () => {
    const c = new Client(h.rt.url!);
    const res = await c.login('CB.One ', PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((x) => x.startsWith('cb_sid='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(c.cookies.get('cb_sid')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await c.json<{ user: { username: string }; csrfToken: string }>('GET', '/api/me');
    expect(me.body.user.username).toBe('cb.one');
    expect(me.body.csrfToken).toBe(c.csrf);
    // Redis holds the session under a hash of the cookie, never the cookie itself.
    expect(await redis.exists(sessionKey(h.prefix, c.cookies.get('cb_sid')!))).toBe(1);
    expect(await redis.exists(`${h.prefix}:inbox:sess:${c.cookies.get('cb_sid')}`)).toBe(0);
  });

  it('marks the cookie Secure when the request came through an https proxy', async () => {
    const res = await fetch(`${h.rt.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: 'cb.two', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().find((x) => x.startsWith('cb_sid='))).toMatch(/Secure/);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const wrong = await new Client(h.rt.url!).json<{ error: { code: string } }>('POST', '/api/session', {
      username: 'cb.two',
      password: 'not-the-password',
    });
    const unknown = await new Client(h.rt.url!).json<{ error: { code: string } }>('POST', '/api/session', {
      username: 'nobody.here',
      password: 'not-the-password',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('CB_ERR_BAD_CREDENTIALS');
    expect(unknown.body).toEqual(wrong.body);
  });

  it('rate-limits failed sign-ins per IP and username, even a later right password', async () => {
    const c = new Client(h.rt.url!);
    for (let i = 0; i < 3; i++) expect((await c.login('cb.limited', 'wrong-password')).status).toBe(401);
    const blocked = await c.login('cb.limited', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account from the same IP is not locked by this one's failures.
    expect((await new Client(h.rt.url!).login('cb.two', PASSWORD)).status).toBe(200);
  });

  it('rate-limits an account guessed from many addresses (X-Forwarded-For rotated through a trusted proxy)', async () => {
    const guess = (n: number) =>
      fetch(`${h.rt.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${n}.1` },
        body: JSON.stringify({ username: 'cb.rotated', password: 'wrong-password' }),
      });
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, n) => guess(n).then((r) => r.status)));
    // Each address is under its own limit, but the account's limit counts them all.
    expect(statuses.filter((s) => s === 401)).toHaveLength(6);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
    expect((await new Client(h.rt.url!).login('cb.rotated', PASSWORD)).status).toBe(429);
  });

  it('answers a user name no account can have (a NUL byte) like any unknown user, not with a 500', async () => {
    const res = await new Client(h.rt.url!).login('cb.one\u0000', 'wrong-password');
    expect(res.status).toBe(401);
  });

  it('refuses state changes without the CSRF token or with a wrong one', async () => {
    const c = await signedIn(h.rt.url!, 'cb.one');
    const missing = await c.request('POST', '/api/canned', { json: { title: 't', body: 'b' }, csrf: false });
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('CB_ERR_CSRF');
    const wrong = await c.request('POST', '/api/canned', {
      json: { title: 't', body: 'b' },
      csrf: false,
      headers: { 'x-csrf-token': `${c.csrf.slice(0, -2)}xx` },
    });
    expect(wrong.status).toBe(403);
    const logout = await c.request('DELETE', '/api/session', { csrf: false });
    expect(logout.status).toBe(403);
    // A form post of the pages needs the token too.
    const form = await c.request('POST', '/inbox/logout', { form: {} });
    expect(form.status).toBe(403);
    expect((await c.get('/api/me')).status).toBe(200);
    const withToken = await c.request('POST', '/inbox/logout', { form: { _csrf: c.csrf } });
    expect(withToken.status).toBe(303);
    expect(withToken.headers.get('location')).toBe('/inbox/login');
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('refuses a sign-in form without the pre-login token', async () => {
    const c = new Client(h.rt.url!);
    const res = await c.request('POST', '/inbox/login', { form: { username: 'cb.form', password: PASSWORD } });
    expect(res.status).toBe(403);
    expect(c.cookies.has('cb_sid')).toBe(false);
    const page = await c.get('/inbox/login');
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const ok = await c.request('POST', '/inbox/login', { form: { username: 'cb.form', password: PASSWORD, _csrf: token } });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/inbox/cases');
    expect(c.cookies.has('cb_sid')).toBe(true);
  });

  it('ends a session after its idle time or its absolute lifetime', async () => {
    const c = await signedIn(h.rt.url!, 'cb.one');
    const key = sessionKey(h.prefix, c.cookies.get('cb_sid')!);
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(SESSION.idleMs);
    // Idle expiry is Redis's TTL: once the key is gone the session is over.
    await redis.del(key);
    expect((await c.get('/api/me')).status).toBe(401);

    const d = await signedIn(h.rt.url!, 'cb.one');
    const key2 = sessionKey(h.prefix, d.cookies.get('cb_sid')!);
    const data = JSON.parse((await redis.get(key2))!) as { createdAt: number };
    await redis.set(key2, JSON.stringify({ ...data, createdAt: Date.now() - SESSION.absoluteMs - 1 }), 'KEEPTTL');
    expect((await d.get('/api/me')).status).toBe(401);
    expect(await redis.exists(key2)).toBe(0);
    const page = await d.get('/inbox/cases');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/inbox\/login/);
  });

  it('ends a live event stream when its session ends, without extending the session', async () => {
    const c = new Client(h.rt.url!);
    expect((await c.login('cb.one')).status).toBe(200);
    const stream = await fetch(`${h.rt.url}/api/events`, { headers: { cookie: c.cookieHeader() } });
    expect(stream.status).toBe(200);
    const ended = (async () => {
      for await (const _ of stream.body!) {
        // read until the server closes the stream
      }
      return true;
    })();
    expect((await c.request('DELETE', '/api/session')).status).toBeLessThan(300);
    expect(await ended).toBe(true);
  });

  it('signs out, and drops the sessions of a disabled account', async () => {
    const c = await signedIn(h.rt.url!, 'cb.one');
    expect((await c.request('DELETE', '/api/session')).status).toBe(204);
    expect((await c.get('/api/me')).status).toBe(401);

    const d = await signedIn(h.rt.url!, 'cb.disabled');
    const { body } = await d.json<{ user: { id: string } }>('GET', '/api/me');
    await setUserActive(h.t.db, body.user.id, false);
    expect((await d.get('/api/me')).status).toBe(401);
    expect((await new Client(h.rt.url!).login('cb.disabled', PASSWORD)).status).toBe(401);
  });
});
