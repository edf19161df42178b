import type { User } from '../users/index.ts';
import type { CaseView } from './case-view.ts';

export function userJson(u: User) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scope: u.scope,
    locale: u.locale,
    email: u.email,
    active: u.active,
    mustChangePassword: u.mustChangePassword,
  };
}

export function caseViewJson(v: CaseView) {
  const c = v.case;
  return {
    id: c.id,
    code: c.code,
    kind: c.kind,
    status: c.status,
    label: v.label,
    predictedLabel: c.label,
    secondaryLabels: c.secondaryLabels,
    confidence: c.confidence,
    needsReview: c.needsReview,
    targetsLeader: c.targetsLeader,
    identityProtected: c.identityProtected,
    routedTo: c.routedTo,
    communeCode: c.communeCode,
    provinceCode: c.provinceCode,
    description: c.description,
    placeText: c.placeText,
    occurredText: c.occurredText,
    officialText: c.officialText,
    reporter: c.reporter,
    locale: c.locale,
    answer: c.answer,
    answeredAt: c.answeredAt,
    receivedAt: c.receivedAt,
    dueDate: c.dueDate,
    overdue: v.overdue,
    platform: v.platform,
    handoff: v.handoff,
    window: v.window,
    conversation: v.lines,
    attachments: v.attachments,
    events: v.events,
    activity: v.activity,
    assignee: v.assignee,
    colleagues: v.colleagues,
    canned: v.canned,
    letters: v.letters.map((l) => ({ ...l.letter, preview: l.preview, docx: `/api/letters/${l.letter.id}/docx` })),
    can: v.can,
  };
}
