import { MalformedPayload, type RejectedItem } from '../contract.ts';
import { isRecord, toEpochMs } from '../shared.ts';
import type { ChannelEvent, EventContent } from '../types.ts';

/**
 * Messenger webhook → events (CHANNELS.md B1). Meta batches: every entry and every messaging
 * item is read. Echoes of our own sends, delivery/read receipts and kinds we do not handle are
 * dropped. Newer reference pages show `changes[{field, value}]` instead of `messaging[]`; both
 * are read.
 */

function fail(what: string): never {
  throw new MalformedPayload(`messenger: ${what}`);
}

function idOf(party: unknown, what: string): string {
  if (isRecord(party) && typeof party.id === 'string' && party.id !== '') return party.id;
  return fail(`${what}.id missing or not a string`);
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function attachmentContent(att: unknown, caption: string | undefined): EventContent | null {
  if (!isRecord(att) || typeof att.type !== 'string') return fail('attachment without a type');
  const p = isRecord(att.payload) ? att.payload : {};
  const url = optionalText(p.url);
  switch (att.type) {
    case 'image': {
      // Stickers arrive as images carrying a sticker_id (a number in Meta's payloads).
      if (p.sticker_id !== undefined) {
        return { type: 'sticker', stickerId: String(p.sticker_id), ...(url ? { url } : {}) };
      }
      return url ? { type: 'image', url, ...(caption ? { caption } : {}) } : fail('image without url');
    }
    case 'video':
    case 'audio':
    case 'file': {
      const name = optionalText(p.name) ?? optionalText(att.title);
      return url ? { type: 'file', url, ...(name ? { name } : {}) } : fail(`${att.type} without url`);
    }
    case 'location': {
      const c = isRecord(p.coordinates) ? p.coordinates : fail('location without coordinates');
      const latitude = Number(c.lat);
      const longitude = Number(c.long);
      if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) fail('location coordinates are not numbers');
      const address = optionalText(att.title);
      return { type: 'location', latitude, longitude, ...(address ? { address } : {}) };
    }
    case 'sticker':
      // Since 30/08/2026 Meta sends stickers as their own type, no longer as an image.
      return { type: 'sticker', ...(p.sticker_id !== undefined ? { stickerId: String(p.sticker_id) } : {}), ...(url ? { url } : {}) };
    case 'fallback':
    case 'link':
    case 'share':
    case 'reel':
    case 'ig_reel': {
      // A shared link or reel: the link is what the citizen sent, with whatever they wrote.
      const text = [caption, optionalText(att.title) ?? optionalText(p.title), url].filter(Boolean).join('\n');
      return text ? { type: 'text', text } : null;
    }
    default:
      return null;
  }
}

function messagingEvents(event: unknown, entryId: unknown, entryTime: unknown): ChannelEvent[] {
  if (!isRecord(event)) fail('messaging item is not an object');
  const message = isRecord(event.message) ? event.message : undefined;
  const postback = isRecord(event.postback) ? event.postback : undefined;
  if (message?.is_echo === true || (!message && !postback)) return [];

  const userRef = idOf(event.sender, 'sender');
  const accountRef = isRecord(event.recipient) ? idOf(event.recipient, 'recipient') : idOf({ id: entryId }, 'entry');
  const rawTime = event.timestamp ?? entryTime;
  const base = { platform: 'messenger' as const, accountRef, userRef, timestamp: toEpochMs(rawTime) };

  if (postback) {
    const payload = typeof postback.payload === 'string' ? postback.payload : fail('postback.payload missing');
    const text = optionalText(postback.title);
    // Postbacks before Graph v11 carry no mid; the same user, page and time identify a redelivery.
    const eventId = optionalText(postback.mid) ?? `postback:${accountRef}:${userRef}:${String(rawTime)}`;
    return [{ ...base, eventId, content: { type: 'postback', payload, ...(text ? { text } : {}) } }];
  }

  const msg = message as Record<string, unknown>;
  const mid = optionalText(msg.mid) ?? fail('message.mid missing');
  if (msg.text !== undefined && typeof msg.text !== 'string') fail('message.text is not a string');
  const text = optionalText(msg.text);
  if (isRecord(msg.quick_reply) && typeof msg.quick_reply.payload === 'string') {
    const content: EventContent = { type: 'postback', payload: msg.quick_reply.payload, ...(text ? { text } : {}) };
    return [{ ...base, eventId: mid, content }];
  }
  const attachments = msg.attachments ?? [];
  if (!Array.isArray(attachments)) fail('message.attachments is not an array');
  const contents = attachments
    .map((att) => attachmentContent(att, text))
    .filter((c): c is EventContent => c !== null);
  if (contents.length === 0 && text) contents.push({ type: 'text', text });
  return contents.map((content, i) => ({ ...base, eventId: i === 0 ? mid : `${mid}#${i}`, content }));
}

/**
 * One messaging item; with `onRejected` an unreadable one is reported and skipped, so the
 * good messages of the same batch are still taken (Meta would otherwise resend them all).
 */
function itemEvents(item: unknown, entry: Record<string, unknown>, index: string, onRejected?: (r: RejectedItem) => void): ChannelEvent[] {
  try {
    return messagingEvents(item, entry.id, entry.time);
  } catch (err) {
    if (!onRejected || !(err instanceof MalformedPayload)) throw err;
    const message = isRecord(item) && isRecord(item.message) ? item.message : undefined;
    const mid = optionalText(message?.mid);
    const accountRef = typeof entry.id === 'string' ? entry.id : undefined;
    const at = isRecord(item) ? String(item.timestamp ?? entry.time ?? '') : String(entry.time ?? '');
    onRejected({ platform: 'messenger', accountRef, reference: mid ?? `${accountRef ?? '?'}:${at}:${index}`, reason: err.message });
    return [];
  }
}

/** `body` is the webhook's JSON, already parsed. */
export function parseMessenger(body: unknown, onRejected?: (item: RejectedItem) => void): ChannelEvent[] {
  if (!isRecord(body) || typeof body.object !== 'string') fail('body has no "object"');
  if (!Array.isArray(body.entry)) fail('body has no "entry" array');
  // Another product (e.g. Instagram) subscribed to this URL is not ours to read, nor an attack.
  if (body.object !== 'page') return [];

  const events: ChannelEvent[] = [];
  for (const entry of body.entry) {
    if (!isRecord(entry)) fail('entry is not an object');
    const messaging = entry.messaging ?? [];
    const changes = entry.changes ?? [];
    if (!Array.isArray(messaging) || !Array.isArray(changes)) fail('entry.messaging/changes is not an array');
    messaging.forEach((item, i) => {
      events.push(...itemEvents(item, entry, String(i), onRejected));
    });
    changes.forEach((change, i) => {
      if (!isRecord(change)) fail('entry.changes item is not an object');
      if (change.field === 'messages' || change.field === 'messaging_postbacks') {
        events.push(...itemEvents(change.value, entry, `c${i}`, onRejected));
      }
    });
  }
  return events;
}
