// Case intake and lifecycle: the repository other areas call, inside their own transaction.

export { type AuditEntity, type AuditEntry, listAudit, recordAudit, recordCaseEvent } from './audit.ts';
export {
  contactsOfConversation,
  eraseContacts,
  expiredContacts,
  forgetContacts,
  type StoredContact,
} from './privacy.ts';
export { allocateCaseCode, findCaseCode, formatCaseCode, vietnamYear } from './codes.ts';
export {
  changeCaseKind,
  citizenNotice,
  dueDateOfKind,
  KindChangeRefused,
  kindEvidence,
  type NoticeInput,
  proposeCaseKind,
} from './kind.ts';
export { reopenCase } from './reopen.ts';
export {
  answerCase,
  appendToCase,
  CaseNotFound,
  type CaseOwner,
  changeStatus,
  createCase,
  findCaseByCodeForUser,
  getCase,
  InvalidStatusTransition,
  relabelCase,
  listAttachments,
  listCaseEvents,
} from './repository.ts';
export {
  handlingUnitName,
  loadRoutingTable,
  parseRoutingTable,
  type Route,
  type RouteInput,
  RoutingDataError,
  type RoutingRule,
  type RoutingTable,
  receptionUnitName,
  routeCase,
  rulesFor,
  UnroutableCase,
} from './routing.ts';
export { recordRouting, type TransferInput, TransferRefused, type TransferResult, transferCase } from './transfer.ts';
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
