import { isAct, type Reading } from './acts.ts';
import type { Condition, DraftField, FlowOption, FlowStep, Shortcut, StepOf, Transition } from './flow-schema.ts';
import { cancel, draftHandlingUnit, handoff, lookupByText, recordConsent, submit } from './intake.ts';
import { detectIntent } from './intents.ts';
import { answerPlace, placeOptions, renderPlace } from './place-step.ts';
import { isSensitive } from './sensitive.ts';
import { emptyDraft } from './state.ts';
import { fold, matchOption, parseContact, timePhrase } from './text.ts';
import { t } from '../i18n/index.ts';
import { ask, asNumberedText, type ShownOption, say, sayKey, type Turn, tr, unit } from './turn.ts';

// A flow that loops through steps that need no answer would never stop; this many hops is a bug.
const MAX_HOPS = 50;

export function shownOptions(turn: Turn, options: readonly FlowOption[]): ShownOption[] {
  return options.map((o) => ({ value: o.value, label: tr(turn, o.label), accept: o.accept }));
}

/** Starts the entry flow afresh (keeps what the conversation remembers about earlier cases). */
export function resetToStart(turn: Turn): void {
  turn.flow = turn.deps.flows.entry;
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

/** Continues in another flow (a rant becoming a report, an intent of its own), keeping the draft. */
export function switchFlow(turn: Turn, flowId: string, stepId: string | null, hops = 0): Promise<void> {
  const flow = turn.deps.flows.byId.get(flowId);
  if (!flow) throw new Error(`there is no flow "${flowId}"`);
  turn.flow = flow;
  turn.state = { ...turn.state, flow: flow.flow };
  return enter(turn, stepId ?? flow.start, hops + 1);
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
      if (d[step.store] === undefined && step.store === 'occurred_text') fillTimeFromDescription(turn);
      if (turn.state.draft[step.store] !== undefined || d.skipped.includes(step.store)) return goto(turn, step.next, hops);
      break;
    case 'place':
      if (d.place !== undefined) return goto(turn, step.next, hops);
      break;
    case 'consent':
      if (d.consent !== undefined) return goto(turn, step.next, hops);
      break;
    case 'contact':
      if (d.consent?.granted !== true || contactDone(d)) return goto(turn, step.next, hops);
      break;
    case 'faq':
      if (d.description !== undefined) return answerFaq(turn, step, hops);
      break;
    case 'submit':
      return submit(turn, step);
    case 'handoff':
      return handoff(turn, step.say);
    case 'switch':
      return switchFlow(turn, step.flow, step.step, hops);
    default:
      break;
  }
  render(turn, id, step);
}

/** "hôm qua", "sáng thứ 2", "20/11" already in the description answer "when?". */
function fillTimeFromDescription(turn: Turn): void {
  const found = timePhrase(turn.state.draft.description ?? '', turn.deps.flows.lexicon.intents.time_patterns);
  if (found) store(turn, 'occurred_text', found);
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
    case 'contact': {
      const d = turn.state.draft;
      if (d.reporter_name !== undefined) ask(turn, tr(turn, step.ask_phone), [{ value: 'skip', label: tr(turn, 'skip.label') }]);
      else if (d.reporter_phone !== undefined) {
        // Asked once: a citizen who gives only a number is not asked for a name again.
        ask(turn, tr(turn, step.ask_name), [{ value: 'skip', label: tr(turn, 'skip.label') }]);
        skip(turn, 'reporter_name');
      } else sayKey(turn, step.ask);
      break;
    }
    case 'confirm':
      ask(turn, `${summaryText(turn)}\n\n${tr(turn, step.ask)}`, shownOptions(turn, step.options));
      break;
    case 'lookup':
    case 'faq':
      sayKey(turn, step.ask);
      break;
    case 'submit':
    case 'handoff':
    case 'switch':
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
  if (d.consent?.granted && (d.reporter_name || d.reporter_phone)) {
    const contact = [d.reporter_name, d.reporter_phone].filter((x) => x).join(', ');
    lines.push(tr(turn, 'summary.reporter', { contact }));
  } else {
    lines.push(tr(turn, 'summary.anonymous'));
  }
  if (d.attachments.length > 0) lines.push(tr(turn, 'summary.attachments', { count: d.attachments.length }));
  return lines.join('\n');
}

/** Name and phone, or what the citizen chose to leave out of them, are known. */
function contactDone(d: Turn['state']['draft']): boolean {
  const name = d.reporter_name !== undefined || d.skipped.includes('reporter_name');
  const phone = d.reporter_phone !== undefined || d.skipped.includes('reporter_phone');
  return name && phone;
}

function store(turn: Turn, field: DraftField, value: string): void {
  turn.state = { ...turn.state, draft: { ...turn.state.draft, [field]: value } };
}

function skip(turn: Turn, field: string): void {
  const d = turn.state.draft;
  turn.state = { ...turn.state, draft: { ...d, skipped: [...d.skipped, field] } };
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
    case 'contact':
      return turn.state.draft.reporter_name !== undefined ? [{ value: 'skip', label: tr(turn, 'skip.label') }] : [];
    case 'place':
      return placeOptions(turn);
    default:
      return [];
  }
}

/** The question waiting is one a plain yes answers ("…, đúng không ạ?", consent, the summary). */
export function asksYesNo(turn: Turn): boolean {
  const id = turn.state.step;
  const step = id ? turn.flow.steps[id] : undefined;
  const p = turn.state.pending;
  if (step?.type === 'place') return p?.kind === 'place_propose' || (p?.kind === 'place_candidates' && p.candidates.length === 1);
  return step?.type === 'consent' || step?.type === 'confirm';
}

/** One short question when an answer is no answer to what was asked ("ok" to "when?"). */
function clarify(turn: Turn, id: string, step: FlowStep, key: string): void {
  sayKey(turn, key);
  render(turn, id, step);
}

/** Interprets what the citizen typed or tapped, read once as `r`, as the answer to the current step. */
export async function answer(turn: Turn, id: string, step: FlowStep, r: Reading, payload: string | null, first: boolean): Promise<void> {
  const typed = payload ?? r.text;
  switch (step.type) {
    case 'menu':
      return answerMenu(turn, id, step, r, typed, first);
    case 'text':
      return answerText(turn, id, step, r, typed);
    case 'place':
      if (await answerPlace(turn, step, r, payload)) return goto(turn, step.next);
      return;
    case 'consent':
      return answerConsent(turn, id, step, r, typed);
    case 'contact':
      return answerContact(turn, id, step, r, typed);
    case 'confirm':
      return answerConfirm(turn, id, step, r, typed);
    case 'faq':
      if (r.text === '' || (r.pure && r.acts.size > 0)) return clarify(turn, id, step, 'clarify.describe');
      store(turn, 'description', r.text);
      return answerFaq(turn, step, 0);
    case 'lookup':
      if (!(await lookupByText(turn, r.text))) {
        sayKey(turn, 'lookup.invalid');
        return render(turn, id, step);
      }
      return afterLookup(turn);
    case 'submit':
    case 'handoff':
    case 'switch':
      return enter(turn, id);
  }
}

async function answerText(turn: Turn, id: string, step: StepOf<'text'>, r: Reading, typed: string): Promise<void> {
  const saysSkip = matchOption(typed, [{ value: 'skip', label: tr(turn, step.skip_label ?? 'skip.label') }]) !== null;
  if (step.skip_label && (saysSkip || (r.pure && isAct(r, 'skip', 'dont_know', 'no')))) {
    skip(turn, step.store);
    return goto(turn, step.next);
  }
  // "ok", "dạ đúng ạ", "🤬🤬" tell nothing about what happened or when: ask once more, never
  // store them; nor more anger in answer to "what happened?".
  const noWords = !/[\p{L}\p{N}]/u.test(r.text);
  const stillAngry = step.store === 'description' && detectIntent(turn, r.text) === 'rant';
  if (noWords || (r.pure && r.acts.size > 0) || stillAngry) {
    return clarify(turn, id, step, step.store === 'description' ? 'clarify.describe' : 'clarify.not_an_answer');
  }
  // "à nhầm, hôm thứ 3 cơ": the correction is the answer.
  const value = isAct(r, 'correct') && r.rest !== '' ? r.rest : r.text;
  store(turn, step.store, value);
  return goto(turn, step.next);
}

async function answerConsent(turn: Turn, id: string, step: StepOf<'consent'>, r: Reading, typed: string): Promise<void> {
  const options = shownOptions(turn, step.options);
  const contact = parseContact(r.text);
  let agreed: boolean | null = null;
  const chosen = matchOption(typed, options);
  if (chosen) agreed = chosen.value === 'agree';
  else if (isAct(r, 'anonymous') || (isAct(r, 'no', 'cancel', 'skip') && !isAct(r, 'yes'))) agreed = false;
  else if (isAct(r, 'yes', 'send') || contact.phone !== null) agreed = true;
  if (agreed === null) return clarify(turn, id, step, 'consent.unclear');
  const pending = turn.state.pending;
  const wording = pending?.kind === 'consent' ? pending.wording : asNumberedText(tr(turn, step.ask), options);
  await recordConsent(turn, step.purpose, agreed, wording);
  // "đồng ý, Lan 0912 345 678": the contact given with the yes is kept, not asked again.
  if (agreed && contact.phone !== null) keepContact(turn, contact);
  return goto(turn, step.next);
}

function keepContact(turn: Turn, c: { name: string | null; phone: string | null }): void {
  const d = turn.state.draft;
  turn.state = {
    ...turn.state,
    draft: { ...d, ...(c.name ? { reporter_name: c.name } : {}), ...(c.phone ? { reporter_phone: c.phone } : {}) },
  };
}

async function answerContact(turn: Turn, id: string, step: StepOf<'contact'>, r: Reading, typed: string): Promise<void> {
  const d = turn.state.draft;
  const saysSkip = matchOption(typed, [{ value: 'skip', label: tr(turn, 'skip.label') }]) !== null;
  if (saysSkip || (r.pure && isAct(r, 'skip', 'no', 'anonymous', 'dont_know'))) {
    // Without a name or a number nothing identifies them: the report goes as anonymous.
    skip(turn, 'reporter_phone');
    skip(turn, 'reporter_name');
    return goto(turn, step.next);
  }
  const c = parseContact(r.text);
  if (c.phone === null && c.name === null) return clarify(turn, id, step, c.digits ? step.invalid : 'clarify.contact');
  if (c.digits && c.phone === null) {
    if (c.name && d.reporter_name === undefined) keepContact(turn, c);
    return clarify(turn, id, step, step.invalid);
  }
  keepContact(turn, d.reporter_name !== undefined && c.phone !== null ? { name: null, phone: c.phone } : c);
  return enter(turn, id);
}

async function answerConfirm(turn: Turn, id: string, step: StepOf<'confirm'>, r: Reading, typed: string): Promise<void> {
  const chosen = matchOption(typed, shownOptions(turn, step.options));
  if (chosen?.value === 'send') return goto(turn, step.next);
  if (chosen?.value === 'cancel') return cancel(turn);
  const sends = isAct(r, 'send', 'yes');
  const stops = isAct(r, 'cancel', 'no');
  // "chuẩn rồi em", "đúng như thế": a yes with a word or two around it still sends.
  if (sends && !stops && !isAct(r, 'correct') && (r.pure || r.contentWords <= 2)) return goto(turn, step.next);
  if (r.pure && stops && !sends) return cancel(turn);
  if (stops && !sends && !isAct(r, 'correct') && r.contentWords <= 2) return cancel(turn);
  if (r.pure || r.contentWords < 3) {
    // "thôi gửi đi", "hmm": never guess whether to send; never add it to the report either.
    return clarify(turn, id, step, 'summary.unclear');
  }
  // "ok gửi đi, nhớ xử lý sớm nhé": the send is what counts; more words do not change the report.
  if (sends && !stops && !isAct(r, 'correct')) return goto(turn, step.next);
  // "à nhầm, hôm thứ 3 cơ": a correction of the time replaces it; anything else is more detail.
  const rest = isAct(r, 'correct') && r.rest !== '' ? r.rest : r.text;
  const time = isAct(r, 'correct') ? timePhrase(rest, turn.deps.flows.lexicon.intents.time_patterns) : null;
  if (time !== null) {
    store(turn, 'occurred_text', rest);
    sayKey(turn, 'summary.corrected');
  } else {
    const d = turn.state.draft;
    store(turn, 'description', d.description ? `${d.description}\n${rest}` : rest);
    sayKey(turn, 'summary.added');
  }
  return render(turn, id, step);
}

/** A procedure question the FAQ answers is answered at once; any other goes to staff. */
async function answerFaq(turn: Turn, step: StepOf<'faq'>, hops: number): Promise<void> {
  const question = ` ${turn.deps.flows.lexicon.acts.expand(turn.state.draft.description ?? '')} `;
  const has = (w: string) => question.includes(` ${fold(w)} `);
  const entry = turn.deps.flows.lexicon.faq.find((e) => !e.unless.some(has) && e.when.some((line) => line.every(has)));
  if (!entry) return goto(turn, step.next, hops);
  say(turn, `${trFaq(turn, entry.id)}\n\n${trFaq(turn, 'more')}`);
  turn.state = { ...turn.state, mode: 'idle', flow: null, step: null, returnTo: null, pending: null, draft: emptyDraft() };
}

function trFaq(turn: Turn, id: string): string {
  return t(turn.locale, `faq.${id}`, { unit: unit(turn) });
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

async function answerMenu(turn: Turn, id: string, step: StepOf<'menu'>, r: Reading, typed: string, first: boolean): Promise<void> {
  const chosen = matchOption(typed, shownOptions(turn, step.options));
  if (chosen) {
    const option = step.options.find((o) => o.value === chosen.value)!;
    return goto(turn, option.next);
  }
  // With a photo, whatever they wrote beside it is the report.
  const intent = detectIntent(turn, r.text) ?? (turn.state.draft.attachments.length > 0 && r.contentWords > 0 ? 'problem' : null);
  const shortcut: Shortcut | undefined = intent ? step.on_intent[intent] : undefined;
  if (intent && shortcut) {
    if (shortcut.store) store(turn, shortcut.store, r.text);
    if (intent === 'problem' || intent === 'denunciation') sayKey(turn, 'problem.noted');
    if (shortcut.flow !== undefined) return switchFlow(turn, shortcut.flow, null);
    return enter(turn, shortcut.next!);
  }
  if (!first) sayKey(turn, 'menu.unclear');
  return render(turn, id, step);
}
