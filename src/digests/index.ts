// Weekly digest for leaders: the numbers of a commune or province, rendered as e-mail and
// delivered once per unit and week by a BullMQ job scheduler (Monday 07:00, Viet Nam time).
export { computeDigest, OVERDUE_LIST_LIMIT, scopeName, UnknownScope } from './compute.ts';
export {
  type DeliveryDeps,
  type DeliveryResult,
  type DigestRecord,
  type DigestStatus,
  DigestDeliveryFailed,
  deliverDigest,
  getDigestRecord,
  listDigestRecords,
} from './deliver.ts';
export { type MailMessage, type Mailer, type SmtpOptions, smtpMailer } from './mailer.ts';
export {
  addRecipient,
  type DigestRecipient,
  InvalidRecipient,
  listRecipients,
  scopesWithRecipients,
  setRecipientActive,
} from './recipients.ts';
export { escapeHtml, type RenderedDigest, type RenderOptions, renderDigest } from './render.ts';
export {
  DEFAULT_DIGEST_SCHEDULE,
  DIGESTS_QUEUE,
  DigestBusy,
  type DigestJob,
  DigestQueue,
  type DigestQueueOptions,
  type DigestWorkerDeps,
  digestJobId,
  type RunningDigestWorker,
  startDigestWorker,
  WEEKLY_SCHEDULER_ID,
} from './scheduler.ts';
export type { Digest, DigestScope, DimensionScore, OverdueCase, UnitCounts, UnitRow } from './types.ts';
export { mondayOf, parseWeek, previousWeek, type Week, weekOf } from './week.ts';
