import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChannelEvent, createChannels, MalformedPayload } from '../../src/channels/index.ts';
import { testRedis } from '../support/redis.ts';
import { config, fixture, MemoryTokenStore } from './helpers.ts';

const redis = testRedis();
afterAll(() => redis.quit());
const { zalo } = createChannels(config, { redis, tokens: new MemoryTokenStore() }).connectors;

function mac(id: string, raw: Buffer, timestamp: string, secret: string): string {
  return `mac=${createHash('sha256').update(`${id}${raw.toString('utf8')}${timestamp}${secret}`).digest('hex')}`;
}

const raw = fixture('zalo', 'user_send_text');
const OA = '388613280878808645';

describe('zalo verify', () => {
  it('accepts app id + body + body timestamp + OA secret key', () => {
    const sig = mac(config.zaloAppId!, raw, '1751100041636', config.zaloOaSecretKey!);
    expect(zalo.verify({ rawBody: raw, headers: { 'x-zevent-signature': sig } })).toBe(true);
    // Header names arrive in whatever case the HTTP layer keeps.
    expect(zalo.verify({ rawBody: raw, headers: { 'X-ZEvent-Signature': sig } })).toBe(true);
  });

  it('accepts the variants CHANNELS.md leaves open: OA id first, app secret', () => {
    expect(zalo.verify({ rawBody: raw, headers: { 'x-zevent-signature': mac(OA, raw, '1751100041636', config.zaloOaSecretKey!) } })).toBe(true);
    expect(zalo.verify({ rawBody: raw, headers: { 'x-zevent-signature': mac(config.zaloAppId!, raw, '1751100041636', config.zaloAppSecret!) } })).toBe(true);
    const follow = fixture('zalo', 'follow');
    expect(zalo.verify({ rawBody: follow, headers: { 'x-zevent-signature': mac(OA, follow, '1543979782740', config.zaloOaSecretKey!) } })).toBe(true);
  });

  it('rejects a wrong secret, a tampered body, a wrong timestamp, a missing header', () => {
    const good = mac(config.zaloAppId!, raw, '1751100041636', config.zaloOaSecretKey!);
    expect(zalo.verify({ rawBody: raw, headers: { 'x-zevent-signature': mac(config.zaloAppId!, raw, '1751100041636', 'guess') } })).toBe(false);
    const tampered = Buffer.from(raw.toString('utf8').replace('thôn 3', 'thôn 4'));
    expect(zalo.verify({ rawBody: tampered, headers: { 'x-zevent-signature': good } })).toBe(false);
    expect(zalo.verify({ rawBody: raw, headers: { 'x-zevent-signature': mac(config.zaloAppId!, raw, '1751100041637', config.zaloOaSecretKey!) } })).toBe(false);
    expect(zalo.verify({ rawBody: raw, headers: {} })).toBe(false);
    expect(zalo.verify({ rawBody: raw, headers: { 'x-zevent-signature': '' } })).toBe(false);
    expect(zalo.verify({ rawBody: raw, headers: { 'x-zevent-signature': 'mac=' } })).toBe(false);
  });

  it('hashes the raw bytes: the same JSON re-serialised does not verify', () => {
    const sig = mac(config.zaloAppId!, raw, '1751100041636', config.zaloOaSecretKey!);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8')), null, 1));
    expect(zalo.verify({ rawBody: reserialised, headers: { 'x-zevent-signature': sig } })).toBe(false);
  });

  it('returns false without throwing on invalid JSON or missing secrets', () => {
    const junk = Buffer.from('{not json');
    expect(zalo.verify({ rawBody: junk, headers: { 'x-zevent-signature': mac(config.zaloAppId!, junk, '', config.zaloOaSecretKey!) } })).toBe(false);
    const sig = mac(config.zaloAppId!, raw, '1751100041636', config.zaloOaSecretKey!);
    const unconfigured = createChannels(
      { ...config, zaloOaSecretKey: undefined, zaloAppSecret: undefined },
      { redis, tokens: new MemoryTokenStore() },
    ).connectors.zalo;
    expect(unconfigured.verify({ rawBody: raw, headers: { 'x-zevent-signature': sig } })).toBe(false);
    const noAppId = createChannels({ ...config, zaloAppId: undefined }, { redis, tokens: new MemoryTokenStore() }).connectors.zalo;
    expect(noAppId.verify({ rawBody: raw, headers: { 'x-zevent-signature': sig } })).toBe(false);
  });
});

const user = { platform: 'zalo', accountRef: OA, userRef: '246845883529197922' } as const;

describe('zalo parse: every CHANNELS.md fixture', () => {
  const cases: [string, ChannelEvent[]][] = [
    ['user_send_text', [{ ...user, eventId: '96d3cdf3af150460909', timestamp: 1751100041636, content: { type: 'text', text: 'Đường thôn 3 bị ngập' } }]],
    ['user_send_image', [{ ...user, eventId: 'a1b2c3d4e5f6a7b8c9d0', timestamp: 1751100042000, content: { type: 'image', url: 'https://photo-stal-1.zadn.vn/x.jpg' } }]],
    ['user_send_file', [{ ...user, eventId: 'f1e2d3c4b5a6f7e8d9c0', timestamp: 1751100043000, content: { type: 'file', url: 'https://f.zdn.vn/d.pdf', name: 'don.pdf' } }]],
    ['user_send_sticker', [{ ...user, eventId: '5a5b5c5d5e5f50515253', timestamp: 1751100044000, content: { type: 'sticker', stickerId: 'bfe458bf64fa8da4d4eb', url: 'https://zalo-api.zadn.vn/s.png' } }]],
    [
      'user_send_location',
      [
        {
          platform: 'zalo',
          accountRef: '1423847451268726170',
          userRef: '8309393969855402319',
          eventId: 'b8de7d84fa1b3043690c',
          timestamp: 1751100041636,
          content: { type: 'location', latitude: 10.7923119, longitude: 106.7820651, address: 'Cơm Coffee New Sky' },
        },
      ],
    ],
    ['follow', [{ ...user, eventId: 'follow:1543979782740:246845883529197922', timestamp: 1543979782740, content: { type: 'follow' } }]],
    ['unfollow', [{ ...user, eventId: 'unfollow:1543979790000:246845883529197922', timestamp: 1543979790000, content: { type: 'unfollow' } }]],
    [
      'user_submit_info',
      [
        {
          ...user,
          eventId: 'user_submit_info:1540368141908:246845883529197922',
          timestamp: 1540368141908,
          content: { type: 'user_submit_info', name: 'Nguyễn Văn A', phone: '84912345678', address: 'Thôn 3, Xã X, Quảng Trị' },
        },
      ],
    ],
    ['oa_send_text', []],
  ];
  it.each(cases)('%s', (name, expected) => {
    expect(zalo.parse(fixture('zalo', name))).toEqual(expected);
  });
});

function body(obj: unknown): Buffer {
  return Buffer.from(JSON.stringify(obj));
}

describe('zalo parse: other shapes', () => {
  const envelope = { app_id: '1', event_name: 'user_send_image', sender: { id: '9007199254740993123' }, recipient: { id: '9007199254740993999' }, timestamp: '1751100042000' };

  it('keeps ids beyond 2^53 exactly as sent', () => {
    const raw = Buffer.from(
      '{"event_name":"user_send_text","sender":{"id":"9007199254740993123"},"recipient":{"id":"9007199254740993999"},"message":{"msg_id":"m1","text":"a"},"timestamp":"1"}',
    );
    const [event] = zalo.parse(raw);
    expect(event?.userRef).toBe('9007199254740993123');
    expect(event?.accountRef).toBe('9007199254740993999');
  });

  it('gives each attachment its own event and keeps the caption', () => {
    const events = zalo.parse(
      body({
        ...envelope,
        message: {
          msg_id: 'm2',
          text: 'Ổ gà',
          attachments: [
            { type: 'image', payload: { url: 'https://x/1.jpg' } },
            { type: 'image', payload: { url: 'https://x/2.jpg' } },
          ],
        },
      }),
    );
    expect(events.map((e) => [e.eventId, e.content])).toEqual([
      ['m2', { type: 'image', url: 'https://x/1.jpg', caption: 'Ổ gà' }],
      ['m2#1', { type: 'image', url: 'https://x/2.jpg', caption: 'Ổ gà' }],
    ]);
  });

  it('reads the flat user_submit_info shape', () => {
    const [event] = zalo.parse(
      body({ event_name: 'user_submit_info', oa_id: 'OA1', follower: { id: 'U1' }, timestamp: '1540368141908', info: { name: 'B', phone: '84900000000' } }),
    );
    expect(event).toMatchObject({ accountRef: 'OA1', userRef: 'U1', content: { type: 'user_submit_info', name: 'B', phone: '84900000000' } });
  });

  it('maps audio, video and gif to file and image', () => {
    const parse = (type: string) =>
      zalo.parse(body({ ...envelope, message: { msg_id: 'm', attachments: [{ type, payload: { url: 'https://x/a' } }] } }))[0]?.content;
    expect(parse('audio')).toEqual({ type: 'file', url: 'https://x/a' });
    expect(parse('video')).toEqual({ type: 'file', url: 'https://x/a' });
    expect(parse('gif')).toEqual({ type: 'image', url: 'https://x/a' });
  });

  it('ignores receipts, OA echoes and unknown events', () => {
    for (const event_name of ['user_seen_message', 'user_received_message', 'oa_send_image', 'user_reacted_message', 'brand_new_event']) {
      expect(zalo.parse(body({ event_name, timestamp: '1' }))).toEqual([]);
    }
  });

  it('throws MalformedPayload on bad JSON or a shape it cannot read', () => {
    const bad = [
      Buffer.from('{"event_name":'),
      Buffer.from('[]'),
      Buffer.from('"text"'),
      body({ timestamp: '1' }),
      body({ ...envelope, event_name: 'user_send_text', message: { text: 'no id' } }),
      body({ ...envelope, event_name: 'user_send_text', sender: { id: 123 }, message: { msg_id: 'm', text: 'x' } }),
      body({ ...envelope, event_name: 'user_send_text', message: { msg_id: 'm', text: 'x' }, timestamp: 'yesterday' }),
      body({ ...envelope, message: { msg_id: 'm', attachments: [{ type: 'image', payload: {} }] } }),
      body({ ...envelope, message: { msg_id: 'm', attachments: [{ type: 'location', payload: { coordinates: { latitude: 'north', longitude: '1' } } }] } }),
      body({ event_name: 'follow', follower: { id: 'U' }, timestamp: '1' }),
    ];
    for (const raw of bad) expect(() => zalo.parse(raw), raw.toString()).toThrow(MalformedPayload);
  });
});
