import { createHash } from 'node:crypto';
import type { Database } from '../db/index.ts';
import { escapeHtml, type Mailer } from '../digests/index.ts';
import { t } from '../i18n/index.ts';
import type { Logger } from '../observability/index.ts';
import type { ChannelAlert } from '../queue/index.ts';
import { listUsers } from '../users/index.ts';

/**
 * A channel account turned bad: every active admin with an e-mail address is told, in their
 * language, which OA / Page and what the platform said. (The log line is written by the
 * worker.) Without SMTP the admin page's channel table is where they see it.
 */
export function channelAlerts(d: { db: Database; mailer: Mailer | null; from: string; log: Logger }) {
  return async (alert: ChannelAlert): Promise<void> => {
    if (!d.mailer) return;
    const admins = (await listUsers(d.db, { activeOnly: true })).filter((u) => u.role === 'admin' && u.email);
    for (const admin of admins) {
      const vars = {
        platform: t(admin.locale, `inbox.channel.${alert.platform}`),
        id: alert.externalId,
        state: t(admin.locale, `channels.health.${alert.health}`),
        reason: alert.reason,
      };
      const text = t(admin.locale, 'channels.health_alert.text', vars);
      const key = createHash('sha256').update(`${alert.accountId}:${alert.health}:${admin.id}:${Date.now()}`).digest('hex').slice(0, 24);
      await d.mailer.send({
        from: d.from,
        to: { name: admin.displayName, address: admin.email! },
        subject: t(admin.locale, 'channels.health_alert.subject', vars),
        text,
        html: `<pre>${escapeHtml(text)}</pre>`,
        messageId: `<channel-${key}@congboc>`,
      });
    }
  };
}
