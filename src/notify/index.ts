// Telling a citizen something days after they last wrote, within each platform's rules.
export {
  type CaseConversation,
  caseConversation,
  type Notice,
  type NoticeOutcome,
  noticeNotDelivered,
  notifyCitizen,
  type NoticeOptions,
} from './notify.ts';
export { type HeldNotice, holdNotice, releaseHeldNotices, type WaitingNotice, waitingNotices } from './held.ts';
export {
  type Author,
  type CallReason,
  decideNotice,
  MESSENGER_HUMAN_AGENT_WINDOW_MS,
  MESSENGER_STANDARD_WINDOW_MS,
  type NoticeContext,
  type NoticeDecision,
  ZALO_CS_WINDOW_MS,
} from './window.ts';
