import { MalformedPayload, type RejectedItem } from '../contract.ts';
import { isRecord, toEpochMs } from '../shared.ts';
import type { ChannelEvent, EventContent } from '../types.ts';

/**
 * Zalo OA webhook envelope → events (CHANNELS.md A1). One delivery is one Zalo event; a message
 * with several attachments becomes one event each. OA echoes (oa_send_*), receipts and events
 * we do not know are dropped: answering an echo would loop, and new event kinds must not fail
 * deliveries. All ids stay strings, they exceed 2^53.
 */

const MESSAGE_EVENTS = new Set([
  'user_send_text',
  'user_send_image',
  'user_send_gif',
  'user_send_file',
  'user_send_audio',
  'user_send_video',
  'user_send_sticker',
  'user_send_location',
  'user_send_link',
  'user_send_business_card',
]);

function fail(what: string): never {
  throw new MalformedPayload(`zalo: ${what}`);
}

function idOf(party: unknown, what: string): string {
  if (isRecord(party) && typeof party.id === 'string' && party.id !== '') return party.id;
  return fail(`${what}.id missing or not a string`);
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function coordinate(value: unknown, what: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : fail(`${what} is not a number`);
}

function attachmentContent(att: unknown, caption: string | undefined): EventContent | null {
  if (!isRecord(att) || typeof att.type !== 'string') return fail('attachment without a type');
  const p = isRecord(att.payload) ? att.payload : {};
  const url = optionalText(p.url);
  switch (att.type) {
    case 'image':
    case 'gif':
      return url ? { type: 'image', url, ...(caption ? { caption } : {}) } : fail(`${att.type} without url`);
    case 'file':
    case 'audio':
    case 'video': {
      const name = optionalText(p.name);
      return url ? { type: 'file', url, ...(name ? { name } : {}) } : fail(`${att.type} without url`);
    }
    case 'sticker': {
      const stickerId = optionalText(p.id);
      return { type: 'sticker', ...(stickerId ? { stickerId } : {}), ...(url ? { url } : {}) };
    }
    case 'location': {
      const c = isRecord(p.coordinates) ? p.coordinates : fail('location without coordinates');
      return {
        type: 'location',
        latitude: coordinate(c.latitude, 'latitude'),
        longitude: coordinate(c.longitude, 'longitude'),
        ...(caption ? { address: caption } : {}),
      };
    }
    case 'link': {
      const text = [caption, url].filter(Boolean).join('\n');
      return text ? { type: 'text', text } : null;
    }
    default:
      return null;
  }
}

function messageEvents(body: Record<string, unknown>, timestamp: number): ChannelEvent[] {
  const base = {
    platform: 'zalo' as const,
    accountRef: idOf(body.recipient, 'recipient'),
    userRef: idOf(body.sender, 'sender'),
    timestamp,
  };
  const message = isRecord(body.message) ? body.message : fail('message missing');
  const msgId = optionalText(message.msg_id) ?? fail('message.msg_id missing');
  if (message.text !== undefined && typeof message.text !== 'string') fail('message.text is not a string');
  const text = optionalText(message.text);
  const attachments = message.attachments ?? [];
  if (!Array.isArray(attachments)) fail('message.attachments is not an array');

  const contents = attachments
    .map((att) => attachmentContent(att, text))
    .filter((c): c is EventContent => c !== null);
  if (contents.length === 0 && text) contents.push({ type: 'text', text });
  // The first event keeps Zalo's own id, so redelivery of a single-part message dedupes on msg_id.
  return contents.map((content, i) => ({ ...base, eventId: i === 0 ? msgId : `${msgId}#${i}`, content }));
}

/** user_submit_info has been seen with sender/recipient and with flat oa_id/user ids. */
function submitInfoEvent(body: Record<string, unknown>, timestamp: number): ChannelEvent {
  const userRef = isRecord(body.sender) ? idOf(body.sender, 'sender') : idOf(body.follower, 'follower');
  const accountRef = isRecord(body.recipient)
    ? idOf(body.recipient, 'recipient')
    : (optionalText(body.oa_id) ?? fail('oa_id missing'));
  const info = isRecord(body.info) ? body.info : fail('info missing');
  const name = optionalText(info.name);
  const phone = optionalText(info.phone);
  const address = [info.address, info.ward, info.district, info.city]
    .map(optionalText)
    .filter((part): part is string => part !== undefined)
    .join(', ');
  return {
    platform: 'zalo',
    accountRef,
    userRef,
    eventId: `user_submit_info:${String(body.timestamp)}:${userRef}`,
    timestamp,
    content: {
      type: 'user_submit_info',
      ...(name ? { name } : {}),
      ...(phone ? { phone } : {}),
      ...(address ? { address } : {}),
    },
  };
}

/**
 * `body` is the webhook's JSON, already parsed. With `onRejected`, an event Zalo signed but
 * we cannot read (an image without url) is reported there instead of failing the delivery:
 * refusing it would only make Zalo send the same unreadable event again.
 */
export function parseZalo(body: unknown, onRejected?: (item: RejectedItem) => void): ChannelEvent[] {
  if (!isRecord(body)) fail('body is not an object');
  const name = body.event_name;
  if (typeof name !== 'string') fail('event_name missing');
  try {
    return eventsOf(body, name);
  } catch (err) {
    if (!onRejected || !(err instanceof MalformedPayload)) throw err;
    const message = isRecord(body.message) ? body.message : undefined;
    const recipient = isRecord(body.recipient) ? body.recipient : undefined;
    const accountRef = optionalText(recipient?.id) ?? optionalText(body.oa_id);
    const sender = isRecord(body.sender) ? optionalText(body.sender.id) : undefined;
    const reference = optionalText(message?.msg_id) ?? `${name}:${String(body.timestamp ?? '')}:${sender ?? '?'}`;
    onRejected({ platform: 'zalo', accountRef, reference, reason: err.message });
    return [];
  }
}

function eventsOf(body: Record<string, unknown>, name: string): ChannelEvent[] {
  if (MESSAGE_EVENTS.has(name)) return messageEvents(body, toEpochMs(body.timestamp));
  if (name === 'follow' || name === 'unfollow') {
    const userRef = idOf(body.follower, 'follower');
    return [
      {
        platform: 'zalo',
        accountRef: optionalText(body.oa_id) ?? fail('oa_id missing'),
        userRef,
        // Non-message events carry no id; this triple is what a redelivery repeats exactly.
        eventId: `${name}:${String(body.timestamp)}:${userRef}`,
        timestamp: toEpochMs(body.timestamp),
        content: { type: name },
      },
    ];
  }
  if (name === 'user_submit_info') return [submitInfoEvent(body, toEpochMs(body.timestamp))];
  return [];
}
