import type { Redis } from 'ioredis';
import type { Database } from '../db/index.ts';
import type { DeadlineNotice } from '../deadline-jobs/index.ts';
import type { Mailer } from '../digests/index.ts';
import { publishNotificationChanged } from '../inbox/index.ts';
import type { Logger } from '../observability/index.ts';
import { getUser, type User } from '../users/index.ts';
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

/** Some e-mail copies of a notice were not accepted; the inbox has the notice already. */
export class NoticeMailFailed extends Error {
  override name = 'NoticeMailFailed';
  readonly failures: readonly { readonly notificationId: string; readonly error: string }[];
  constructor(failures: readonly { readonly notificationId: string; readonly error: string }[]) {
    super(`${failures.length} deadline notice e-mail(s) not accepted: ${failures.map((f) => f.error).join('; ')}`);
    this.failures = failures;
  }
}

/**
 * Turns a committed deadline notice into one inbox notification per recipient, tells their
 * open pages, and copies it by e-mail where an address and SMTP are configured. The unique
 * key (user, case, kind, version) makes a repeated notice tell nobody again; its e-mail
 * copies not yet accepted are sent then, so the deadline job's retries are the mail's retries.
 * Throws NoticeMailFailed when a copy was refused, after trying every one.
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
    const emailed = d.mailer ? await emailUnsent(d, d.mailer, notice) : 0;
    return { userIds: told.map((x) => x.user.id), emailed };
  };
}

/** Sends the e-mail copies of this notice that no server has accepted yet. */
async function emailUnsent(d: StaffNotifierDeps, mailer: Mailer, notice: DeadlineNotice): Promise<number> {
  const unsent = await d.db.query<{ id: string; user_id: string }>(
    `SELECT n.id::text AS id, n.user_id::text AS user_id FROM staff_notifications n JOIN users u ON u.id = n.user_id
     WHERE n.case_id = $1 AND n.kind = $2 AND n.deadline_version = $3
       AND n.emailed_at IS NULL AND u.email IS NOT NULL AND u.active
     ORDER BY n.id`,
    [notice.caseId, notice.kind, notice.version],
  );
  let emailed = 0;
  const failures: { notificationId: string; error: string }[] = [];
  for (const row of unsent) {
    const user = await getUser(d.db, row.user_id);
    if (!user?.email) continue;
    try {
      await emailOne(d, mailer, notice, user, row.id);
      emailed++;
    } catch (err) {
      d.log?.warn({ notificationId: row.id, userId: user.id, err: errText(err) }, 'deadline notice e-mail failed');
      failures.push({ notificationId: row.id, error: errText(err) });
    }
  }
  if (failures.length > 0) throw new NoticeMailFailed(failures);
  return emailed;
}

async function emailOne(d: StaffNotifierDeps, mailer: Mailer, notice: DeadlineNotice, user: User, notificationId: string): Promise<void> {
  const mail = renderNoticeEmail({
    locale: user.locale,
    kind: notice.kind,
    recipientName: user.displayName,
    caseCode: notice.code,
    dueDate: notice.dueDate,
    caseUrl: d.publicUrl ? new URL(`/inbox/cases/${encodeURIComponent(notice.caseId)}`, d.publicUrl).toString() : null,
    letterDrafted: notice.letterId !== undefined,
  });
  // The Message-ID is the notification's: a copy sent again after a crash is the same mail.
  await mailer.send({ from: d.from, to: { name: user.displayName, address: user.email! }, ...mail, messageId: messageIdOf(notificationId, d.from) });
  await d.db.query('UPDATE staff_notifications SET emailed_at = now() WHERE id = $1', [notificationId]);
}

function messageIdOf(notificationId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'congboc.invalid';
  return `<staff-notice.${notificationId}@${domain}>`;
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
