import { isAct, type Reading } from './acts.ts';
import type { StepOf } from './flow-schema.ts';
import type { CommuneRef, DraftPlace } from './state.ts';
import { fold, matchOption } from './text.ts';
import { ask, channelUnit, type PlaceMatchLike, type ShownOption, sayKey, type Turn, tr } from './turn.ts';

/**
 * The place step: which commune the report is about. It never moves the flow on itself:
 * `answerPlace` says whether the place is now known, and the caller takes the step's `next`
 * (so this module needs nothing from steps.ts).
 */

// More choices than this is a wall of buttons; the citizen is better asked to be more precise.
const MAX_CANDIDATES = 6;
// After this many names the directory does not know, keep the citizen's words for staff.
const MAX_PLACE_FAILURES = 2;

export function proposeOptions(turn: Turn): ShownOption[] {
  return [
    { value: 'here', label: tr(turn, 'place.here') },
    { value: 'elsewhere', label: tr(turn, 'place.elsewhere'), accept: ['khac', 'noi khac', 'cho khac'] },
  ];
}

function candidateOptions(turn: Turn, candidates: readonly CommuneRef[]): ShownOption[] {
  return [
    ...candidates.map((c, i) => ({ value: `commune_${i + 1}`, label: `${c.name}, ${c.provinceName}`, accept: [c.name] })),
    { value: 'none', label: tr(turn, 'place.none_of_these'), accept: ['khac', 'noi khac'] },
  ];
}

/** The province to look in first: the one the citizen named earlier, else the channel's. */
function preferredProvince(turn: Turn): { code: string; name: string } | null {
  const named = turn.state.draft.province;
  if (named) return named;
  if (turn.ctx.accountScope.kind === 'province') return { code: turn.ctx.accountScope.code, name: channelUnit(turn) };
  const own = accountPlace(turn, channelUnit(turn));
  return own.kind === 'commune' ? { code: own.commune.provinceCode, name: own.commune.provinceName } : null;
}

function prefer(turn: Turn): { preferCommune?: string; preferProvince?: string } {
  const s = turn.ctx.accountScope;
  const province = preferredProvince(turn);
  if (s.kind === 'commune') return { preferCommune: s.code, ...(province ? { preferProvince: province.code } : {}) };
  return { preferProvince: province?.code ?? s.code };
}

/**
 * A place the citizen already named in their description is proposed first; else a commune's
 * channel proposes the commune itself; otherwise, and after "elsewhere", ask.
 */
export function renderPlace(turn: Turn, step: StepOf<'place'>): void {
  const pending = turn.state.pending;
  const firstTime = pending === null && !turn.state.draft.skipped.includes('place_propose');
  const mentioned = firstTime ? mentionedPlace(turn) : null;
  if (mentioned) {
    offer(turn, turn.state.draft.description ?? '', tr(turn, 'place.mentioned', { place: `${mentioned.name}, ${mentioned.provinceName}` }), [
      mentioned,
    ]);
    return;
  }
  if (turn.ctx.accountScope.kind === 'commune' && !turn.state.draft.skipped.includes('place_propose')) {
    ask(turn, tr(turn, 'place.propose', { unit: channelUnit(turn) }), proposeOptions(turn));
    turn.state = { ...turn.state, pending: { kind: 'place_propose', unit: channelUnit(turn) } };
    return;
  }
  sayKey(turn, step.ask);
  turn.state = { ...turn.state, pending: { kind: 'place_retry', failures: pending?.kind === 'place_retry' ? pending.failures : 0 } };
}

/** Reads the answer to the place question; true when the place is now known. */
export async function answerPlace(turn: Turn, step: StepOf<'place'>, r: Reading, payload: string | null): Promise<boolean> {
  const typed = payload ?? r.text;
  const pending = turn.state.pending;
  const yes = isAct(r, 'yes') && !isAct(r, 'no');
  const no = isAct(r, 'no') && !isAct(r, 'yes');
  if (pending?.kind === 'place_propose') {
    const tapped = matchOption(typed, proposeOptions(turn))?.value;
    const chosen = tapped ?? (yes && r.pure ? 'here' : no ? 'elsewhere' : null);
    if (chosen === 'here' || (r.pure && isAct(r, 'dont_know'))) {
      setPlace(turn, accountPlace(turn, pending.unit));
      return true;
    }
    if (chosen === 'elsewhere') {
      skipPropose(turn);
      // "không, ở xã Tân Lập": the other place is already said.
      if (!tapped && r.rest !== '') return matchTyped(turn, r.rest, 0);
      renderPlace(turn, step);
      return false;
    }
    if (yes && r.rest !== '') return matchTyped(turn, r.rest, 0, pending.unit);
  }
  if (pending?.kind === 'place_candidates') {
    const one = pending.candidates.length === 1;
    // The same words again to a list of the units an old one went to: the citizen cannot
    // tell which; take the first (where most of it went) and say staff will check.
    if (fold(r.text) === fold(pending.text)) {
      const commune = pending.candidates[0]!;
      setPlace(turn, { kind: 'commune', commune, text: pending.text });
      sayKey(turn, 'place.noted_to_check', { place: `${commune.name}, ${commune.provinceName}` });
      return true;
    }
    const tapped = matchOption(typed, candidateOptions(turn, pending.candidates))?.value;
    const chosen = tapped ?? (one && yes && r.pure ? 'commune_1' : no ? 'none' : null);
    if (chosen === 'none') {
      if (!tapped && r.rest !== '') return matchTyped(turn, r.rest, 0);
      sayKey(turn, 'place.ask_precise');
      turn.state = { ...turn.state, pending: { kind: 'place_retry', failures: 0 } };
      return false;
    }
    if (chosen) {
      const commune = pending.candidates[Number(chosen.slice('commune_'.length)) - 1]!;
      setPlace(turn, { kind: 'commune', commune, text: pending.text });
      sayKey(turn, 'place.noted', { place: `${commune.name}, ${commune.provinceName}` });
      return true;
    }
    if (r.pure) {
      // "ok" to a list of several: which one is still unknown.
      sayKey(turn, 'place.choose_one');
      offer(turn, pending.text, tr(turn, 'place.ambiguous', { text: pending.text }), pending.candidates);
      return false;
    }
  }
  // "không biết", "bỏ qua", or a plain "không" to "where?": noted as unknown, not asked forever.
  if (r.pure && (isAct(r, 'dont_know', 'skip') || (isAct(r, 'no') && !isAct(r, 'yes')))) {
    setPlace(turn, turn.ctx.accountScope.kind === 'commune' ? accountPlace(turn, channelUnit(turn)) : { kind: 'unmatched', text: r.text });
    sayKey(turn, 'place.kept_as_written');
    return true;
  }
  // "dạ đúng ạ" to "where?" is no place: ask for the name, never look it up.
  if (r.text === '' || r.pure) {
    sayKey(turn, 'place.not_a_place');
    turn.state = { ...turn.state, pending: { kind: 'place_retry', failures: pending?.kind === 'place_retry' ? pending.failures : 0 } };
    return false;
  }
  const failures = pending?.kind === 'place_retry' ? pending.failures : 0;
  return matchTyped(turn, r.acts.size > 0 && r.rest !== '' ? r.rest : r.text, failures);
}

function skipPropose(turn: Turn): void {
  const d = turn.state.draft;
  turn.state = { ...turn.state, draft: { ...d, skipped: [...d.skipped, 'place_propose'] }, pending: null };
}

/**
 * The directory's answer for typed text: first within the province the citizen named earlier
 * (or the channel's own), so "xã Tân Lập" on the Hà Nội page is Hà Nội's; then anywhere.
 */
function lookUp(turn: Turn, text: string): PlaceMatchLike {
  const dir = turn.deps.directory;
  const anywhere = dir.matchPlace(text, prefer(turn));
  const province = preferredProvince(turn);
  if (!province) return anywhere;
  const inProvince = dir.matchPlace(`${text}, ${province.name}`, prefer(turn));
  // Only as good a reading as the one found anywhere: a typo nearby does not beat an exact name.
  const near = topScore(inProvince);
  return near >= 0 && near >= topScore(anywhere) - SAME_SCORE ? inProvince : anywhere;
}

// Scores this close count as the same reading of the text.
const SAME_SCORE = 0.05;

function topScore(m: PlaceMatchLike): number {
  if (m.kind === 'none' || m.kind === 'province_only' || m.candidates.length === 0) return -1;
  return Math.max(...m.candidates.map((c) => c.score));
}

async function matchTyped(turn: Turn, text: string, failures: number, proposedUnit?: string): Promise<boolean> {
  const match = lookUp(turn, text);
  const all = 'candidates' in match ? match.candidates : [];
  const candidates = all.slice(0, MAX_CANDIDATES).map((c) => plain(c.commune));
  const first = candidates[0];
  const oldName = 'oldName' in match ? match.oldName : undefined;
  if (match.kind === 'province_only') rememberProvince(turn, match.province);
  if (first) rememberProvince(turn, { code: first.provinceCode, name: first.provinceName });
  // "Phường Ba Đình, Hà Nội" typed in answer to "at Phường Ba Đình, right?" is a yes.
  const own = turn.ctx.accountScope.kind === 'commune' ? turn.ctx.accountScope.code : null;
  if (proposedUnit !== undefined && candidates.some((c) => c.code === own) && match.kind !== 'merged') {
    setPlace(turn, accountPlace(turn, proposedUnit));
    return true;
  }
  if (match.kind === 'unique' && first && oldName === undefined) {
    setPlace(turn, { kind: 'commune', commune: first, text });
    sayKey(turn, 'place.noted', { place: `${first.name}, ${first.provinceName}` });
    return true;
  }
  // An old district went to more units than a list can show: ask which one.
  if ((match.kind === 'merged' || match.kind === 'abolished') && all.length > MAX_CANDIDATES && failures + 1 < MAX_PLACE_FAILURES) {
    sayKey(turn, 'place.abolished_ask', { old: match.oldName });
    turn.state = { ...turn.state, pending: { kind: 'place_retry', failures: failures + 1 } };
    return false;
  }
  // An old name that went to exactly one unit today needs no question: say where it is now.
  if (match.kind === 'merged' && first && candidates.length === 1) {
    setPlace(turn, { kind: 'commune', commune: first, text });
    sayKey(turn, 'place.merged_noted', { old: match.oldName, place: `${first.name}, ${first.provinceName}` });
    return true;
  }
  if ((match.kind === 'merged' || match.kind === 'unique') && first) {
    const key = candidates.length === 1 ? 'place.merged_one' : 'place.merged_many';
    offer(turn, text, tr(turn, key, { old: oldName ?? text, place: `${first.name}, ${first.provinceName}` }), candidates);
    return false;
  }
  if (match.kind === 'abolished' && first) {
    offer(turn, text, tr(turn, 'place.abolished', { old: match.oldName }), candidates);
    return false;
  }
  if (match.kind === 'ambiguous' && first) {
    offer(turn, text, tr(turn, 'place.ambiguous', { text }), candidates);
    return false;
  }
  if (failures + 1 >= MAX_PLACE_FAILURES) {
    setPlace(turn, { kind: 'unmatched', text });
    sayKey(turn, 'place.kept_as_written');
    return true;
  }
  if (match.kind === 'abolished') sayKey(turn, 'place.abolished_ask', { old: match.oldName });
  else if (match.kind === 'province_only') sayKey(turn, 'place.province_only', { province: match.province.name });
  else sayKey(turn, 'place.not_found', { text });
  turn.state = { ...turn.state, pending: { kind: 'place_retry', failures: failures + 1 } };
  return false;
}

function rememberProvince(turn: Turn, p: { code?: string; name: string }): void {
  if (!p.code) return;
  turn.state = { ...turn.state, draft: { ...turn.state.draft, province: { code: p.code, name: p.name } } };
}

/** Only the four fields the state keeps, whatever else the directory's commune carries. */
function plain(c: CommuneRef): CommuneRef {
  return { code: c.code, name: c.name, provinceCode: c.provinceCode, provinceName: c.provinceName };
}

function offer(turn: Turn, typed: string, prompt: string, candidates: CommuneRef[]): void {
  ask(turn, prompt, candidateOptions(turn, candidates));
  turn.state = { ...turn.state, pending: { kind: 'place_candidates', candidates, text: typed } };
}

/**
 * The one commune a description names ("cán bộ xã Long Thành, Đồng Nai…"), when the
 * directory is sure of it and it is not the channel's own commune (proposed anyway). A
 * commune of another province counts only when the text calls it by its kind ("xã …"): a
 * word of the complaint ("thu tiền") is not a commune far away ("Xã Thiệu Tiến").
 */
function mentionedPlace(turn: Turn): CommuneRef | null {
  const description = turn.state.draft.description;
  if (!description) return null;
  const match = lookUp(turn, description);
  if ((match.kind !== 'unique' && match.kind !== 'merged') || match.candidates.length !== 1) return null;
  const found = plain(match.candidates[0]!.commune);
  const own = turn.ctx.accountScope.kind === 'commune' && found.code === turn.ctx.accountScope.code;
  if (own) return null;
  // Named as such ("xã Tân Phú", "phường Bến Nghé cũ"), never guessed from other words.
  const said = match.kind === 'merged' ? match.oldName.replace(/\s*\(.*\)$/, '') : found.name;
  return namedWithKind(description, said) ? found : null;
}

/** "xã Thiệu Tiến" or "phuong ba dinh": the official name with its kind word, without diacritics. */
function namedWithKind(text: string, officialName: string): boolean {
  return ` ${fold(text)} `.includes(` ${fold(officialName)} `);
}

/** The quick replies the place step is waiting on, if any. */
export function placeOptions(turn: Turn): ShownOption[] {
  const p = turn.state.pending;
  if (p?.kind === 'place_propose') return proposeOptions(turn);
  if (p?.kind === 'place_candidates') return candidateOptions(turn, p.candidates);
  return [];
}

/**
 * "Here" is the commune that owns the channel. The directory, asked for its code (or else the
 * channel's own name), gives the official details when it knows the unit.
 */
function accountPlace(turn: Turn, unitName: string): DraftPlace {
  const code = turn.ctx.accountScope.code;
  if (turn.ctx.accountScope.kind === 'commune') {
    for (const query of [code, unitName]) {
      const match = turn.deps.directory.matchPlace(query, { preferCommune: code });
      const found = 'candidates' in match ? match.candidates.find((c) => c.commune.code === code) : undefined;
      if (found) return { kind: 'commune', commune: plain(found.commune), text: unitName };
    }
  }
  return { kind: 'account', code, name: unitName, provinceCode: turn.ctx.accountScope.kind === 'province' ? code : null };
}

function setPlace(turn: Turn, place: DraftPlace): void {
  turn.state = { ...turn.state, draft: { ...turn.state.draft, place }, pending: null };
}
