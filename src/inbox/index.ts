// The staff inbox: web pages under /inbox, the JSON API under /api, sign-in and roles.

// Commonly used
export { createInbox, type Inbox, type InboxDeps } from './mount.ts';
// For other areas that change cases outside the inbox (routing, deadlines, letters): tell open pages.
export { type CaseChange, type NotificationChange, publishCaseChanged, publishNotificationChanged } from './events.ts';

// Advanced: the rules, for tools and tests that need to ask them directly
export {
  type CaseScopeFacts,
  canActOnCase,
  canActOnConversation,
  conversationHandlers,
  type ConversationScopeFacts,
  canDecideOnCase,
  canReadConversation,
  canSeeReporter,
  canViewCase,
  inHandlingTeam,
  isHandlingUnit,
  type Unit,
} from './policy.ts';
export { type ReplyWindow, replyWindow } from './case-view.ts';
export { escapeHtml, Html, html } from './html.ts';
export { openApiDocument } from './openapi.ts';
