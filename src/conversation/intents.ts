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
  if (opensReportOnly(padded, lex.report_openers)) return 'report';
  const c = turn.deps.classify(text);
  if (c?.label === 'khen' && c.confidence >= SURE && !breaker) return 'compliment';
  if (has(lex.compliment) && !breaker) return 'compliment';
  const unsure = c === null || c.label === 'khac' || c.confidence < SURE;
  const questionLike =
    startsWithPhrase(withoutGreeting(turn, turn.deps.flows.lexicon.acts.expand(text)), turn.flow.detect.question_markers) ||
    has(lex.question_anywhere) ||
    /\?\s*$/.test(text);
  if (questionLike && unsure && !has(lex.rant)) return 'question';
  const angry = has(lex.rant) || lex.rant_emoji.some((e) => text.includes(e)) || (/[?!]{3,}\s*$/.test(text) && n <= 6);
  if (n <= lex.rant_max_words && angry) return 'rant';
  if (c !== null) {
    if (c.label !== 'khac') return 'problem';
    if (questionLike) return 'question';
    // Unclassified but long: most likely a report the classifier has no label for.
    return n >= LONG_UNCLASSIFIED ? 'problem' : null;
  }
  if (questionLike) return 'question';
  return n >= turn.flow.detect.problem_min_words ? 'problem' : null;
}

// After "muốn phản ánh về", words that name a place rather than tell what happened.
const PLACE_START = new Set(['xa', 'phuong', 'thi', 'huyen', 'quan', 'ub', 'ubnd', 'uy', 'thon', 'xom', 'ap', 'to', 'khu', 'tp']);

/** "Em muốn phản ánh về xã Tân Lập": says a report is coming and where, not yet what happened. */
function opensReportOnly(padded: string, openers: readonly string[]): boolean {
  for (const o of openers) {
    const at = padded.indexOf(` ${fold(o)} `);
    if (at < 0) continue;
    const rest = padded.slice(at + fold(o).length + 2).trim().split(' ').filter((w) => w !== '' && w !== 've' && w !== 'viec' && w !== 'a');
    if (rest.length <= 1 || PLACE_START.has(rest[0]!)) return true;
  }
  return false;
}

/** The message without a greeting in front ("chào phường, cho em hỏi …" → "cho em hỏi …"). */
function withoutGreeting(turn: Turn, text: string): string {
  const f = fold(text);
  const g = turn.flow.detect.greetings.map(fold).find((x) => f.startsWith(`${x} `));
  if (!g) return text;
  const rest = f.slice(g.length).trim().split(' ');
  // Who was greeted ("chào phường", "chào ad") is part of the greeting.
  while (rest.length > 0 && ['phuong', 'xa', 'ad', 'admin', 'ban', 'anh', 'chi', 'em', 'ub', 'a', 'oi'].includes(rest[0]!)) rest.shift();
  return rest.join(' ');
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
