import { afterAll, describe, expect, it } from 'vitest';
import {
  type ChannelAccount,
  ChannelSendError,
  createChannels,
  type LocalDelivery,
  localChannel,
  localTextEvent,
  validateOutbound,
} from '../../src/channels/index.ts';
import { testRedis, uniquePrefix } from '../support/redis.ts';
import { config, MemoryTokenStore } from './helpers.ts';

const redis = testRedis();
const subscriber = testRedis();
const prefix = uniquePrefix('local');
const { local } = createChannels(config, { redis, tokens: new MemoryTokenStore(), localChannelPrefix: prefix }).clients;
const account: ChannelAccount = {
  id: '1',
  platform: 'local',
  externalId: 'terminal',
  accessToken: null,
  refreshToken: null,
  tokenExpiresAt: null,
};

afterAll(async () => {
  await subscriber.quit();
  await redis.quit();
});

describe('local channel', () => {
  it('publishes the rendered message to the user’s pub/sub channel', async () => {
    const channel = localChannel(prefix, 'u1');
    expect(channel).toBe(`${prefix}:local:u1`);
    const received = new Promise<LocalDelivery>((resolve) => {
      subscriber.on('message', (ch: string, data: string) => {
        if (ch === channel) resolve(JSON.parse(data) as LocalDelivery);
      });
    });
    await subscriber.subscribe(channel);
    const message = validateOutbound({
      type: 'choice',
      payload: { text: 'Chọn:', options: [{ label: 'Có', value: 'yes' }, { label: 'Không', value: 'no' }] },
    });
    const result = await local.send(account, 'u1', message);
    const delivery = await received;
    expect(delivery.id).toBe(result.platformMessageId);
    expect(delivery.text).toBe('Chọn:\n\n1. Có\n2. Không\n\nTrả lời bằng số thứ tự (ví dụ: 1).');
    expect(delivery.message).toEqual(message);
  });

  it('refuses other platforms’ accounts', async () => {
    const err = await local
      .send({ ...account, platform: 'zalo' }, 'u1', validateOutbound({ type: 'text', payload: { text: 'x' } }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelSendError);
    expect((err as ChannelSendError).kind).toBe('permanent');
  });

  it('turns a typed line into a text event with a unique id', () => {
    const a = localTextEvent('terminal', 'u1', 'xin chào', new Date(1_700_000_000_000));
    const b = localTextEvent('terminal', 'u1', 'xin chào', new Date(1_700_000_000_000));
    expect(a).toMatchObject({ platform: 'local', accountRef: 'terminal', userRef: 'u1', timestamp: 1_700_000_000_000, content: { type: 'text', text: 'xin chào' } });
    expect(a.eventId).not.toBe(b.eventId);
  });
});
