import type { Redis } from 'ioredis';
import type { Database } from '../db/index.ts';
import type { DeadlineNotice } from '../deadlines/index.ts';
import type { Mailer } from '../digests/index.ts';
import { publishNotificationChanged } from '../inbox/index.ts';
import type { Logger } from '../observability/index.ts';
import type { User } from '../users/index.ts';
import { renderNoticeEmail } from './email.ts';
import { noticeRecipients } from './recipients.ts';

export interface StaffNotifierDeps {
  readonly db: Database;
  /** Publishes the live change open inbox pages listen to. */
  readonly redis: Redis;
  /** The inbox's Redis prefix (the queue prefix). */
  readonly prefix: string;
  /** Without one (no SMTP_URL) notices stay in the inbox. */
  readonly mailer?: Mailer | null;
  /** The From header of notice e-mails. */
  readonly from: string;
  /** PUBLIC_URL: e-mails link to the case when it is known. */
  readonly publicUrl?: string | undefined;
  readonly log?: Logger;
  readonly now?: () => Date;
}

export interface StaffNotified {
  /** Users told now; a repeated notice finds them told already and tells nobody. */
  readonly userIds: readonly string[];
  readonly emailed: number;
}

/**
 * Turns a committed deadline notice into one inbox notification per recipient, tells their
 * open pages, and copies it by e-mail where an address and SMTP are configured. The unique
 * key (user, case, kind, version) makes a repeated notice a no-op, e-mail included; a mail
 * that fails is logged and left unsent, never failing the notice, since the inbox already has it.
 */
export function staffNotifier(d: StaffNotifierDeps): (notice: DeadlineNotice) => Promise<StaffNotified> {
  const now = d.now ?? (() => new Date());
  return async (notice) => {
    const at = now();
    const told = await d.db.transaction(async (tx) => {
      const recipients = await noticeRecipients(tx, notice.kind, notice);
      const out: { user: User; notificationId: string }[] = [];
      for (const user of recipients) {
        const rows = await tx.query<{ id: string }>(
          `INSERT INTO staff_notifications (user_id, case_id, kind, deadline_version, due_date, created_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id::text AS id`,
          [user.id, notice.caseId, notice.kind, notice.version, notice.dueDate, at],
        );
        if (rows[0]) out.push({ user, notificationId: rows[0].id });
      }
      return out;
    });
    for (const { user } of told) {
      await publishNotificationChanged(d.redis, d.prefix, { userId: user.id }).catch((err: unknown) =>
        d.log?.warn({ userId: user.id, err: errText(err) }, 'notification change not published'),
      );
    }
    let emailed = 0;
    if (d.mailer) {
      for (const { user, notificationId } of told) {
        if (!user.email) continue;
        if (await emailOne(d, d.mailer, notice, user, notificationId)) emailed++;
      }
    }
    return { userIds: told.map((x) => x.user.id), emailed };
  };
}

async function emailOne(d: StaffNotifierDeps, mailer: Mailer, notice: DeadlineNotice, user: User, notificationId: string): Promise<boolean> {
  const mail = renderNoticeEmail({
    locale: user.locale,
    kind: notice.kind,
    recipientName: user.displayName,
    caseCode: notice.code,
    dueDate: notice.dueDate,
    caseUrl: d.publicUrl ? new URL(`/inbox/cases/${encodeURIComponent(notice.caseId)}`, d.publicUrl).toString() : null,
    letterDrafted: notice.letterId !== undefined,
  });
  try {
    await mailer.send({
      from: d.from,
      to: { name: user.displayName, address: user.email! },
      ...mail,
      messageId: messageIdOf(notificationId, d.from),
    });
    await d.db.query('UPDATE staff_notifications SET emailed_at = now() WHERE id = $1', [notificationId]);
    return true;
  } catch (err) {
    d.log?.warn({ notificationId, userId: user.id, err: errText(err) }, 'deadline notice e-mail failed');
    return false;
  }
}

function messageIdOf(notificationId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'congboc.invalid';
  return `<staff-notice.${notificationId}@${domain}>`;
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
