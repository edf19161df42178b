import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CASE_TYPES, type CaseType } from './time-limits.ts';

/**
 * The kind of matter a case is in law — phản ánh/kiến nghị, khiếu nại, tố cáo, hỏi đáp, khen —
 * and what follows from it: which clock runs, what the citizen may be promised, what the
 * matter needs to become formal, whose identity the Law protects. Data, with its citations, in
 * data/deadlines/case-kinds.json: the law changes by an edit of that file.
 */

export const CASE_KINDS_IN_LAW = ['phan_anh_kien_nghi', 'khieu_nai', 'to_cao', 'hoi_dap', 'khen'] as const;
export type LegalKind = (typeof CASE_KINDS_IN_LAW)[number];

export function isLegalKind(value: unknown): value is LegalKind {
  return typeof value === 'string' && (CASE_KINDS_IN_LAW as readonly string[]).includes(value);
}

const kindSchema = z
  .object({
    limit: z.enum(CASE_TYPES).nullable(),
    forwardLimit: z.enum(CASE_TYPES).nullable(),
    promise: z.enum(['handling_notice', 'acceptance_notice', 'initial_handling', 'answer', 'none']),
    formal: z.enum(['none', 'signed_letter_or_visit']),
    identityProtection: z.enum(['none', 'named_reporter_only']),
    basis: z.string().trim().min(10),
    uncertain: z.boolean(),
  })
  .strict()
  .refine((k) => (k.limit === null) === (k.promise === 'none'), 'a kind promises something exactly when it has a limit');
export type CaseKindRule = z.infer<typeof kindSchema>;

const kindKey = z.enum(CASE_KINDS_IN_LAW);
const fileSchema = z
  .object({
    $comment: z.unknown().optional(),
    kinds: z.object(Object.fromEntries(CASE_KINDS_IN_LAW.map((k) => [k, kindSchema])) as Record<LegalKind, typeof kindSchema>).strict(),
    proposal: z
      .object({
        question: kindKey,
        byLabel: z.record(z.string(), kindKey),
        namedAccusation: z.object({ labels: z.array(z.string()).min(1), kind: kindKey, note: z.string().optional() }).strict(),
        otherwise: kindKey,
      })
      .strict(),
  })
  .strict();
export type CaseKindTable = z.infer<typeof fileSchema>;

export class CaseKindDataError extends Error {
  override name = 'CaseKindDataError';
}

export const CASE_KINDS_FILE = join(import.meta.dirname, '..', '..', 'data', 'deadlines', 'case-kinds.json');

export function parseCaseKinds(json: unknown, label = CASE_KINDS_FILE): CaseKindTable {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    throw new CaseKindDataError(`${label}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

let shared: CaseKindTable | undefined;

export function caseKinds(): CaseKindTable {
  shared ??= parseCaseKinds(JSON.parse(readFileSync(CASE_KINDS_FILE, 'utf8')));
  return shared;
}

export function caseKindRule(kind: LegalKind): CaseKindRule {
  return caseKinds().kinds[kind];
}

/** What is known of a new case when its kind is proposed. */
export interface KindEvidence {
  /** A question asked without the feedback form. */
  readonly question: boolean;
  /** The classifier's labels, primary first (empty when unclassified). */
  readonly labels: readonly string[];
  /** A person is accused by name or position (the official step answered, or a leader targeted). */
  readonly namesPerson: boolean;
}

/** The kind to propose for a new case, and why (kept on the case's history). */
export function proposeCaseKind(e: KindEvidence): { kind: LegalKind; reason: string } {
  const p = caseKinds().proposal;
  if (e.question) return { kind: p.question, reason: 'question' };
  const primary = e.labels[0];
  if (primary !== undefined && p.byLabel[primary]) return { kind: p.byLabel[primary], reason: `label:${primary}` };
  if (e.namesPerson && e.labels.some((l) => p.namedAccusation.labels.includes(l))) {
    return { kind: p.namedAccusation.kind, reason: 'named_accusation' };
  }
  return { kind: p.otherwise, reason: 'default' };
}

/** The time limit whose clock a case of `kind` starts at receipt; null when it has none. */
export function limitOfKind(kind: LegalKind): CaseType | null {
  return caseKindRule(kind).limit;
}
