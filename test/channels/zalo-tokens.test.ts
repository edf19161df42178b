import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChannelSendError, createChannels, validateOutbound } from '../../src/channels/index.ts';
import { clearPrefix, testRedis, uniquePrefix } from '../support/redis.ts';
import { config, MemoryTokenStore, zaloAccount } from './helpers.ts';

const redisA = testRedis();
const redisB = testRedis();
const prefix = uniquePrefix('zalo-tokens');
const USER = '246845883529197922';
const text = validateOutbound({ type: 'text', payload: { text: 'Dạ' } });

let store: MemoryTokenStore;
/** Two clients with their own Redis connections stand for two worker processes. */
function clients() {
  const a = createChannels(config, { redis: redisA, tokens: store, keyPrefix: prefix }).clients.zalo;
  const b = createChannels(config, { redis: redisB, tokens: store, keyPrefix: prefix }).clients.zalo;
  return { a, b };
}

type OAuthCall = Record<string, string>;

/** One OAuth reply; each call's form body is recorded. The secret_key header must be the app secret. */
function oauth(calls: OAuthCall[], reply: Record<string, unknown>, delayMs = 0): nock.Scope {
  return nock(config.zaloOauthBase)
    .post('/v4/oa/access_token', (body: OAuthCall) => {
      calls.push({ ...body });
      return true;
    })
    .matchHeader('secret_key', config.zaloAppSecret!)
    .matchHeader('content-type', /application\/x-www-form-urlencoded/)
    .delay(delayMs)
    .reply(200, reply);
}

const newPair = { access_token: 'access-2', refresh_token: 'refresh-2', expires_in: '90000' };

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  store = new MemoryTokenStore(zaloAccount());
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
  nock.enableNetConnect();
  await clearPrefix(redisA, prefix);
  await redisA.quit();
  await redisB.quit();
});

describe('zalo token refresh', () => {
  it('refreshes a token about to expire, saves the new pair, then sends with it', async () => {
    const expiring = zaloAccount({ tokenExpiresAt: new Date(Date.now() + 60_000) });
    store.accounts.set(expiring.id, expiring);
    const calls: OAuthCall[] = [];
    oauth(calls, newPair);
    const storedAtSend: (string | null | undefined)[] = [];
    nock(config.zaloApiBase)
      .post('/v3.0/oa/message/cs', () => {
        storedAtSend.push(store.accounts.get('7')?.accessToken);
        return true;
      })
      .matchHeader('access_token', 'access-2')
      .reply(200, { error: 0, data: { message_id: 'zm1' } });

    const before = Date.now();
    const result = await clients().a.send(expiring, USER, text);
    expect(result.platformMessageId).toBe('zm1');
    expect(calls).toEqual([{ refresh_token: 'refresh-1', app_id: config.zaloAppId, grant_type: 'refresh_token' }]);
    // Persisted before use: the store already held the new token when the send went out.
    expect(storedAtSend).toEqual(['access-2']);
    const saved = store.saves[0]?.tokens;
    expect(saved?.refreshToken).toBe('refresh-2');
    // expires_in arrives as a string of seconds
    expect(saved!.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 90_000_000);
    expect(saved!.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 90_000_000);
    expect(await redisA.exists(`${prefix}:zalo:token-refresh:7`)).toBe(0);
  });

  it('on -216 refreshes once and resends once', async () => {
    const calls: OAuthCall[] = [];
    const cs = nock(config.zaloApiBase)
      .post('/v3.0/oa/message/cs')
      .matchHeader('access_token', 'access-1')
      .reply(200, { error: -216, message: 'Access token is invalid' })
      .post('/v3.0/oa/message/cs')
      .matchHeader('access_token', 'access-2')
      .reply(200, { error: 0, data: { message_id: 'zm2' } });
    oauth(calls, newPair);
    const result = await clients().a.send(zaloAccount(), USER, text);
    expect(result.platformMessageId).toBe('zm2');
    expect(calls.length).toBe(1);
    expect(store.saves.length).toBe(1);
    expect(cs.isDone()).toBe(true);
  });

  it('a second token error after the refresh is final: no second refresh, no third send', async () => {
    const calls: OAuthCall[] = [];
    nock(config.zaloApiBase)
      .post('/v3.0/oa/message/cs')
      .reply(200, { error: -220, message: 'expired' })
      .post('/v3.0/oa/message/cs')
      .reply(200, { error: -216, message: 'invalid' });
    oauth(calls, newPair);
    const err = await clients().a.send(zaloAccount(), USER, text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelSendError);
    expect((err as ChannelSendError).kind).toBe('permanent');
    expect((err as ChannelSendError).platformCode).toBe('-216');
    expect(calls.length).toBe(1);
  });

  it('two processes refreshing at once make exactly one OAuth call; the waiter uses the saved pair', async () => {
    const calls: OAuthCall[] = [];
    // Only one OAuth reply exists: a second call would find no interceptor and fail.
    const scope = oauth(calls, newPair, 300);
    const { a, b } = clients();
    const [ra, rb] = await Promise.all([a.refreshTokens(zaloAccount()), b.refreshTokens(zaloAccount())]);
    expect(calls.length).toBe(1);
    expect(scope.isDone()).toBe(true);
    expect(store.saves.length).toBe(1);
    for (const r of [ra, rb]) {
      expect(r.accessToken).toBe('access-2');
      expect(r.refreshToken).toBe('refresh-2');
    }
  });

  it('two sends rejected with -216 at once share one refresh and both resend', async () => {
    const calls: OAuthCall[] = [];
    nock(config.zaloApiBase)
      .post('/v3.0/oa/message/cs')
      .matchHeader('access_token', 'access-1')
      .times(2)
      .reply(200, { error: -216, message: 'invalid' })
      .post('/v3.0/oa/message/cs')
      .matchHeader('access_token', 'access-2')
      .times(2)
      .reply(200, { error: 0, data: { message_id: 'ok' } });
    oauth(calls, newPair, 300);
    const { a, b } = clients();
    const results = await Promise.all([a.send(zaloAccount(), USER, text), b.send(zaloAccount(), USER, text)]);
    expect(results).toEqual([{ platformMessageId: 'ok' }, { platformMessageId: 'ok' }]);
    expect(calls.length).toBe(1);
  });

  it('takes over when the lock holder died without releasing it', async () => {
    await redisA.set(`${prefix}:zalo:token-refresh:7`, 'crashed-process', 'PX', 300);
    const calls: OAuthCall[] = [];
    oauth(calls, newPair);
    const refreshed = await clients().a.refreshTokens(zaloAccount());
    expect(refreshed.accessToken).toBe('access-2');
    expect(calls.length).toBe(1);
  });

  it('does not refresh again when another process already replaced the stale token', async () => {
    store.accounts.set('7', zaloAccount({ accessToken: 'access-9', refreshToken: 'refresh-9' }));
    // The caller still holds the old account object; no OAuth interceptor exists.
    const refreshed = await clients().a.refreshTokens(zaloAccount());
    expect(refreshed.accessToken).toBe('access-9');
    expect(store.saves.length).toBe(0);
  });

  it('a refused refresh token needs a new grant (needs_regrant) and saves nothing', async () => {
    const calls: OAuthCall[] = [];
    oauth(calls, { error: -14014, message: 'Invalid refresh token' });
    const err = await clients().a.refreshTokens(zaloAccount()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelSendError);
    expect((err as ChannelSendError).kind).toBe('needs_regrant');
    expect((err as ChannelSendError).platformCode).toBe('-14014');
    expect(store.saves.length).toBe(0);
    expect(await redisA.exists(`${prefix}:zalo:token-refresh:7`)).toBe(0);
  });

  it('never uses a new token that could not be saved', async () => {
    store.failSaves = true;
    const calls: OAuthCall[] = [];
    nock(config.zaloApiBase).post('/v3.0/oa/message/cs').reply(200, { error: -216, message: 'invalid' });
    oauth(calls, newPair);
    // No interceptor for access-2: using the unsaved token would surface as a network failure.
    const err = await clients().a.send(zaloAccount(), USER, text).catch((e: unknown) => e);
    expect((err as ChannelSendError).kind).toBe('permanent');
    expect((err as ChannelSendError).message).toMatch(/could not be saved/);
  });

  it('an early refresh that fails still sends with the token that has hours left', async () => {
    const soon = zaloAccount({ tokenExpiresAt: new Date(Date.now() + 3600_000) });
    store.accounts.set('7', soon);
    nock(config.zaloOauthBase).post('/v4/oa/access_token').reply(503, 'unavailable');
    nock(config.zaloApiBase)
      .post('/v3.0/oa/message/cs')
      .matchHeader('access_token', 'access-1')
      .reply(200, { error: 0, data: { message_id: 'zm3' } });
    expect(await clients().a.send(soon, USER, text)).toEqual({ platformMessageId: 'zm3' });
  });
});
