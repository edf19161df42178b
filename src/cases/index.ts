// Case intake and lifecycle: the repository other areas call, inside their own transaction.
export { allocateCaseCode, findCaseCode, formatCaseCode, vietnamYear } from './codes.ts';
export {
  answerCase,
  appendToCase,
  type CaseOwner,
  CaseNotFound,
  changeStatus,
  createCase,
  findCaseByCodeForUser,
  getCase,
  InvalidStatusTransition,
  listAttachments,
  listCaseEvents,
} from './repository.ts';
export {
  CASE_KINDS,
  CASE_STATUSES,
  type CaseAppendix,
  type CaseAttachment,
  type CaseEvent,
  type CaseEventKind,
  type CaseKind,
  type CaseRecord,
  type CaseStatus,
  type Classification,
  type NewCase,
  type Reporter,
  type RouteTarget,
  STATUS_TRANSITIONS,
} from './types.ts';
