import type { ChannelEvent, EventContent } from './types.ts';

// C0/C1 control characters other than tab and newline, and the invisible marks that make two
// identical-looking texts compare unequal or hide text (bidi overrides, zero-width joiners
// used in spoofing). Emoji sequences keep U+200D inside them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const MAX_TEXT = 4000;

/** Text as the rest of the program may trust it: NFC, no control characters, bounded length. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(CONTROL, '').replace(/\r\n?/g, '\n').slice(0, MAX_TEXT);
}

/**
 * Applied to every event a connector produces: Vietnamese typed on different keyboards
 * arrives in NFC or NFD, and everything after the edge compares text after NFC.
 */
export function sanitizeEvent(event: ChannelEvent): ChannelEvent {
  return { ...event, content: sanitizeContent(event.content) };
}

function sanitizeContent(c: EventContent): EventContent {
  switch (c.type) {
    case 'text':
      return { ...c, text: cleanText(c.text) };
    case 'image':
      return c.caption === undefined ? c : { ...c, caption: cleanText(c.caption) };
    case 'file':
      return c.name === undefined ? c : { ...c, name: cleanText(c.name) };
    case 'location':
      return c.address === undefined ? c : { ...c, address: cleanText(c.address) };
    case 'postback':
      return c.text === undefined ? c : { ...c, text: cleanText(c.text) };
    case 'user_submit_info':
      return {
        type: 'user_submit_info',
        ...(c.name !== undefined ? { name: cleanText(c.name) } : {}),
        ...(c.phone !== undefined ? { phone: cleanText(c.phone) } : {}),
        ...(c.address !== undefined ? { address: cleanText(c.address) } : {}),
      };
    default:
      return c;
  }
}
