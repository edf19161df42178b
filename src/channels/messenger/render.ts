import type { Locale } from '../../i18n/index.ts';
import { renderText, splitText } from '../text.ts';
import type { OutboundMessage, OutboundPayload } from '../types.ts';

/** Send API limits (CHANNELS.md B2 and Meta's template reference). */
export const MESSENGER_LIMITS = {
  text: 2000,
  quickReplies: 13,
  quickReplyTitle: 20,
  payload: 1000,
  buttonTitle: 20,
  buttons: 3,
  elementTitle: 80,
  elementSubtitle: 80,
  elements: 10,
} as const;

type Button =
  | { readonly type: 'postback'; readonly title: string; readonly payload: string }
  | { readonly type: 'web_url'; readonly title: string; readonly url: string };

interface GenericElement {
  readonly title: string;
  readonly subtitle?: string;
  readonly image_url?: string;
  readonly buttons?: readonly Button[];
}

/** The `message` object of one Send API request. */
export type MessengerMessage =
  | { readonly text: string }
  | {
      readonly text: string;
      readonly quick_replies: readonly { content_type: 'text'; title: string; payload: string }[];
    }
  | {
      readonly attachment:
        | { readonly type: 'image' | 'audio' | 'video' | 'file'; readonly payload: { url: string; is_reusable: true } }
        | {
            readonly type: 'template';
            readonly payload: { template_type: 'generic'; elements: readonly GenericElement[] };
          };
    };

type Card = OutboundPayload<'card'>;
const L = MESSENGER_LIMITS;

function texts(text: string): MessengerMessage[] {
  return splitText(text, L.text).map((t) => ({ text: t }));
}

function media(type: 'image' | 'audio' | 'video' | 'file', url: string, title: string | undefined): MessengerMessage[] {
  // Messenger attachments have no caption: the title goes first as its own message.
  const attachment: MessengerMessage = { attachment: { type, payload: { url, is_reusable: true } } };
  return title ? [...texts(title), attachment] : [attachment];
}

/** A card as a generic-template element, or null when it breaks a limit and must become text. */
function element(card: Card): GenericElement | null {
  if (card.title.length > L.elementTitle || (card.subtitle?.length ?? 0) > L.elementSubtitle) return null;
  if (card.actions.length > L.buttons) return null;
  const buttons: Button[] = [];
  for (const a of card.actions) {
    if (a.label.length > L.buttonTitle) return null;
    if (a.action === 'url') {
      buttons.push({ type: 'web_url', title: a.label, url: a.value });
    } else {
      // "say" and "postback" both answer the bot; the value comes back as a postback payload.
      if (a.value.length > L.payload) return null;
      buttons.push({ type: 'postback', title: a.label, payload: a.value });
    }
  }
  // A generic element needs something besides its title; a bare title reads better as text.
  if (!card.subtitle && !card.imageUrl && buttons.length === 0) return null;
  return {
    title: card.title,
    ...(card.subtitle ? { subtitle: card.subtitle } : {}),
    ...(card.imageUrl ? { image_url: card.imageUrl } : {}),
    ...(buttons.length > 0 ? { buttons } : {}),
  };
}

function generic(elements: readonly GenericElement[]): MessengerMessage {
  return { attachment: { type: 'template', payload: { template_type: 'generic', elements } } };
}

/**
 * Botpress message → Send API message objects, sent in order. Whatever breaks a Messenger limit
 * (too many or too long quick replies, buttons, elements) falls back to numbered text, which
 * the citizen can answer by number.
 */
export function renderMessenger(message: OutboundMessage, locale: Locale): MessengerMessage[] {
  switch (message.type) {
    case 'text':
      return texts(message.payload.text);
    case 'image':
      return media('image', message.payload.imageUrl, message.payload.title);
    case 'audio':
      return media('audio', message.payload.audioUrl, message.payload.title);
    case 'video':
      return media('video', message.payload.videoUrl, message.payload.title);
    case 'file':
      return media('file', message.payload.fileUrl, message.payload.title);
    case 'choice':
    case 'dropdown': {
      const { text, options } = message.payload;
      const fits =
        options.length > 0 &&
        options.length <= L.quickReplies &&
        text.length <= L.text &&
        options.every((o) => o.label.length <= L.quickReplyTitle && o.value.length <= L.payload);
      if (!fits) return texts(renderText(message, { locale }));
      return [
        {
          text,
          quick_replies: options.map((o) => ({ content_type: 'text' as const, title: o.label, payload: o.value })),
        },
      ];
    }
    case 'card': {
      const el = element(message.payload);
      return el ? [generic([el])] : texts(renderText(message, { locale }));
    }
    case 'carousel': {
      const els = message.payload.items.map(element);
      const all = els.filter((e): e is GenericElement => e !== null);
      return all.length === els.length && all.length > 0 && all.length <= L.elements
        ? [generic(all)]
        : texts(renderText(message, { locale }));
    }
    case 'location':
      return texts(renderText(message, { locale }));
    case 'bloc':
      return message.payload.items.flatMap((item) => renderMessenger(item as OutboundMessage, locale));
  }
}
