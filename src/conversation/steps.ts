import type { Condition, DraftField, FlowOption, FlowStep, StepOf, Transition } from './flow-schema.ts';
import { answerPlace, placeOptions, renderPlace } from './place-step.ts';
import { cancel, draftHandlingUnit, handoff, lookupByText, recordConsent, submit } from './intake.ts';
import { emptyDraft } from './state.ts';
import { fold, matchOption, parsePhone, startsWithPhrase, words } from './text.ts';
import { ask, asNumberedText, type ShownOption, sayKey, type Turn, tr } from './turn.ts';

// A flow that loops through steps that need no answer would never stop; this many hops is a bug.
const MAX_HOPS = 50;

export function shownOptions(turn: Turn, options: readonly FlowOption[]): ShownOption[] {
  return options.map((o) => ({ value: o.value, label: tr(turn, o.label), accept: o.accept }));
}

/** Starts the entry flow afresh (keeps what the conversation remembers about earlier cases). */
export function resetToStart(turn: Turn): void {
  turn.state = {
    ...turn.state,
    mode: 'flow',
    flow: turn.flow.flow,
    step: turn.flow.start,
    returnTo: null,
    draft: emptyDraft(),
    pending: null,
    savedDraft: null,
  };
}

export function goto(turn: Turn, next: Transition, hops = 0): Promise<void> {
  return enter(turn, resolve(turn, next), hops + 1);
}

function resolve(turn: Turn, next: Transition): string {
  if (typeof next === 'string') return next;
  return next.find((n) => n.if === undefined || holds(turn, n.if))!.goto;
}

export function holds(turn: Turn, c: Condition): boolean {
  const d = turn.state.draft;
  switch (c) {
    case 'consent_granted':
      return d.consent?.granted === true;
    case 'consent_declined':
      return d.consent?.granted === false;
    case 'sensitive':
      return isSensitive(turn);
    case 'has_commune':
      return d.place !== undefined && d.place.kind !== 'unmatched';
    case 'has_attachments':
      return d.attachments.length > 0;
  }
}

/**
 * Reports of corruption and the like get the identity-protection sentence. The flow's own
 * keyword list works before the classifier exists; once it does, its labels count too.
 */
export function isSensitive(turn: Turn): boolean {
  const text = turn.state.draft.description ?? '';
  if (text === '') return false;
  const padded = ` ${fold(text)} `;
  if (turn.flow.detect.sensitive_keywords.some((k) => padded.includes(` ${fold(k)} `))) return true;
  const c = turn.deps.classify(text);
  return c !== null && (['tham_nhung', 'gian_doi', 'loi_dung'].includes(c.label) || c.targetsLeader);
}

/** Moves to a step: steps already answered are passed, terminal steps act, others ask. */
export async function enter(turn: Turn, id: string, hops = 0): Promise<void> {
  if (hops > MAX_HOPS) throw new Error(`flow "${turn.flow.flow}" loops without asking anything (at step "${id}")`);
  const step = turn.flow.steps[id];
  if (!step) throw new Error(`flow "${turn.flow.flow}" has no step "${id}"`);
  turn.state = { ...turn.state, mode: 'flow', step: id, pending: null };
  const d = turn.state.draft;
  switch (step.type) {
    case 'text':
      if (d[step.store] !== undefined || d.skipped.includes(step.store)) return goto(turn, step.next, hops);
      break;
    case 'place':
      if (d.place !== undefined) return goto(turn, step.next, hops);
      break;
    case 'consent':
      if (d.consent !== undefined) return goto(turn, step.next, hops);
      break;
    case 'submit':
      return submit(turn, step);
    case 'handoff':
      return handoff(turn, step.say);
    default:
      break;
  }
  render(turn, id, step);
}

/** Asks the step's question (again). */
export function render(turn: Turn, id: string, step: FlowStep): void {
  switch (step.type) {
    case 'menu':
      ask(turn, tr(turn, step.ask), shownOptions(turn, step.options));
      break;
    case 'text':
      if (step.skip_label) ask(turn, tr(turn, step.ask), [{ value: 'skip', label: tr(turn, step.skip_label) }]);
      else sayKey(turn, step.ask);
      break;
    case 'place':
      renderPlace(turn, step);
      break;
    case 'consent':
      renderConsent(turn, step);
      break;
    case 'confirm':
      ask(turn, `${summaryText(turn)}\n\n${tr(turn, step.ask)}`, shownOptions(turn, step.options));
      break;
    case 'lookup':
      sayKey(turn, step.ask);
      break;
    case 'submit':
    case 'handoff':
      throw new Error(`step "${id}" acts on entry and never waits for an answer`);
  }
}

/** The consent question names the unit the report will be routed to, decided from the draft. */
function consentQuestion(turn: Turn, step: StepOf<'consent'>): string {
  const routed = draftHandlingUnit(turn);
  return tr(turn, step.ask, routed ? { unit: routed } : {});
}

function renderConsent(turn: Turn, step: StepOf<'consent'>): void {
  const question = consentQuestion(turn, step);
  const text = isSensitive(turn) ? `${question}\n\n${tr(turn, step.protected_note)}` : question;
  const options = shownOptions(turn, step.options);
  ask(turn, text, options);
  turn.state = { ...turn.state, pending: { kind: 'consent', wording: asNumberedText(text, options) } };
}

function summaryText(turn: Turn): string {
  const d = turn.state.draft;
  const lines = [tr(turn, 'summary.title'), tr(turn, 'summary.description', { text: d.description ?? '' })];
  const p = d.place;
  if (p?.kind === 'commune') lines.push(tr(turn, 'summary.place', { place: `${p.commune.name}, ${p.commune.provinceName}` }));
  else if (p?.kind === 'account') lines.push(tr(turn, 'summary.place', { place: p.name }));
  else if (p?.kind === 'unmatched') lines.push(tr(turn, 'summary.place', { place: p.text }));
  if (d.occurred_text) lines.push(tr(turn, 'summary.when', { text: d.occurred_text }));
  if (d.official_text) lines.push(tr(turn, 'summary.official', { text: d.official_text }));
  if (d.consent?.granted && d.reporter_name) {
    const contact = d.reporter_phone ? `${d.reporter_name}, ${d.reporter_phone}` : d.reporter_name;
    lines.push(tr(turn, 'summary.reporter', { contact }));
  } else {
    lines.push(tr(turn, 'summary.anonymous'));
  }
  if (d.attachments.length > 0) lines.push(tr(turn, 'summary.attachments', { count: d.attachments.length }));
  return lines.join('\n');
}

function store(turn: Turn, field: DraftField, value: string): void {
  turn.state = { ...turn.state, draft: { ...turn.state.draft, [field]: value } };
}

/** The quick replies the current step is waiting on (none for free-text questions). */
export function waitingOptions(turn: Turn, step: FlowStep): ShownOption[] {
  switch (step.type) {
    case 'menu':
    case 'consent':
    case 'confirm':
      return shownOptions(turn, step.options);
    case 'text':
      return step.skip_label ? [{ value: 'skip', label: tr(turn, step.skip_label) }] : [];
    case 'place':
      return placeOptions(turn);
    default:
      return [];
  }
}

/** Interprets what the citizen typed or tapped as the answer to the current step. */
export async function answer(turn: Turn, id: string, step: FlowStep, text: string, payload: string | null, first: boolean): Promise<void> {
  const typed = payload ?? text;
  switch (step.type) {
    case 'menu':
      return answerMenu(turn, id, step, text, typed, first);
    case 'text': {
      if (step.skip_label && matchOption(typed, [{ value: 'skip', label: tr(turn, step.skip_label) }])) {
        const d = turn.state.draft;
        turn.state = { ...turn.state, draft: { ...d, skipped: [...d.skipped, step.store] } };
        return goto(turn, step.next);
      }
      let value = text.trim();
      if (step.validate === 'phone') {
        const phone = parsePhone(value);
        if (phone === null) {
          sayKey(turn, step.invalid!);
          return render(turn, id, step);
        }
        value = phone;
      }
      if (value === '') return render(turn, id, step);
      store(turn, step.store, value);
      return goto(turn, step.next);
    }
    case 'place':
      return answerPlace(turn, step, text, payload);
    case 'consent': {
      const options = shownOptions(turn, step.options);
      const chosen = matchOption(typed, options);
      const pending = turn.state.pending;
      if (!chosen) {
        sayKey(turn, 'consent.unclear');
        return render(turn, id, step);
      }
      const wording = pending?.kind === 'consent' ? pending.wording : asNumberedText(consentQuestion(turn, step), options);
      await recordConsent(turn, step.purpose, chosen.value === 'agree', wording);
      return goto(turn, step.next);
    }
    case 'confirm': {
      const chosen = matchOption(typed, shownOptions(turn, step.options));
      if (chosen?.value === 'send') return goto(turn, step.next);
      if (chosen?.value === 'cancel') return cancel(turn);
      // Anything else is more detail about the problem: keep it, and show the summary again.
      const d = turn.state.draft;
      store(turn, 'description', d.description ? `${d.description}\n${text.trim()}` : text.trim());
      sayKey(turn, 'summary.added');
      return render(turn, id, step);
    }
    case 'lookup':
      if (!(await lookupByText(turn, text))) {
        sayKey(turn, 'lookup.invalid');
        return render(turn, id, step);
      }
      return afterLookup(turn);
    case 'submit':
    case 'handoff':
      return enter(turn, id);
  }
}

/** After a lookup, go back to what the citizen was doing, or rest. */
export async function afterLookup(turn: Turn): Promise<void> {
  const back = turn.state.returnTo;
  if (back && turn.flow.steps[back]) {
    turn.state = { ...turn.state, returnTo: null };
    return enter(turn, back);
  }
  turn.state = { ...turn.state, mode: 'idle', step: null, returnTo: null, pending: null };
}

async function answerMenu(
  turn: Turn,
  id: string,
  step: StepOf<'menu'>,
  text: string,
  typed: string,
  first: boolean,
): Promise<void> {
  const chosen = matchOption(typed, shownOptions(turn, step.options));
  if (chosen) {
    const option = step.options.find((o) => o.value === chosen.value)!;
    return goto(turn, option.next);
  }
  const intent = guessIntent(turn, text);
  const shortcut = intent === 'question' ? step.on_question : intent === 'problem' ? step.on_problem : undefined;
  if (shortcut) {
    store(turn, shortcut.store, text.trim());
    if (intent === 'problem') sayKey(turn, 'problem.noted');
    return enter(turn, shortcut.next);
  }
  if (first) sayKey(turn, 'greeting');
  else sayKey(turn, 'menu.unclear');
  return render(turn, id, step);
}

/**
 * Whether free text is a question or already describes a problem. The classifier decides
 * when it exists ("khac" is its label for questions and the rest); until then, question
 * markers and length do.
 */
function guessIntent(turn: Turn, text: string): 'question' | 'problem' | null {
  const detect = turn.flow.detect;
  const n = words(text).length;
  if (n === 0 || isGreetingOnly(turn, text)) return null;
  const questionLike = startsWithPhrase(text, detect.question_markers) || /\?\s*$/.test(text);
  const c = turn.deps.classify(text);
  if (c !== null) {
    if (c.label !== 'khac') return 'problem';
    return questionLike ? 'question' : null;
  }
  if (questionLike) return 'question';
  return n >= detect.problem_min_words ? 'problem' : null;
}

export function isGreetingOnly(turn: Turn, text: string): boolean {
  const f = fold(text);
  if (f === '') return true;
  return turn.flow.detect.greetings.some((g) => {
    const fg = fold(g);
    return f === fg || (f.startsWith(`${fg} `) && words(text).length <= fg.split(' ').length + 2);
  });
}
