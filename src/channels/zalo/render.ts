import type { Locale } from '../../i18n/index.ts';
import { renderText, splitText } from '../text.ts';
import type { OutboundMessage } from '../types.ts';

/** Zalo CS text limit: "Giới hạn tối đa là 2.000 ký tự". */
export const ZALO_TEXT_MAX = 2000;

interface MediaAttachment {
  readonly type: 'template';
  readonly payload: {
    readonly template_type: 'media';
    readonly elements: readonly [{ readonly media_type: 'image'; readonly url: string }];
  };
}

/** The `message` object of one POST /v3.0/oa/message/cs. */
export type ZaloCsMessage =
  | { readonly text: string; readonly quote_message_id?: string }
  | { readonly text?: string; readonly attachment: MediaAttachment };

function image(url: string, text: string | undefined): ZaloCsMessage {
  const attachment: MediaAttachment = {
    type: 'template',
    payload: { template_type: 'media', elements: [{ media_type: 'image', url }] },
  };
  return text ? { text, attachment } : { attachment };
}

function texts(text: string): ZaloCsMessage[] {
  return splitText(text, ZALO_TEXT_MAX).map((t) => ({ text: t }));
}

/**
 * Botpress message → CS message bodies. Only text and images are sent natively: list templates
 * and buttons are unconfirmed on v3 (CHANNELS.md A2), and files need an upload token, so
 * choices become numbered text and files, audio, video and places become links.
 */
function render(message: OutboundMessage, locale: Locale): ZaloCsMessage[] {
  switch (message.type) {
    case 'text':
      return texts(message.payload.text);
    case 'image': {
      const title = message.payload.title;
      return title && title.length > ZALO_TEXT_MAX
        ? [image(message.payload.imageUrl, undefined), ...texts(title)]
        : [image(message.payload.imageUrl, title)];
    }
    case 'card': {
      const { imageUrl } = message.payload;
      if (!imageUrl) return texts(renderText(message, { locale }));
      const text = renderText(message, { locale, cardImageAsLink: false });
      return text.length <= ZALO_TEXT_MAX ? [image(imageUrl, text)] : [image(imageUrl, undefined), ...texts(text)];
    }
    case 'bloc':
      return message.payload.items.flatMap((item) => render(item as OutboundMessage, locale));
    default:
      return texts(renderText(message, { locale }));
  }
}

export function renderZalo(message: OutboundMessage, locale: Locale, quoteMessageId?: string): ZaloCsMessage[] {
  const parts = render(message, locale);
  const first = parts[0];
  // Quoting is shown for a text reply; it is put on the first part only, and only if it is text.
  if (quoteMessageId && first && !('attachment' in first)) {
    parts[0] = { ...first, quote_message_id: quoteMessageId };
  }
  return parts;
}
