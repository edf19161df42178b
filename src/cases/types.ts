import type { LegalKind } from '../deadlines/index.ts';

/** A case's place in its life: received, worked on, answered, closed, and reopened if needed. */
export const CASE_STATUSES = ['new', 'in_progress', 'answered', 'closed', 'reopened'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Feedback walks the whole intake flow; a question goes straight to staff without a form. */
/** compliment: praise recorded for the unit; denunciation: a khiếu nại or tố cáo named as such in the chat (issue 16). */
export const CASE_KINDS = ['feedback', 'question', 'compliment', 'denunciation'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/**
 * Which status may follow which. Answered cases can be reopened when the citizen is not
 * satisfied; nothing goes back to `new`, so "received" is a fact recorded once.
 */
export const STATUS_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['in_progress', 'answered', 'closed'],
  in_progress: ['answered', 'closed'],
  answered: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['in_progress', 'answered', 'closed'],
};

/** Who the case is routed to; routing rules are a later issue, for now the commune itself. */
export interface RouteTarget {
  readonly kind: 'commune' | 'province';
  readonly code: string;
}

export type CaseAttachment =
  | { readonly kind: 'image'; readonly url: string; readonly caption?: string | undefined }
  | { readonly kind: 'file'; readonly url: string; readonly name?: string | undefined }
  | {
      readonly kind: 'location';
      readonly latitude: number;
      readonly longitude: number;
      readonly address?: string | undefined;
    };

/** A reporter is either anonymous or identified under a recorded consent; nothing in between. */
export type Reporter =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'identified'; readonly name: string; readonly phone: string | null; readonly consentId: string };

export interface Classification {
  readonly label: string;
  readonly labels: readonly string[];
  readonly confidence: number;
  readonly targetsLeader: boolean;
  readonly needsReview: boolean;
  /** The field (lĩnh vực) of TAXONOMY.md, when the classifier gave one. */
  readonly topic?: string;
}

export interface NewCase {
  readonly kind: CaseKind;
  /**
   * The kind in law and why; when omitted, createCase proposes it from the case's own
   * evidence (proposeCaseKind: the intake kind, the labels, whether a person is named).
   */
  readonly legalKind?: { readonly kind: LegalKind; readonly reason: string };
  readonly conversationId: string;
  readonly locale: string;
  readonly receivedAt: Date;
  /** YYYY-MM-DD; null exactly for a compliment (khen), which has no deadline. */
  readonly dueDate: string | null;
  readonly communeCode: string | null;
  readonly provinceCode: string | null;
  readonly placeText: string | null;
  readonly routedTo: RouteTarget;
  /** null until the classifier exists: stored as label `unknown`, flagged for review. */
  readonly classification: Classification | null;
  readonly description: string;
  readonly occurredText: string | null;
  readonly officialText: string | null;
  readonly reporter: Reporter;
  readonly identityProtected: boolean;
  readonly attachments: readonly CaseAttachment[];
}

export interface CaseRecord {
  readonly id: string;
  readonly code: string;
  readonly kind: CaseKind;
  readonly conversationId: string;
  readonly status: CaseStatus;
  readonly communeCode: string | null;
  readonly provinceCode: string | null;
  readonly routedTo: RouteTarget;
  readonly label: string;
  readonly secondaryLabels: readonly string[];
  readonly confidence: number | null;
  readonly targetsLeader: boolean;
  readonly needsReview: boolean;
  /** The field (lĩnh vực) of TAXONOMY.md; null for cases made before the field output. */
  readonly topic: string | null;
  readonly description: string;
  readonly placeText: string | null;
  readonly occurredText: string | null;
  readonly officialText: string | null;
  readonly reporter: Reporter;
  readonly identityProtected: boolean;
  readonly locale: string;
  readonly answer: string | null;
  readonly answeredAt: Date | null;
  readonly receivedAt: Date;
  /** YYYY-MM-DD; null exactly for a compliment (khen), which has no deadline. */
  readonly dueDate: string | null;
  /** The kind of matter in law (data/deadlines/case-kinds.json): decides the clock and what the citizen is told. */
  readonly legalKind: LegalKind;
  /** A body the commune does not manage, to forward the case to by `dueDate` (YYYY-MM-DD); null when none. */
  readonly forward: { readonly to: string; readonly dueDate: string } | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Every kind of case history; migration 040 added the routing, deadline, letter and rating ones, 120 two more, 350 kind_changed. */
export const CASE_EVENT_KINDS = [
  'created',
  'status_changed',
  'message_appended',
  'attachment_added',
  'answered',
  'transferred',
  'deadline_extended',
  'deadline_reminder',
  'deadline_escalated',
  'overdue',
  'letter_drafted',
  'letter_signed',
  'citizen_notified',
  'call_citizen',
  'rating_requested',
  'rated',
  'letter_withdrawn',
  'personal_data_erased',
  'kind_changed',
  'forward_required',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export interface CaseEvent {
  readonly id: string;
  readonly caseId: string;
  readonly kind: CaseEventKind;
  readonly actor: string;
  readonly fromStatus: CaseStatus | null;
  readonly toStatus: CaseStatus | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
}

/** Something the citizen added to an existing case. */
export type CaseAppendix = { readonly kind: 'text'; readonly text: string } | CaseAttachment;
