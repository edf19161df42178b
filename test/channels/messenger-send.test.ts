import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChannelSendError, createChannels, type OutboundMessage, type SendOptions, validateOutbound } from '../../src/channels/index.ts';
import { testRedis } from '../support/redis.ts';
import { config, MemoryTokenStore, messengerAccount } from './helpers.ts';

const redis = testRedis();
const { messenger } = createChannels(config, { redis, tokens: new MemoryTokenStore() }).clients;
const PATH = '/v25.0/PAGE_ID/messages';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(async () => {
  nock.enableNetConnect();
  await redis.quit();
});

function msg(type: string, payload: unknown): OutboundMessage {
  return validateOutbound({ type, payload });
}

/** Sends and returns the request bodies the Send API received, in order. */
async function sent(message: OutboundMessage, opts: SendOptions = {}): Promise<Record<string, unknown>[]> {
  const bodies: Record<string, unknown>[] = [];
  nock.cleanAll();
  nock(config.graphApiBase)
    .post(PATH, (b: Record<string, unknown>) => {
      bodies.push(b);
      return true;
    })
    .query({ access_token: 'page-token' })
    .times(20)
    .reply(200, () => ({ recipient_id: 'PSID', message_id: `m_${bodies.length}` }));
  const result = await messenger.send(messengerAccount(), 'PSID', message, opts);
  expect(result.platformMessageId).toBe(`m_${bodies.length}`);
  for (const b of bodies) expect(b.recipient).toEqual({ id: 'PSID' });
  return bodies;
}

async function messages(message: OutboundMessage): Promise<unknown[]> {
  return (await sent(message)).map((b) => {
    expect(b.messaging_type).toBe('RESPONSE');
    return b.message;
  });
}

const HINT = 'Trả lời bằng số thứ tự (ví dụ: 1).';

describe('messenger rendering', () => {
  it('text, split over 2,000 characters', async () => {
    expect(await messages(msg('text', { text: 'Dạ' }))).toEqual([{ text: 'Dạ' }]);
    const parts = (await messages(msg('text', { text: 'y'.repeat(2500) }))) as { text: string }[];
    expect(parts.map((p) => p.text.length)).toEqual([2000, 500]);
  });

  it('choice as quick replies', async () => {
    expect(
      await messages(
        msg('choice', {
          text: 'Chọn lĩnh vực:',
          options: [
            { label: 'Giao thông', value: 'CAT_TRAFFIC' },
            { label: 'Môi trường', value: 'CAT_ENV' },
          ],
        }),
      ),
    ).toEqual([
      {
        text: 'Chọn lĩnh vực:',
        quick_replies: [
          { content_type: 'text', title: 'Giao thông', payload: 'CAT_TRAFFIC' },
          { content_type: 'text', title: 'Môi trường', payload: 'CAT_ENV' },
        ],
      },
    ]);
  });

  it('choice over the limits (14 options, or a title over 20 characters) as numbered text', async () => {
    const many = Array.from({ length: 14 }, (_, i) => ({ label: `Xã ${i + 1}`, value: `c${i + 1}` }));
    const [many14] = (await messages(msg('dropdown', { text: 'Chọn xã:', options: many }))) as { text: string }[];
    expect(many14?.text).toBe(`Chọn xã:\n\n${many.map((o, i) => `${i + 1}. ${o.label}`).join('\n')}\n\n${HINT}`);
    const long = [{ label: 'Tài nguyên và môi trường', value: 'env' }];
    expect(await messages(msg('choice', { text: 'Chọn:', options: long }))).toEqual([{ text: `Chọn:\n\n1. Tài nguyên và môi trường\n\n${HINT}` }]);
  });

  it('image, audio, video and file as attachments; a title goes first as text', async () => {
    const att = (type: string, url: string) => ({ attachment: { type, payload: { url, is_reusable: true } } });
    expect(await messages(msg('image', { imageUrl: 'https://cdn/a.jpg' }))).toEqual([att('image', 'https://cdn/a.jpg')]);
    expect(await messages(msg('file', { fileUrl: 'https://cdn/t.pdf', title: 'Thư xin lỗi' }))).toEqual([
      { text: 'Thư xin lỗi' },
      att('file', 'https://cdn/t.pdf'),
    ]);
    expect(await messages(msg('audio', { audioUrl: 'https://cdn/a.mp3' }))).toEqual([att('audio', 'https://cdn/a.mp3')]);
    expect(await messages(msg('video', { videoUrl: 'https://cdn/v.mp4' }))).toEqual([att('video', 'https://cdn/v.mp4')]);
  });

  it('card and carousel as generic templates', async () => {
    const card = {
      title: 'Hồ sơ HS-001',
      subtitle: 'Đang xử lý',
      imageUrl: 'https://cdn/c.png',
      actions: [
        { action: 'postback', label: 'Xem chi tiết', value: 'CASE_DETAIL' },
        { action: 'url', label: 'Dịch vụ công', value: 'https://dichvucong.gov.vn' },
        { action: 'say', label: 'Cảm ơn', value: 'cam on' },
      ],
    };
    const element = {
      title: 'Hồ sơ HS-001',
      subtitle: 'Đang xử lý',
      image_url: 'https://cdn/c.png',
      buttons: [
        { type: 'postback', title: 'Xem chi tiết', payload: 'CASE_DETAIL' },
        { type: 'web_url', title: 'Dịch vụ công', url: 'https://dichvucong.gov.vn' },
        { type: 'postback', title: 'Cảm ơn', payload: 'cam on' },
      ],
    };
    const generic = (elements: unknown[]) => ({ attachment: { type: 'template', payload: { template_type: 'generic', elements } } });
    expect(await messages(msg('card', card))).toEqual([generic([element])]);
    expect(await messages(msg('carousel', { items: [card, { title: 'B', subtitle: 'b', actions: [] }] }))).toEqual([
      generic([element, { title: 'B', subtitle: 'b' }]),
    ]);
  });

  it('a card with four buttons, or eleven carousel items, as numbered text', async () => {
    const actions = ['Một', 'Hai', 'Ba', 'Bốn'].map((label, i) => ({ action: 'postback', label, value: `v${i}` }));
    expect(await messages(msg('card', { title: 'Chọn', actions }))).toEqual([{ text: `Chọn\n1. Một\n2. Hai\n3. Ba\n4. Bốn\n\n${HINT}` }]);
    const items = Array.from({ length: 11 }, (_, i) => ({ title: `T${i}`, actions: [{ action: 'postback', label: 'OK', value: `ok${i}` }] }));
    const [carousel] = (await messages(msg('carousel', { items }))) as { text: string }[];
    expect(carousel?.text.startsWith('T0\n1. OK\n\nT1\n2. OK')).toBe(true);
    expect(carousel?.text.endsWith(`T10\n11. OK\n\n${HINT}`)).toBe(true);
  });

  it('location as text with a map link; bloc as its items in order', async () => {
    expect(await messages(msg('location', { latitude: 16.75, longitude: 107.19, title: 'UBND xã' }))).toEqual([
      { text: 'UBND xã\nhttps://www.google.com/maps/search/?api=1&query=16.75,107.19' },
    ]);
    const bloc = { items: [{ type: 'text', payload: { text: 'Ảnh:' } }, { type: 'image', payload: { imageUrl: 'https://cdn/x.jpg' } }] };
    expect(await messages(msg('bloc', bloc))).toEqual([
      { text: 'Ảnh:' },
      { attachment: { type: 'image', payload: { url: 'https://cdn/x.jpg', is_reusable: true } } },
    ]);
  });

  it('messaging type UPDATE, or MESSAGE_TAG with its tag', async () => {
    const [update] = await sent(msg('text', { text: 'x' }), { messaging: { kind: 'UPDATE' } });
    expect(update).toMatchObject({ messaging_type: 'UPDATE' });
    expect(update).not.toHaveProperty('tag');
    const [tagged] = await sent(msg('text', { text: 'x' }), { messaging: { kind: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' } });
    expect(tagged).toEqual({ recipient: { id: 'PSID' }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'x' } });
  });

  it('sender actions', async () => {
    const bodies: unknown[] = [];
    nock(config.graphApiBase)
      .post(PATH, (b) => {
        bodies.push(b);
        return true;
      })
      .query({ access_token: 'page-token' })
      .times(2)
      .reply(200, { recipient_id: 'PSID' });
    await messenger.senderAction(messengerAccount(), 'PSID', 'typing_on');
    await messenger.senderAction(messengerAccount(), 'PSID', 'mark_seen');
    expect(bodies).toEqual([
      { recipient: { id: 'PSID' }, sender_action: 'typing_on' },
      { recipient: { id: 'PSID' }, sender_action: 'mark_seen' },
    ]);
  });
});

describe('messenger error mapping', () => {
  async function failure(status: number, error: Record<string, unknown> | string): Promise<ChannelSendError> {
    nock(config.graphApiBase).post(PATH).query(true).reply(status, typeof error === 'string' ? error : { error });
    const err = await messenger.send(messengerAccount(), 'PSID', msg('text', { text: 'x' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelSendError);
    return err as ChannelSendError;
  }

  it.each([
    [400, { code: 10, error_subcode: 2018278, message: '(#10) This message is sent outside of allowed window.' }, 'outside_window', '10/2018278'],
    [400, { code: 10, message: '(#10) Application does not have permission' }, 'permanent', '10'],
    [400, { code: 10, error_subcode: 1893063, message: '(#10) This Page is temporarily restricted from messaging.' }, 'restricted', '10/1893063'],
    [400, { code: 551, message: "(#551) This person isn't available right now." }, 'unreachable', '551'],
    [400, { code: 100, error_subcode: 2018001, message: 'No matching user found' }, 'unreachable', '100/2018001'],
    [400, { code: 613, message: '(#613) Calls to this api have exceeded the rate limit.' }, 'rate_limited', '613'],
    [400, { code: 4, message: 'Application request limit reached' }, 'rate_limited', '4'],
    [400, { code: 32, message: 'Page request limit reached' }, 'rate_limited', '32'],
    [401, { code: 190, message: 'Invalid OAuth access token.' }, 'needs_regrant', '190'],
    [500, { code: 2, message: 'An unexpected error has occurred.' }, 'transient', '2'],
    [500, { code: 1200, message: 'Temporary send message failure.' }, 'transient', '1200'],
    [400, { code: 100, message: 'Invalid parameter' }, 'permanent', '100'],
    [503, 'Service Unavailable', 'transient', 'http_503'],
    [429, 'Too many', 'rate_limited', 'http_429'],
  ])('HTTP %i %j → %s', async (status, error, kind, code) => {
    const err = await failure(status, error);
    expect(err.kind).toBe(kind);
    expect(err.platformCode).toBe(code);
    expect(err.message).not.toContain('page-token');
  });

  it('timeouts are transient; a page without a token is permanent', async () => {
    const slow = createChannels({ ...config, httpTimeoutMs: 100 }, { redis, tokens: new MemoryTokenStore() }).clients.messenger;
    nock(config.graphApiBase).post(PATH).query(true).delay(1000).reply(200, { message_id: 'late' });
    const err = await slow.send(messengerAccount(), 'PSID', msg('text', { text: 'x' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelSendError);
    expect((err as ChannelSendError).kind).toBe('transient');
    const noToken = await messenger.send(messengerAccount({ accessToken: null }), 'PSID', msg('text', { text: 'x' })).catch((e: unknown) => e);
    expect((noToken as ChannelSendError).kind).toBe('permanent');
  });
});
