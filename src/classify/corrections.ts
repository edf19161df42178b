import type { Queryable } from '../db/index.ts';
import { isLabelId, type LabelId } from './labels.ts';

/** A staff member's correction of a predicted label. */
export interface Correction {
  /** The case the message belongs to, when there is one. */
  caseId?: string | null;
  text: string;
  predictedLabel: LabelId;
  correctedLabel: LabelId;
  /** The staff member's judgement of whether the leaders are the subject, when given. */
  targetsLeader?: boolean | null;
  correctedBy: string;
}

export interface StoredCorrection extends Required<Correction> {
  id: string;
  createdAt: Date;
}

export class InvalidCorrection extends Error {
  override name = 'InvalidCorrection';
}

/** Stores a correction; returns its id. Labels are checked here too, so a bad one fails early and clearly. */
export async function recordCorrection(db: Queryable, c: Correction): Promise<string> {
  if (!isLabelId(c.predictedLabel) || !isLabelId(c.correctedLabel)) {
    throw new InvalidCorrection(`unknown label in correction: ${c.predictedLabel} → ${c.correctedLabel}`);
  }
  const text = c.text.normalize('NFC').trim();
  if (!text) throw new InvalidCorrection('a correction needs the message text');
  if (!c.correctedBy.trim()) throw new InvalidCorrection('a correction needs who made it');
  const rows = await db.query<{ id: string }>(
    `INSERT INTO classification_corrections (case_id, text, predicted_label, corrected_label, targets_leader, corrected_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [c.caseId ?? null, text, c.predictedLabel, c.correctedLabel, c.targetsLeader ?? null, c.correctedBy.trim()],
  );
  return String(rows[0]!.id);
}

interface CorrectionRow {
  id: string | number;
  case_id: string | null;
  text: string;
  predicted_label: string;
  corrected_label: string;
  targets_leader: boolean | null;
  corrected_by: string;
  created_at: Date | string;
}

/**
 * Every correction, oldest first. When one message was corrected several times the latest
 * word counts, so retraining sees it once.
 */
export async function listCorrections(db: Queryable): Promise<StoredCorrection[]> {
  const rows = await db.query<CorrectionRow>(
    `SELECT DISTINCT ON (text) id, case_id, text, predicted_label, corrected_label, targets_leader, corrected_by, created_at
     FROM classification_corrections ORDER BY text, created_at DESC, id DESC`,
  );
  return rows
    .filter((r) => isLabelId(r.predicted_label) && isLabelId(r.corrected_label))
    .map((r) => ({
      id: String(r.id),
      caseId: r.case_id,
      text: r.text,
      predictedLabel: r.predicted_label as LabelId,
      correctedLabel: r.corrected_label as LabelId,
      targetsLeader: r.targets_leader,
      correctedBy: r.corrected_by,
      createdAt: new Date(r.created_at),
    }))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || Number(a.id) - Number(b.id));
}
