import type { Responder } from '../queue/index.ts';
import { t } from '../i18n/index.ts';

/**
 * The conversation logic the worker runs. Until the flow engine is wired in, every event is
 * answered with the Vietnamese greeting, which proves the pipe end to end.
 */
export function createResponder(): Responder {
  const greet = async (ctx: { locale: 'vi' | 'en'; state: unknown }) => ({
    state: ctx.state,
    locale: ctx.locale,
    replies: [{ type: 'text' as const, payload: { text: t(ctx.locale, 'common.greeting', { unit: t(ctx.locale, 'common.unit_fallback') }) } }],
    timer: null,
  });
  return { handle: (_tx, ctx) => greet(ctx), handleTimer: async (_tx, ctx) => ({ state: ctx.state, locale: ctx.locale, replies: [], timer: null }) };
}
