/**
 * The BullMQ "deadlines" queue: reminders, escalation, overdue, apology drafts and staff-set
 * extensions. Kept apart from src/deadlines (the pure calendar and time limits) because it
 * drives cases and letters, which themselves count on the calendar: one area for both made
 * an import cycle (deadlines ↔ letters).
 */

export {
  DEADLINE_KINDS,
  DEADLINES_QUEUE,
  DEFAULT_DEADLINE_SETTINGS,
  type DeadlineJob,
  type DeadlineKind,
  type DeadlineSettings,
  deadlineJobId,
  deadlinePlan,
  vietnamTime,
} from '../deadlines/index.ts';
export { type ExtensionInput, ExtensionRefused, extendDeadline } from './extend.ts';
export {
  type DeadlineNotice,
  type DeadlineOutcome,
  type DeadlineQueueOptions,
  DeadlineScheduler,
  type DeadlineWorkerDeps,
  type RunningDeadlineWorker,
  runDeadlineJob,
  type ScheduledDeadlines,
  scheduleCaseDeadlines,
  startDeadlineWorker,
} from './scheduler.ts';
