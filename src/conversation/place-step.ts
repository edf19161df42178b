import type { StepOf } from './flow-schema.ts';
import { goto } from './steps.ts';
import type { CommuneRef, DraftPlace } from './state.ts';
import { fold, matchOption } from './text.ts';
import { ask, type ShownOption, sayKey, type Turn, tr, unit } from './turn.ts';

// More choices than this is a wall of buttons; the citizen is better asked to be more precise.
const MAX_CANDIDATES = 6;
// After this many names the directory does not know, keep the citizen's words for staff.
const MAX_PLACE_FAILURES = 2;

const YES = ['co', 'dung', 'dung roi', 'dung vay', 'phai', 'ok', 'yes', 'yep', 'right', 'correct', 'u', 'uh'];

export function proposeOptions(turn: Turn): ShownOption[] {
  return [
    { value: 'here', label: tr(turn, 'place.here'), accept: YES },
    { value: 'elsewhere', label: tr(turn, 'place.elsewhere'), accept: ['khong', 'no', 'khac'] },
  ];
}

function candidateOptions(turn: Turn, candidates: readonly CommuneRef[]): ShownOption[] {
  const one = candidates.length === 1;
  return [
    ...candidates.map((c, i) => ({
      value: `commune_${i + 1}`,
      label: `${c.name}, ${c.provinceName}`,
      accept: one ? YES : [c.name],
    })),
    { value: 'none', label: tr(turn, 'place.none_of_these'), accept: ['khong', 'no', 'khac'] },
  ];
}

function prefer(turn: Turn): { preferCommune?: string; preferProvince?: string } {
  const s = turn.ctx.accountScope;
  return s.kind === 'commune' ? { preferCommune: s.code } : { preferProvince: s.code };
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
    const place = `${mentioned.name}, ${mentioned.provinceName}`;
    offer(turn, turn.state.draft.description ?? '', tr(turn, 'place.mentioned', { place }), [mentioned]);
    return;
  }
  if (turn.ctx.accountScope.kind === 'commune' && !turn.state.draft.skipped.includes('place_propose')) {
    ask(turn, tr(turn, 'place.propose'), proposeOptions(turn));
    turn.state = { ...turn.state, pending: { kind: 'place_propose', unit: unit(turn) } };
    return;
  }
  sayKey(turn, step.ask);
  turn.state = { ...turn.state, pending: { kind: 'place_retry', failures: pending?.kind === 'place_retry' ? pending.failures : 0 } };
}

export async function answerPlace(turn: Turn, step: StepOf<'place'>, text: string, payload: string | null): Promise<void> {
  const typed = payload ?? text;
  const pending = turn.state.pending;
  if (pending?.kind === 'place_propose') {
    const chosen = matchOption(typed, proposeOptions(turn));
    if (chosen?.value === 'here') {
      setPlace(turn, accountPlace(turn, pending.unit));
      return goto(turn, step.next);
    }
    if (chosen?.value === 'elsewhere') {
      const d = turn.state.draft;
      turn.state = { ...turn.state, draft: { ...d, skipped: [...d.skipped, 'place_propose'] }, pending: null };
      return renderPlace(turn, step);
    }
  }
  if (pending?.kind === 'place_candidates') {
    const chosen = matchOption(typed, candidateOptions(turn, pending.candidates));
    if (chosen?.value === 'none') {
      sayKey(turn, 'place.ask_precise');
      turn.state = { ...turn.state, pending: { kind: 'place_retry', failures: 0 } };
      return;
    }
    if (chosen) {
      const commune = pending.candidates[Number(chosen.value.slice('commune_'.length)) - 1]!;
      setPlace(turn, { kind: 'commune', commune, text: pending.text });
      sayKey(turn, 'place.noted', { place: `${commune.name}, ${commune.provinceName}` });
      return goto(turn, step.next);
    }
  }
  if (text.trim() === '') return renderPlace(turn, step);
  const failures = pending?.kind === 'place_retry' ? pending.failures : 0;
  return matchTyped(turn, step, text.trim(), failures);
}

async function matchTyped(turn: Turn, step: StepOf<'place'>, text: string, failures: number): Promise<void> {
  const match = turn.deps.directory.matchPlace(text, prefer(turn));
  const candidates = 'candidates' in match ? match.candidates.slice(0, MAX_CANDIDATES).map((c) => plain(c.commune)) : [];
  const first = candidates[0];
  const oldName = 'oldName' in match ? match.oldName : undefined;
  if (match.kind === 'unique' && first && oldName === undefined) {
    setPlace(turn, { kind: 'commune', commune: first, text });
    sayKey(turn, 'place.noted', { place: `${first.name}, ${first.provinceName}` });
    return goto(turn, step.next);
  }
  if ((match.kind === 'merged' || match.kind === 'unique') && first) {
    const key = candidates.length === 1 ? 'place.merged_one' : 'place.merged_many';
    return offer(turn, text, tr(turn, key, { old: oldName ?? text, place: `${first.name}, ${first.provinceName}` }), candidates);
  }
  if (match.kind === 'abolished' && first) return offer(turn, text, tr(turn, 'place.abolished', { old: match.oldName }), candidates);
  if (match.kind === 'ambiguous' && first) return offer(turn, text, tr(turn, 'place.ambiguous', { text }), candidates);
  if (failures + 1 >= MAX_PLACE_FAILURES) {
    setPlace(turn, { kind: 'unmatched', text });
    sayKey(turn, 'place.kept_as_written');
    return goto(turn, step.next);
  }
  if (match.kind === 'abolished') sayKey(turn, 'place.abolished_ask', { old: match.oldName });
  else if (match.kind === 'province_only') sayKey(turn, 'place.province_only', { province: match.province.name });
  else sayKey(turn, 'place.not_found', { text });
  turn.state = { ...turn.state, pending: { kind: 'place_retry', failures: failures + 1 } };
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
 * directory is sure of it and it is not the channel's own commune (proposed anyway).
 */
function mentionedPlace(turn: Turn): CommuneRef | null {
  const description = turn.state.draft.description;
  if (!description) return null;
  const match = turn.deps.directory.matchPlace(description, prefer(turn));
  if ((match.kind !== 'unique' && match.kind !== 'merged') || match.candidates.length !== 1) return null;
  const found = plain(match.candidates[0]!.commune);
  const own = turn.ctx.accountScope.kind === 'commune' && found.code === turn.ctx.accountScope.code;
  if (own) return null;
  // A word of the complaint must not become a commune of another province ("thu tiền" ≈ Thiệu
  // Tiến, Thanh Hóa, on a Lào Cai channel): outside the channel's province the name must be there as written.
  const home = homeProvince(turn);
  const written = fold(description).includes(fold(found.name.replace(/^(xã|phường|đặc khu|thị trấn)\s+/iu, '')));
  return home !== null && found.provinceCode !== home && !written ? null : found;
}

/** The province of the channel's own unit, when the directory knows it. */
function homeProvince(turn: Turn): string | null {
  const s = turn.ctx.accountScope;
  if (s.kind === 'province') return s.code;
  const match = turn.deps.directory.matchPlace(s.code, { preferCommune: s.code });
  const own = 'candidates' in match ? match.candidates.find((c) => c.commune.code === s.code) : undefined;
  return own?.commune.provinceCode ?? null;
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
  for (const query of [code, unitName]) {
    const match = turn.deps.directory.matchPlace(query, { preferCommune: code });
    const found = 'candidates' in match ? match.candidates.find((c) => c.commune.code === code) : undefined;
    if (found) return { kind: 'commune', commune: plain(found.commune), text: unitName };
  }
  return { kind: 'account', code, name: unitName, provinceCode: null };
}

function setPlace(turn: Turn, place: DraftPlace): void {
  turn.state = { ...turn.state, draft: { ...turn.state.draft, place }, pending: null };
}
