import { createHmac } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChannelEvent, createChannels, MalformedPayload } from '../../src/channels/index.ts';
import { testRedis } from '../support/redis.ts';
import { config, fixture, MemoryTokenStore } from './helpers.ts';

const redis = testRedis();
afterAll(() => redis.quit());
const { messenger } = createChannels(config, { redis, tokens: new MemoryTokenStore() }).connectors;

function sign(raw: Buffer, secret = config.messengerAppSecret!): string {
  return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

function body(obj: unknown): Buffer {
  return Buffer.from(JSON.stringify(obj));
}

describe('messenger handshake', () => {
  it('echoes the challenge for the right token (CHANNELS.md fixture)', () => {
    const query = { 'hub.mode': 'subscribe', 'hub.challenge': '1158201444', 'hub.verify_token': 'meatyhamhock' };
    expect(messenger.handshake?.(query)).toBe('1158201444');
    // express' extended query parser nests dotted keys
    expect(messenger.handshake?.({ hub: { mode: 'subscribe', challenge: '42', verify_token: 'meatyhamhock' } })).toBe('42');
  });

  it('refuses a wrong token, wrong mode, missing challenge, or no configured token', () => {
    expect(messenger.handshake?.({ 'hub.mode': 'subscribe', 'hub.challenge': '1', 'hub.verify_token': 'nope' })).toBeNull();
    expect(messenger.handshake?.({ 'hub.mode': 'unsubscribe', 'hub.challenge': '1', 'hub.verify_token': 'meatyhamhock' })).toBeNull();
    expect(messenger.handshake?.({ 'hub.mode': 'subscribe', 'hub.verify_token': 'meatyhamhock' })).toBeNull();
    expect(messenger.handshake?.({ 'hub.mode': 'subscribe', 'hub.challenge': ['1', '2'], 'hub.verify_token': 'meatyhamhock' })).toBeNull();
    const unconfigured = createChannels({ ...config, messengerVerifyToken: undefined }, { redis, tokens: new MemoryTokenStore() });
    expect(unconfigured.connectors.messenger.handshake?.({ 'hub.mode': 'subscribe', 'hub.challenge': '1', 'hub.verify_token': '' })).toBeNull();
  });
});

describe('messenger verify', () => {
  const raw = fixture('messenger', 'text_quick_reply');
  it('accepts HMAC-SHA256 of the raw bytes with the app secret', () => {
    expect(messenger.verify({ rawBody: raw, headers: { 'x-hub-signature-256': sign(raw) } })).toBe(true);
    expect(messenger.verify({ rawBody: raw, headers: { 'X-Hub-Signature-256': sign(raw).toUpperCase().replace('SHA256=', 'sha256=') } })).toBe(true);
  });
  it('rejects a wrong secret, a tampered body, a missing or malformed header, no secret', () => {
    expect(messenger.verify({ rawBody: raw, headers: { 'x-hub-signature-256': sign(raw, 'other') } })).toBe(false);
    const tampered = Buffer.from(raw.toString('utf8').replace('hồ sơ', 'hồ so'));
    expect(messenger.verify({ rawBody: tampered, headers: { 'x-hub-signature-256': sign(raw) } })).toBe(false);
    expect(messenger.verify({ rawBody: raw, headers: {} })).toBe(false);
    expect(messenger.verify({ rawBody: raw, headers: { 'x-hub-signature-256': sign(raw).slice(7) } })).toBe(false);
    const sha1 = `sha1=${createHmac('sha1', config.messengerAppSecret!).update(raw).digest('hex')}`;
    expect(messenger.verify({ rawBody: raw, headers: { 'x-hub-signature': sha1 } })).toBe(false);
    const unconfigured = createChannels({ ...config, messengerAppSecret: undefined }, { redis, tokens: new MemoryTokenStore() });
    expect(unconfigured.connectors.messenger.verify({ rawBody: raw, headers: { 'x-hub-signature-256': sign(raw) } })).toBe(false);
  });
});

const base = { platform: 'messenger', accountRef: 'PAGE_ID', userRef: 'PSID' } as const;

describe('messenger parse: every CHANNELS.md fixture', () => {
  const cases: [string, ChannelEvent[]][] = [
    ['text_quick_reply', [{ ...base, eventId: 'mid.1457764197618:41d102a3e1ae206a38', timestamp: 1458692752478, content: { type: 'postback', payload: 'CASE_STATUS', text: 'Hỏi về hồ sơ' } }]],
    ['attachment_image', [{ ...base, eventId: 'mid.$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c', timestamp: 1518479195308, content: { type: 'image', url: 'https://scontent.xx.fbcdn.net/a.jpg' } }]],
    ['postback', [{ ...base, eventId: 'm_MESSAGE-ID', timestamp: 1527459824000, content: { type: 'postback', payload: 'START_REPORT', text: 'Gửi phản ánh' } }]],
    ['echo', []],
    ['delivery', []],
  ];
  it.each(cases)('%s', (name, expected) => {
    expect(messenger.parse(fixture('messenger', name))).toEqual(expected);
  });
});

const ev = (extra: Record<string, unknown>) => ({ sender: { id: 'PSID' }, recipient: { id: 'PAGE_ID' }, timestamp: 1700000000000, ...extra });

describe('messenger parse: batches and other shapes', () => {
  it('reads every messaging item of every entry, across pages', () => {
    const events = messenger.parse(
      body({
        object: 'page',
        entry: [
          { id: 'PAGE_ID', time: 1, messaging: [ev({ message: { mid: 'a', text: 'một' } }), ev({ message: { mid: 'b', text: 'hai' } })] },
          { id: 'P2', time: 2, messaging: [{ sender: { id: 'U2' }, recipient: { id: 'P2' }, timestamp: 1700000000001, message: { mid: 'c', text: 'ba' } }] },
          { id: 'PAGE_ID', time: 3, messaging: [ev({ delivery: { mids: ['a'], watermark: 1 } }), ev({ read: { watermark: 1 } })] },
        ],
      }),
    );
    expect(events.map((e) => [e.accountRef, e.userRef, e.eventId, e.content])).toEqual([
      ['PAGE_ID', 'PSID', 'a', { type: 'text', text: 'một' }],
      ['PAGE_ID', 'PSID', 'b', { type: 'text', text: 'hai' }],
      ['P2', 'U2', 'c', { type: 'text', text: 'ba' }],
    ]);
  });

  it('maps audio, video, file, location and sticker attachments', () => {
    const events = messenger.parse(
      body({
        object: 'page',
        entry: [
          {
            id: 'PAGE_ID',
            messaging: [
              ev({
                message: {
                  mid: 'm',
                  attachments: [
                    { type: 'audio', payload: { url: 'https://x/a.mp4' } },
                    { type: 'video', payload: { url: 'https://x/v.mp4' } },
                    { type: 'file', payload: { url: 'https://x/f.pdf' } },
                    { type: 'location', title: 'Nhà văn hoá', payload: { coordinates: { lat: 16.8, long: 107.1 } } },
                    { type: 'image', payload: { url: 'https://x/s.png', sticker_id: 369239263222822 } },
                    { type: 'reel', payload: { url: 'https://x/r' } },
                  ],
                },
              }),
            ],
          },
        ],
      }),
    );
    expect(events.map((e) => [e.eventId, e.content])).toEqual([
      ['m', { type: 'file', url: 'https://x/a.mp4' }],
      ['m#1', { type: 'file', url: 'https://x/v.mp4' }],
      ['m#2', { type: 'file', url: 'https://x/f.pdf' }],
      ['m#3', { type: 'location', latitude: 16.8, longitude: 107.1, address: 'Nhà văn hoá' }],
      ['m#4', { type: 'sticker', stickerId: '369239263222822', url: 'https://x/s.png' }],
      // A shared reel is kept as its link (it used to be dropped).
      ['m#5', { type: 'text', text: 'https://x/r' }],
    ]);
  });

  it('reads stickers of their own type, and shared links and reels with the citizen\'s words', () => {
    const item = (mid: string, message: Record<string, unknown>) => ev({ message: { mid, ...message } });
    const events = messenger.parse(
      body({
        object: 'page',
        entry: [
          {
            id: 'PAGE_ID',
            messaging: [
              item('st', { attachments: [{ type: 'sticker', payload: { url: 'https://x/st.png', sticker_id: 369239383222814 } }] }),
              item('ln', { text: 'Xem bài này ạ', attachments: [{ type: 'fallback', title: 'Đường ngập', payload: { url: 'https://news.example/a' } }] }),
              item('rl', { text: 'clip đây', attachments: [{ type: 'ig_reel', payload: { url: 'https://www.instagram.com/reel/1', title: 'Ngập' } }] }),
            ],
          },
        ],
      }),
    );
    expect(events.map((e) => [e.eventId, e.content])).toEqual([
      ['st', { type: 'sticker', stickerId: '369239383222814', url: 'https://x/st.png' }],
      ['ln', { type: 'text', text: 'Xem bài này ạ\nĐường ngập\nhttps://news.example/a' }],
      ['rl', { type: 'text', text: 'clip đây\nNgập\nhttps://www.instagram.com/reel/1' }],
    ]);
  });

  it('with a rejection callback, sets an unreadable item aside and keeps the rest of the batch', () => {
    const rejected: unknown[] = [];
    const events = messenger.parse(
      body({
        object: 'page',
        entry: [
          {
            id: 'PAGE_ID',
            messaging: [
              ev({ message: { mid: 'good-1', text: 'một' } }),
              ev({ message: { mid: 'bad', attachments: [{ type: 'file', payload: {} }] } }),
              ev({ message: { mid: 'good-2', text: 'hai' } }),
            ],
          },
        ],
      }),
      undefined,
      (r) => rejected.push(r),
    );
    expect(events.map((e) => e.eventId)).toEqual(['good-1', 'good-2']);
    expect(rejected).toEqual([{ platform: 'messenger', accountRef: 'PAGE_ID', reference: 'bad', reason: 'messenger: file without url' }]);
  });

  it('accepts string timestamps in ms or seconds, the changes[] form, and postbacks without mid', () => {
    const events = messenger.parse(
      body({
        object: 'page',
        entry: [
          {
            id: 'PAGE_ID',
            time: 1,
            messaging: [ev({ timestamp: '1527459824000', postback: { title: 'Bắt đầu', payload: 'GET_STARTED' } })],
            changes: [{ field: 'messaging_postbacks', value: ev({ timestamp: '1527459824', postback: { mid: 'm_x', payload: 'P' } }) }],
          },
        ],
      }),
    );
    expect(events).toEqual([
      { ...base, eventId: 'postback:PAGE_ID:PSID:1527459824000', timestamp: 1527459824000, content: { type: 'postback', payload: 'GET_STARTED', text: 'Bắt đầu' } },
      { ...base, eventId: 'm_x', timestamp: 1527459824000, content: { type: 'postback', payload: 'P' } },
    ]);
  });

  it('ignores objects other than page', () => {
    expect(messenger.parse(body({ object: 'instagram', entry: [{ id: '1', messaging: [ev({ message: { mid: 'a', text: 'x' } })] }] }))).toEqual([]);
  });

  it('throws MalformedPayload on bad JSON or a shape it cannot read', () => {
    const bad = [
      Buffer.from('not json'),
      body(null),
      body({ entry: [] }),
      body({ object: 'page' }),
      body({ object: 'page', entry: {} }),
      body({ object: 'page', entry: ['x'] }),
      body({ object: 'page', entry: [{ id: 'P', messaging: {} }] }),
      body({ object: 'page', entry: [{ id: 'P', messaging: [ev({ message: { text: 'no mid' } })] }] }),
      body({ object: 'page', entry: [{ id: 'P', messaging: [ev({ sender: {}, message: { mid: 'a', text: 'x' } })] }] }),
      body({ object: 'page', entry: [{ id: 'P', messaging: [ev({ timestamp: 'soon', message: { mid: 'a', text: 'x' } })] }] }),
      body({ object: 'page', entry: [{ id: 'P', messaging: [ev({ postback: { title: 'no payload' } })] }] }),
    ];
    for (const raw of bad) expect(() => messenger.parse(raw), raw.toString()).toThrow(MalformedPayload);
  });
});
