import type { KindEvidence } from '../deadlines/index.ts';
import type { CaseKind, Classification } from './types.ts';

/** What intake knows that decides the kind: a named person accused turns a corruption report into a tố cáo. */
export function kindEvidence(c: {
  readonly kind: CaseKind;
  readonly classification: Classification | null;
  readonly officialText: string | null;
}): KindEvidence {
  return {
    question: c.kind === 'question',
    labels: c.classification ? [c.classification.label, ...c.classification.labels.filter((l) => l !== c.classification?.label)] : [],
    namesPerson: (c.officialText ?? '').trim() !== '' || (c.classification?.targetsLeader ?? false),
  };
}
