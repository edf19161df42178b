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
  CASE_EVENT_KINDS,
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
export { type AuditEntity, type AuditEntry, listAudit, recordAudit, recordCaseEvent } from './audit.ts';
export {
  loadRoutingTable,
  parseRoutingTable,
  receptionUnitName,
  type Route,
  type RouteInput,
  type RoutingRule,
  RoutingDataError,
  type RoutingTable,
  routeCase,
  rulesFor,
  UnroutableCase,
} from './routing.ts';
export { recordRouting, TransferRefused, type TransferInput, type TransferResult, transferCase } from './transfer.ts';
