import type { Role, User, UserScope } from '../users/index.ts';

export type { Role, User, UserScope };

/** A signed-in request's identity: the user and their session's CSRF token. */
export interface Viewer {
  readonly user: User;
  readonly sessionId: string;
  readonly csrf: string;
}

export const QUEUE_STATUS_FILTERS = ['open', 'new', 'in_progress', 'answered', 'reopened', 'closed', 'all'] as const;
export type QueueStatusFilter = (typeof QUEUE_STATUS_FILTERS)[number];

export interface QueueFilter {
  readonly status: QueueStatusFilter;
  readonly label: string | null;
  /** The field (lĩnh vực). */
  readonly topic: string | null;
  /** Cases due on or before this date (YYYY-MM-DD). */
  readonly dueBefore: string | null;
  readonly overdueOnly: boolean;
  readonly channel: 'zalo' | 'messenger' | 'local' | null;
  /** 'me', 'none', or a user id. */
  readonly assigned: string | null;
  readonly limit: number;
}
