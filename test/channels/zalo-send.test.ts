import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChannelSendError, createChannels, type OutboundMessage, validateOutbound } from '../../src/channels/index.ts';
import { clearPrefix, testRedis, uniquePrefix } from '../support/redis.ts';
import { config, MemoryTokenStore, zaloAccount } from './helpers.ts';
import { acceptOneZns } from '../support/zns.ts';

const redis = testRedis();
const prefix = uniquePrefix('zalo-send');
const store = new MemoryTokenStore(zaloAccount());
const { zalo } = createChannels(config, { redis, tokens: store, keyPrefix: prefix }).clients;
const USER = '246845883529197922';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(async () => {
  nock.enableNetConnect();
  await clearPrefix(redis, prefix);
  await redis.quit();
});

function msg(type: string, payload: unknown): OutboundMessage {
  return validateOutbound({ type, payload });
}

/** Sends and returns the `message` objects Zalo received, in order. */
async function sent(message: OutboundMessage, opts = {}): Promise<unknown[]> {
  const bodies: unknown[] = [];
  nock.cleanAll();
  nock(config.zaloApiBase)
    .post('/v3.0/oa/message/cs', (b: { recipient: unknown; message: unknown }) => {
      expect(b.recipient).toEqual({ user_id: USER });
      bodies.push(b.message);
      return true;
    })
    .matchHeader('access_token', 'access-1')
    .times(20)
    .reply(200, () => ({ error: 0, message: 'Success', data: { message_id: `zm${bodies.length}`, user_id: USER } }));
  const result = await zalo.send(zaloAccount(), USER, message, opts);
  expect(result.platformMessageId).toBe(`zm${bodies.length}`);
  return bodies;
}

const media = (url: string) => ({ type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'image', url }] } });
const HINT = 'Trả lời bằng số thứ tự (ví dụ: 1).';

describe('zalo rendering', () => {
  it('text, with an optional quote', async () => {
    expect(await sent(msg('text', { text: 'Dạ, UBND xã đã tiếp nhận.' }), { quoteMessageId: 'q1' })).toEqual([
      { text: 'Dạ, UBND xã đã tiếp nhận.', quote_message_id: 'q1' },
    ]);
  });

  it('text over 2,000 characters in several messages', async () => {
    const para = `${'Phản ánh '.repeat(150).trim()}.`;
    const bodies = (await sent(msg('text', { text: `${para}\n\n${para}\n\n${para}` }))) as { text: string }[];
    // 1,350 characters each: two do not fit in one message, so each paragraph goes alone.
    expect(bodies).toEqual([{ text: para }, { text: para }, { text: para }]);
    const long = 'x'.repeat(4500);
    const pieces = (await sent(msg('text', { text: long }))) as { text: string }[];
    expect(pieces.map((b) => b.text.length)).toEqual([2000, 2000, 500]);
  });

  it('image as a media template, with its title as text', async () => {
    expect(await sent(msg('image', { imageUrl: 'https://cdn/a.jpg', title: 'Ảnh minh hoạ' }))).toEqual([
      { text: 'Ảnh minh hoạ', attachment: media('https://cdn/a.jpg') },
    ]);
    expect(await sent(msg('image', { imageUrl: 'https://cdn/a.jpg' }))).toEqual([{ attachment: media('https://cdn/a.jpg') }]);
  });

  it('choice and dropdown as numbered text', async () => {
    const options = [
      { label: 'Giao thông', value: 'traffic' },
      { label: 'Môi trường', value: 'env' },
    ];
    const expected = [{ text: `Chọn lĩnh vực:\n\n1. Giao thông\n2. Môi trường\n\n${HINT}` }];
    expect(await sent(msg('choice', { text: 'Chọn lĩnh vực:', options }))).toEqual(expected);
    expect(await sent(msg('dropdown', { text: 'Chọn lĩnh vực:', options }))).toEqual(expected);
    expect(await sent(msg('choice', { text: 'Choose:', options }), { locale: 'en' })).toEqual([
      { text: 'Choose:\n\n1. Giao thông\n2. Môi trường\n\nReply with the number (for example: 1).' },
    ]);
  });

  it('card with image: media template carrying the numbered actions and links', async () => {
    const card = {
      title: 'Hồ sơ HS-001',
      subtitle: 'Đang xử lý',
      imageUrl: 'https://cdn/c.png',
      actions: [
        { action: 'postback', label: 'Xem chi tiết', value: 'CASE_DETAIL' },
        { action: 'url', label: 'Cổng dịch vụ công', value: 'https://dichvucong.gov.vn' },
        { action: 'say', label: 'Cảm ơn', value: 'cam on' },
      ],
    };
    expect(await sent(msg('card', card))).toEqual([
      {
        text: `Hồ sơ HS-001\nĐang xử lý\n1. Xem chi tiết\nCổng dịch vụ công: https://dichvucong.gov.vn\n2. Cảm ơn\n\n${HINT}`,
        attachment: media('https://cdn/c.png'),
      },
    ]);
  });

  it('carousel as text numbered across items', async () => {
    const carousel = {
      items: [
        { title: 'A', actions: [{ action: 'postback', label: 'Chọn A', value: 'a' }] },
        { title: 'B', subtitle: 'b', imageUrl: 'https://cdn/b.png', actions: [{ action: 'postback', label: 'Chọn B', value: 'b' }] },
      ],
    };
    expect(await sent(msg('carousel', carousel))).toEqual([{ text: `A\n1. Chọn A\n\nB\nb\nhttps://cdn/b.png\n2. Chọn B\n\n${HINT}` }]);
  });

  it('file, audio, video and location as links', async () => {
    expect(await sent(msg('file', { fileUrl: 'https://cdn/thu.pdf', title: 'Thư xin lỗi' }))).toEqual([{ text: 'Thư xin lỗi: https://cdn/thu.pdf' }]);
    expect(await sent(msg('file', { fileUrl: 'https://cdn/thu.pdf' }))).toEqual([{ text: 'Tệp đính kèm: https://cdn/thu.pdf' }]);
    expect(await sent(msg('audio', { audioUrl: 'https://cdn/a.mp3' }))).toEqual([{ text: 'Tệp âm thanh: https://cdn/a.mp3' }]);
    expect(await sent(msg('video', { videoUrl: 'https://cdn/v.mp4', title: 'Hướng dẫn' }))).toEqual([{ text: 'Hướng dẫn: https://cdn/v.mp4' }]);
    expect(await sent(msg('location', { latitude: 16.75, longitude: 107.19, address: 'Thôn 3', title: 'UBND xã' }))).toEqual([
      { text: 'UBND xã\nThôn 3\nhttps://www.google.com/maps/search/?api=1&query=16.75,107.19' },
    ]);
  });

  it('bloc as its items in order', async () => {
    const bloc = {
      items: [
        { type: 'text', payload: { text: 'Ảnh hiện trường:' } },
        { type: 'image', payload: { imageUrl: 'https://cdn/x.jpg' } },
      ],
    };
    expect(await sent(msg('bloc', bloc))).toEqual([{ text: 'Ảnh hiện trường:' }, { attachment: media('https://cdn/x.jpg') }]);
  });
});

async function failure(reply: () => unknown, account = zaloAccount({ refreshToken: null })): Promise<ChannelSendError> {
  reply();
  const err = await zalo.send(account, USER, msg('text', { text: 'x' })).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ChannelSendError);
  return err as ChannelSendError;
}

describe('zalo error mapping', () => {
  const cs = () => nock(config.zaloApiBase).post('/v3.0/oa/message/cs');
  it.each([
    [-230, 'outside_window'],
    [-232, 'outside_window'],
    [-32, 'rate_limited'],
    [-211, 'rate_limited'],
    [-213, 'unreachable'],
    [-217, 'unreachable'],
    [-227, 'unreachable'],
    [-244, 'restricted'],
    [-100, 'transient'],
    [-201, 'permanent'],
    [-240, 'permanent'],
    [-999, 'permanent'],
  ])('error %i → %s', async (code, kind) => {
    const err = await failure(() => {
      cs().reply(200, { error: code, message: 'm' });
      return cs();
    });
    expect(err.kind).toBe(kind);
    expect(err.platformCode).toBe(String(code));
  });

  it('a token error with no refresh token is final (permanent), not retried forever', async () => {
    const err = await failure(() => {
      cs().reply(200, { error: -216, message: 'Access token is invalid' });
      return cs();
    });
    expect(err.kind).toBe('permanent');
    expect(err.platformCode).toBe('-216');
  });

  it('5xx and timeouts are transient, 429 is rate_limited', async () => {
    expect((await failure(() => cs().reply(502, 'Bad Gateway'))).kind).toBe('transient');
    expect((await failure(() => cs().reply(429, 'slow down'))).kind).toBe('rate_limited');
    // A refused connection (nothing listens on the discard port) and a reply slower than the timeout.
    nock.enableNetConnect('127.0.0.1:9');
    const refused = createChannels({ ...config, zaloApiBase: 'http://127.0.0.1:9' }, { redis, tokens: store, keyPrefix: prefix });
    const down = await refused.clients.zalo.send(zaloAccount(), USER, msg('text', { text: 'x' })).catch((e: unknown) => e);
    nock.disableNetConnect();
    expect(down).toBeInstanceOf(ChannelSendError);
    expect((down as ChannelSendError).kind).toBe('transient');
    expect((down as ChannelSendError).platformCode).toBe('ECONNREFUSED');
    const slow = createChannels({ ...config, httpTimeoutMs: 100 }, { redis, tokens: store, keyPrefix: prefix }).clients.zalo;
    cs().delay(1000).reply(200, { error: 0, data: {} });
    const err = await slow.send(zaloAccount(), USER, msg('text', { text: 'x' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelSendError);
    expect((err as ChannelSendError).kind).toBe('transient');
  });

  it('refuses an account of another platform', async () => {
    const err = await zalo.send(zaloAccount({ platform: 'messenger' }), USER, msg('text', { text: 'x' })).catch((e: unknown) => e);
    expect((err as ChannelSendError).kind).toBe('permanent');
  });
});

describe('zalo notices by phone (ZNS template)', () => {
  const ZNS = 'https://business.zalo.test';
  const phoneNotice = { phone: '0901234567', caseCode: 'PA-2026-000042', status: 'Đã có trả lời' };
  // 14:00 in Viet Nam: day, so a night refusal is not expected; tests of the night set their own.
  const DAY = new Date('2026-12-02T07:00:00Z');
  const fresh = (now = DAY, night = { start: 22 * 60, end: 6 * 60 }) =>
    createChannels(
      { ...config, zaloZns: { base: ZNS, templateId: '231633' }, zaloNight: night },
      { redis, tokens: new MemoryTokenStore(zaloAccount()), keyPrefix: prefix, now: () => now },
    ).clients.zalo;
  const send = (account = zaloAccount({ refreshToken: null }), phone = phoneNotice.phone, client = fresh()) =>
    client
      .send(account, USER, msg('text', { text: 'never sent as such' }), { phoneNotice: { ...phoneNotice, phone }, trackingId: '991' })
      .catch((e: unknown) => e);

  it('posts phone, template, case code and status with the tracking id, under the access_token header', async () => {
    const api = acceptOneZns(ZNS, 'access-1', 'zns-9');
    expect(await send(zaloAccount(), '+84 90 123 4567')).toEqual({ platformMessageId: 'zns-9' });
    expect(api.scope.isDone()).toBe(true);
    expect(api.body()).toEqual({
      phone: '84901234567',
      template_id: '231633',
      template_data: { case_code: 'PA-2026-000042', status: 'Đã có trả lời' },
      tracking_id: '991',
    });
  });

  it.each([
    [-108, 'permanent'],
    [-114, 'unreachable'],
    [-119, 'unreachable'],
    [-115, 'permanent'],
    [-131, 'permanent'],
    // Refused "at night" while our clock says day: an ordinary retry, not a wait for tomorrow.
    [-133, 'transient'],
    [-139, 'unreachable'],
    [-141, 'unreachable'],
    [-144, 'rate_limited'],
    // Token invalid, and no refresh token to cure it: final.
    [-124, 'permanent'],
  ])('error %i → %s', async (code, kind) => {
    nock(ZNS).post('/message/template').reply(200, { error: code, message: 'm' });
    const err = (await send()) as ChannelSendError;
    expect(err).toBeInstanceOf(ChannelSendError);
    expect(err.kind).toBe(kind);
    expect(err.platformCode).toBe(String(code));
  });

  it.each([
    ['23:30, before midnight', '2026-12-02T16:30:00Z', '2026-12-02T23:00:00Z'],
    ['03:10, after midnight', '2026-12-02T20:10:00Z', '2026-12-02T23:00:00Z'],
    ['22:00 sharp', '2026-12-02T15:00:00Z', '2026-12-02T23:00:00Z'],
  ])('-133 at %s: wait until 06:00 Vietnam time', async (_when, at, until) => {
    nock(ZNS).post('/message/template').reply(200, { error: -133, message: 'cannot send at night' });
    const err = (await send(undefined, undefined, fresh(new Date(at)))) as ChannelSendError;
    expect(err.kind).toBe('quiet_hours');
    expect(err.retryAt?.toISOString()).toBe(new Date(until).toISOString());
    expect(err.retryable).toBe(false);
  });

  it('-133 ends the night at the configured hour (ZALO_NIGHT_HOURS)', async () => {
    nock(ZNS).post('/message/template').reply(200, { error: -133, message: 'cannot send at night' });
    const client = fresh(new Date('2026-12-02T21:30:00Z'), { start: 21 * 60, end: 7 * 60 + 30 });
    const err = (await send(undefined, undefined, client)) as ChannelSendError;
    expect(err.retryAt?.toISOString()).toBe('2026-12-03T00:30:00.000Z');
  });

  it('-124 with a refresh token: one refresh, then the template once more with the new token', async () => {
    nock(config.zaloOauthBase)
      .post('/v4/oa/access_token')
      .reply(200, { access_token: 'access-2', refresh_token: 'refresh-2', expires_in: '90000' });
    nock(ZNS).post('/message/template').matchHeader('access_token', 'access-1').reply(200, { error: -124, message: 'token invalid' });
    const again = nock(ZNS)
      .post('/message/template')
      .matchHeader('access_token', 'access-2')
      .reply(200, { error: 0, data: { msg_id: 'zns-10' } });
    expect(await send(zaloAccount())).toEqual({ platformMessageId: 'zns-10' });
    expect(again.isDone()).toBe(true);
  });

  it('a number ZNS cannot reach is refused before any request', async () => {
    const api = nock(ZNS).post('/message/template').reply(200, { error: 0, data: { msg_id: 'never' } });
    const err = (await send(zaloAccount(), '12345')) as ChannelSendError;
    expect(err).toBeInstanceOf(ChannelSendError);
    expect(err.retryable).toBe(false);
    expect(api.isDone()).toBe(false);
  });
});
