// Deadline notices to staff: who is told (the inbox's scoping rules), one inbox notification
// per person, a live update of their open pages, and an optional e-mail copy.
export { type NoticeEmailInput, renderNoticeEmail } from './email.ts';
export { NoticeMailFailed, type StaffNotified, type StaffNotifierDeps, staffNotifier } from './notify-staff.ts';
export { noticeRecipients } from './recipients.ts';
