import { fold } from './text.ts';
import type { Turn } from './turn.ts';

/**
 * Reports of corruption and the like get the identity-protection sentence. The flow's own
 * keyword list works before the classifier exists; once it does, its labels count too.
 */
export function isSensitive(turn: Turn): boolean {
  return readsAsDenunciation(turn, turn.state.draft.description ?? '');
}

/** Whether a text reads as a report of corruption, abuse of office or the commune's own leaders. */
export function readsAsDenunciation(turn: Turn, text: string): boolean {
  if (text === '') return false;
  const padded = ` ${fold(text)} `;
  if (turn.flow.detect.sensitive_keywords.some((k) => padded.includes(` ${fold(k)} `))) return true;
  const c = turn.deps.classify(text);
  return c !== null && (['tham_nhung', 'gian_doi', 'loi_dung'].includes(c.label) || c.targetsLeader);
}
