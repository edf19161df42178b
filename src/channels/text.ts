import { type Locale, t } from '../i18n/index.ts';
import type { OutboundMessage, OutboundPayload } from './types.ts';

/**
 * Plain-text rendering for channels that cannot show buttons (Zalo CS, the terminal) and for
 * Messenger when a choice exceeds its quick-reply limits. Options become "1. …" lines so a
 * citizen can answer with a number; resolveNumberedReply maps that answer back.
 */

export interface NumberedOption {
  readonly label: string;
  readonly value: string;
}

type Card = OutboundPayload<'card'>;
type Action = Card['actions'][number];

/** Actions that answer the bot; url actions are links, not answers, so they get no number. */
function isAnswer(action: Action): boolean {
  return action.action === 'postback' || action.action === 'say';
}

/** The options a citizen can answer by number, in the order the rendering numbers them. */
export function numberedOptions(message: OutboundMessage): NumberedOption[] {
  switch (message.type) {
    case 'choice':
    case 'dropdown':
      return message.payload.options.map((o) => ({ label: o.label, value: o.value }));
    case 'card':
      return message.payload.actions.filter(isAnswer).map((a) => ({ label: a.label, value: a.value }));
    case 'carousel':
      return message.payload.items.flatMap((item) =>
        item.actions.filter(isAnswer).map((a) => ({ label: a.label, value: a.value })),
      );
    default:
      return [];
  }
}

/**
 * The value a citizen meant by a text reply to a message rendered as numbered text: "2", "2.",
 * "số 2" or the option's label itself. Null when the reply names no option.
 */
export function resolveNumberedReply(message: OutboundMessage, reply: string): string | null {
  const options = numberedOptions(message);
  const text = reply.normalize('NFKC').trim();
  const digits = /^(?:số\s*)?(\d{1,3})\s*[.)]?$/iu.exec(text);
  if (digits) return options[Number(digits[1]) - 1]?.value ?? null;
  const wanted = text.toLocaleLowerCase('vi');
  return options.find((o) => o.label.normalize('NFKC').trim().toLocaleLowerCase('vi') === wanted)?.value ?? null;
}

function mapsLink(latitude: number, longitude: number): string {
  return `https://www.google.com/maps/search/?api=1&query=${latitude},${longitude}`;
}

function join(lines: readonly (string | undefined)[]): string {
  return lines.filter((l): l is string => l !== undefined && l !== '').join('\n');
}

/** A card's lines; `start` continues the numbering across the items of a carousel. */
function cardLines(card: Card, start: number, withImage: boolean): { text: string; next: number } {
  let n = start;
  const actions = card.actions.map((a) => (isAnswer(a) ? `${n++}. ${a.label}` : `${a.label}: ${a.value}`));
  const text = join([card.title, card.subtitle, withImage ? card.imageUrl : undefined, ...actions]);
  return { text, next: n };
}

export interface TextRenderOptions {
  readonly locale: Locale;
  /** False when the channel shows the card's image itself. */
  readonly cardImageAsLink?: boolean;
}

/** The whole message as one text, links included. Never empty for a valid message. */
export function renderText(message: OutboundMessage, opts: TextRenderOptions): string {
  const { locale } = opts;
  const hint = t(locale, 'channels.reply_with_number');
  switch (message.type) {
    case 'text':
      return message.payload.text;
    case 'image':
      return join([message.payload.title ?? t(locale, 'channels.attachment.image'), message.payload.imageUrl]);
    case 'audio':
      return `${message.payload.title ?? t(locale, 'channels.attachment.audio')}: ${message.payload.audioUrl}`;
    case 'video':
      return `${message.payload.title ?? t(locale, 'channels.attachment.video')}: ${message.payload.videoUrl}`;
    case 'file':
      return `${message.payload.title ?? t(locale, 'channels.attachment.file')}: ${message.payload.fileUrl}`;
    case 'location': {
      const p = message.payload;
      return join([p.title ?? t(locale, 'channels.location'), p.address, mapsLink(p.latitude, p.longitude)]);
    }
    case 'choice':
    case 'dropdown': {
      const lines = message.payload.options.map((o, i) => `${i + 1}. ${o.label}`);
      return lines.length === 0 ? message.payload.text : `${message.payload.text}\n\n${lines.join('\n')}\n\n${hint}`;
    }
    case 'card': {
      const { text, next } = cardLines(message.payload, 1, opts.cardImageAsLink ?? true);
      return next > 1 ? `${text}\n\n${hint}` : text;
    }
    case 'carousel': {
      let n = 1;
      const blocks = message.payload.items.map((item) => {
        const { text, next } = cardLines(item, n, true);
        n = next;
        return text;
      });
      return n > 1 ? `${blocks.join('\n\n')}\n\n${hint}` : blocks.join('\n\n');
    }
    case 'bloc':
      return message.payload.items
        .map((item) => renderText(item as OutboundMessage, opts))
        .join('\n\n');
  }
}

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });
/** Longer than any cluster a keyboard produces (a family emoji is 11 code units). */
const GRAPHEME_LOOKAHEAD = 64;

/**
 * The last place at or before `max` where `text` may be cut without separating what a reader
 * sees as one letter: a letter from its combining accent (decomposed Vietnamese, NFD), the
 * halves of a surrogate pair, the parts of an emoji sequence.
 */
function graphemeCut(text: string, max: number): number {
  let cut = 0;
  // Segmenting a little past the cut sees the whole cluster around it (a truncated window
  // would make its cut-off end look like a cluster of its own).
  for (const { index } of graphemes.segment(text.slice(0, max + GRAPHEME_LOOKAHEAD))) {
    if (index > max) break;
    if (index > 0) cut = index;
  }
  return cut > 0 ? cut : max;
}

/**
 * Cuts text into pieces of at most `max` characters, preferring paragraph, line and word
 * boundaries, so a long answer arrives as several readable messages instead of being refused.
 * The text is composed (NFC) first, and a cut inside a word falls between two graphemes.
 */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text.normalize('NFC').trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = window.lastIndexOf('\n\n');
    if (cut < max / 2) cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) cut = max;
    cut = graphemeCut(rest, cut);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== '') parts.push(rest);
  return parts;
}
