import type { Queryable } from '../db/index.ts';
import type { DeadlineKind } from '../deadlines/index.ts';
import type { User } from '../users/index.ts';
import { InboxError } from './errors.ts';

/**
 * The signed-in user's own deadline notices (written by the alerts area). Every query is keyed
 * by the viewer's id: another user's notification is indistinguishable from one that does not
 * exist. A notice carries the case's code, never its content or reporter.
 */

export interface NotificationItem {
  readonly id: string;
  /** Which deadline job told the user. */
  readonly kind: DeadlineKind;
  readonly caseId: string;
  readonly caseCode: string;
  /** The due date the notice was about (YYYY-MM-DD). */
  readonly dueDate: string;
  readonly createdAt: Date;
  readonly readAt: Date | null;
}

interface Row {
  id: string;
  kind: DeadlineKind;
  case_id: string;
  code: string;
  due_date: string;
  created_at: Date | string;
  read_at: Date | string | null;
}

export async function listNotifications(
  db: Queryable,
  user: User,
  opts: { unreadOnly?: boolean; limit?: number } = {},
): Promise<NotificationItem[]> {
  const rows = await db.query<Row>(
    `SELECT n.id::text AS id, n.kind, n.case_id::text AS case_id, c.code, to_char(n.due_date, 'YYYY-MM-DD') AS due_date,
       n.created_at, n.read_at
     FROM staff_notifications n JOIN cases c ON c.id = n.case_id
     WHERE n.user_id = $1 AND (NOT $2 OR n.read_at IS NULL)
     ORDER BY n.id DESC LIMIT $3`,
    [user.id, opts.unreadOnly ?? false, Math.min(Math.max(opts.limit ?? 50, 1), 200)],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    caseId: r.case_id,
    caseCode: r.code,
    dueDate: r.due_date,
    createdAt: new Date(r.created_at),
    readAt: r.read_at === null ? null : new Date(r.read_at),
  }));
}

export async function unreadNotifications(db: Queryable, user: User): Promise<number> {
  const rows = await db.query<{ n: string | number }>(
    'SELECT count(*) AS n FROM staff_notifications WHERE user_id = $1 AND read_at IS NULL',
    [user.id],
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Marks one of the user's notifications read (again is fine) and returns its case id; anyone
 * else's is not found.
 */
async function markNotificationRead(db: Queryable, user: User, id: string): Promise<{ caseId: string }> {
  const rows = /^\d{1,18}$/.test(id)
    ? await db.query<{ case_id: string }>(
        `UPDATE staff_notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2
         RETURNING case_id::text AS case_id`,
        [id, user.id],
      )
    : [];
  if (!rows[0]) throw new InboxError('CB_ERR_CASE_NOT_FOUND', 'no such notification');
  return { caseId: rows[0].case_id };
}

/** Marks all of the user's notifications read; returns how many were unread. */
async function markAllNotificationsRead(db: Queryable, user: User): Promise<number> {
  const rows = await db.query('UPDATE staff_notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id', [
    user.id,
  ]);
  return rows.length;
}

export interface NotificationDeps {
  readonly db: Queryable;
  /** Tells the user's other open pages, so their bell count follows. */
  readonly publishNotification: (userId: string) => Promise<void>;
}

/** Reads one of the user's notifications (its case id back) and updates their open pages. */
export async function readNotification(d: NotificationDeps, user: User, id: string): Promise<{ caseId: string }> {
  const read = await markNotificationRead(d.db, user, id);
  await d.publishNotification(user.id);
  return read;
}

/** Reads all of the user's notifications; returns how many were unread. */
export async function readAllNotifications(d: NotificationDeps, user: User): Promise<number> {
  const marked = await markAllNotificationsRead(d.db, user);
  if (marked) await d.publishNotification(user.id);
  return marked;
}
