import type { Intent } from './flow-schema.ts';
import { fold, startsWithPhrase, words } from './text.ts';
import type { Turn } from './turn.ts';

const LONG_UNCLASSIFIED = 10;
// The classifier's praise is taken on its word only when it is this sure (it mistakes some reports for praise).
const SURE = 0.6;

/**
 * What a free-text first message is about. The classifier, once it exists, recognises praise
 * and the kinds of complaint; flows/lexicon/intents.yaml names what it cannot see (a formal
 * denunciation, a rant without facts) and works when it is absent.
 */
export function detectIntent(turn: Turn, text: string): Intent | null {
  const n = words(text).length;
  if (n === 0 || isGreetingOnly(turn, text)) return null;
  const lex = turn.deps.flows.lexicon.intents;
  const padded = ` ${turn.deps.flows.lexicon.acts.expand(text)} `;
  const has = (list: readonly string[]): boolean => list.some((p) => padded.includes(` ${fold(p)} `));
  const breaker = lex.compliment_breakers.some((p) => padded.includes(` ${fold(p)} `) || text.includes(p));
  if (has(lex.denunciation)) return 'denunciation';
  const c = turn.deps.classify(text);
  if (c?.label === 'khen' && c.confidence >= SURE && !breaker) return 'compliment';
  const questionLike = startsWithPhrase(text, turn.flow.detect.question_markers) || /\?\s*$/.test(text);
  if (has(lex.compliment) && !breaker && (c === null || c.confidence < SURE || c.label === 'khac' || c.label === 'khen')) {
    return 'compliment';
  }
  if (n <= lex.rant_max_words && (has(lex.rant) || (/[?!]{3,}\s*$/.test(text) && n <= 6))) return 'rant';
  if (c !== null) {
    if (c.label !== 'khac') return 'problem';
    if (questionLike) return 'question';
    // Unclassified but long: most likely a report the classifier has no label for.
    return n >= LONG_UNCLASSIFIED ? 'problem' : null;
  }
  if (questionLike) return 'question';
  return n >= turn.flow.detect.problem_min_words ? 'problem' : null;
}

/** "Xin chào", "chào ad ạ", "hi": nothing said yet but hello. */
export function isGreetingOnly(turn: Turn, text: string): boolean {
  const f = fold(text);
  if (f === '') return true;
  return turn.flow.detect.greetings.some((g) => {
    const fg = fold(g);
    return f === fg || (f.startsWith(`${fg} `) && words(text).length <= fg.split(' ').length + 2);
  });
}
