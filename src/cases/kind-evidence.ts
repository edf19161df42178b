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
    // A citizen who chose to praise is recorded as praise, whatever the classifier read.
    labels:
      c.kind === 'compliment'
        ? ['khen']
        : c.classification
          ? [c.classification.label, ...c.classification.labels.filter((l) => l !== c.classification?.label)]
          : [],
    // A citizen who said they denounce someone has named a person, even without the official step.
    namesPerson: c.kind === 'denunciation' || (c.officialText ?? '').trim() !== '' || (c.classification?.targetsLeader ?? false),
  };
}
