import { type IsoDate, shiftDays, toDayNumber, VIETNAM_UTC_OFFSET_MINUTES } from './iso-date.ts';
import type { Deadlines } from './time-limits.ts';

/**
 * What the deadline queue does for a case, and when. A job carries the schedule version it
 * belongs to; rescheduling bumps the case's version, so older jobs find themselves stale and
 * do nothing — no job ever has to be found and removed.
 */

export const DEADLINES_QUEUE = 'deadlines';

export const DEADLINE_KINDS = ['reminder', 'escalation', 'overdue'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export interface DeadlineJob {
  readonly caseId: string;
  readonly version: number;
  readonly kind: DeadlineKind;
  /** When it is meant to run, epoch ms (by the scheduler's clock). */
  readonly at: number;
  /** A reminder that drafts the apology if the case is still unanswered (DeadlineSettings). */
  readonly draftApology?: boolean;
  /** The due date the job was planned from (YYYY-MM-DD). */
  readonly dueDate: string;
}

export interface DeadlineSettings {
  /** Remind the assigned staff this many working days before the due date. */
  readonly reminderWorkingDaysBefore: number;
  /** Reminders and escalations arrive at this hour (Viet Nam time) of their day. */
  readonly workdayStartHour: number;
  /**
   * A case still unanswered at its reminder is predicted late: its apology is drafted then, at
   * least a working day before the due date, so a leader can sign it in time (DOMAIN.md).
   */
  readonly draftApologyAtReminder: boolean;
}

export const DEFAULT_DEADLINE_SETTINGS: DeadlineSettings = { reminderWorkingDaysBefore: 2, workdayStartHour: 8, draftApologyAtReminder: true };

/** The instant of `hour`:00 in Viet Nam on `date`. */
export function vietnamTime(date: IsoDate, hour: number): Date {
  return new Date(toDayNumber(date) * 86_400_000 + (hour * 60 - VIETNAM_UTC_OFFSET_MINUTES) * 60_000);
}

/**
 * Reminder N working days before, escalation to the leader on the morning of the due day,
 * overdue once the due day is over (the due date is the last day allowed).
 */
export function deadlinePlan(deadlines: Deadlines, due: IsoDate, s: DeadlineSettings): Record<DeadlineKind, Date> {
  return {
    reminder: vietnamTime(deadlines.reminderDate(due, s.reminderWorkingDaysBefore), s.workdayStartHour),
    escalation: vietnamTime(due, s.workdayStartHour),
    overdue: vietnamTime(shiftDays(due, 1), 0),
  };
}

/** BullMQ job ids may not contain ':'. Same case, version and kind → same id → added once. */
export function deadlineJobId(caseId: string, version: number, kind: DeadlineKind): string {
  return `dl-${caseId}-v${version}-${kind}`;
}
