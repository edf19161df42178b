import { isSensitive } from './sensitive.ts';
import { type CaseAttachment, findCaseCode } from '../cases/index.ts';
import type { ChannelEvent } from '../channels/types.ts';
import type { Queryable } from '../db/index.ts';
import { isLocale } from '../i18n/index.ts';
import { appendFollowUp, cancel, handoff, lookupByText } from './intake.ts';
import { askErase, onEraseAnswer, showMyData } from './privacy.ts';
import type { Reading } from './acts.ts';
import { isGreetingOnly } from './intents.ts';
import { answer, asksYesNo, enter, render, resetToStart, waitingOptions } from './steps.ts';
import { emptyDraft, hasContent, parseState, type State, type TimerName } from './state.ts';
import {
  commandMatch,
  detectLocale,
  excerpt,
  isCommand,
  isOnlyCaseCode,
  matchOption,
  mentionsPhrase,
  mentionsShort,
  parsePhone,
  fold,
  startsWithPhrase,
  words,
} from './text.ts';
import {
  ask,
  type ConversationContext,
  currentStep,
  type EngineDeps,
  readUnitNames,
  sayKey,
  type Turn,
  type TurnResult,
  tr,
} from './turn.ts';

export interface Engine {
  handle(tx: Queryable, ctx: ConversationContext, event: ChannelEvent): Promise<TurnResult>;
  handleTimer(tx: Queryable, ctx: ConversationContext, timerName: string): Promise<TurnResult>;
}

export function createEngine(deps: EngineDeps): Engine {
  return {
    async handle(tx, ctx, event) {
      const turn = await begin(deps, tx, ctx);
      await onEvent(turn, event);
      return finish(turn);
    },
    async handleTimer(tx, ctx, timerName) {
      const turn = await begin(deps, tx, ctx);
      return onTimer(turn, timerName);
    },
  };
}

async function begin(deps: EngineDeps, tx: Queryable, ctx: ConversationContext): Promise<Turn> {
  const state = parseState(ctx.state);
  // Between conversations the entry flow listens (its lookup, its menu), whichever flow ran last.
  const running = state.mode === 'flow' && state.flow !== null ? deps.flows.byId.get(state.flow) : undefined;
  const flow = running ?? deps.flows.entry;
  const names = await readUnitNames(tx, ctx.id);
  return {
    deps,
    tx,
    ctx,
    flow,
    now: deps.now(),
    state,
    locale: isLocale(ctx.locale) ? ctx.locale : 'vi',
    replies: [],
    unitName: names.told,
    channelUnitName: names.channel,
  };
}

async function onEvent(turn: Turn, event: ChannelEvent): Promise<void> {
  const c = event.content;
  switch (c.type) {
    case 'text':
      turn.locale = detectLocale(c.text, turn.locale);
      return onText(turn, c.text, null);
    case 'postback':
      return onPostback(turn, c.payload, c.text);
    case 'image':
      return onAttachment(turn, { kind: 'image', url: c.url, caption: c.caption });
    case 'file':
      return onAttachment(turn, { kind: 'file', url: c.url, name: c.name });
    case 'location':
      return onAttachment(turn, { kind: 'location', latitude: c.latitude, longitude: c.longitude, address: c.address });
    case 'sticker':
      if (turn.state.mode === 'idle') return startFlow(turn, null);
      return;
    case 'follow':
      if (turn.state.mode === 'idle') return startFlow(turn, null);
      return;
    case 'unfollow':
      // Nothing can be sent any more; keep what they wrote in case they come back.
      turn.state = closeKeepingDraft(turn.state, turn.now);
      return;
    case 'user_submit_info':
      return onSharedInfo(turn, c.name, c.phone);
  }
}

/**
 * A tapped button answers the question it belonged to. A button the bot does not know (a
 * Page's "Get started", an old menu) is no text to file: it opens the greeting, or asks the
 * current question again.
 */
async function onPostback(turn: Turn, payload: string, title: string | undefined): Promise<void> {
  const s = turn.state;
  const current = currentStep(turn);
  const known =
    s.pending?.kind === 'erase' ||
    s.pending?.kind === 'resume' ||
    (current !== null && waitingOptions(turn, current[1]).some((o) => o.value === payload));
  if (known) return onText(turn, title ?? payload, payload);
  if (s.mode === 'handoff') return;
  if (current) return continueStep(turn);
  return startFlow(turn, null);
}

async function onText(turn: Turn, text: string, payload: string | null): Promise<void> {
  if (turn.state.pending?.kind === 'erase') {
    // The erase question took the place of the step's own: mid-flow that step is asked again;
    // outside a flow, a message that is no answer is handled as any other.
    const outcome = await onEraseAnswer(turn, payload ?? text);
    if (outcome !== 'unanswered' || currentStep(turn)) return continueStep(turn);
  }
  // The one reading of this message every step works from.
  const reading = turn.deps.flows.lexicon.acts.read(text);
  if (await onCommand(turn, text, reading)) return;
  const s = turn.state;
  if (s.mode === 'handoff') return;
  if (s.mode === 'flow') {
    const current = currentStep(turn);
    if (current) return answer(turn, current[0], current[1], reading, payload, false);
    return startFlow(turn, text);
  }
  if (s.pending?.kind === 'resume') return onResumeAnswer(turn, payload ?? text, s.pending.text);
  if (!isGreetingOnly(turn, text) && (await appendFollowUp(turn, { kind: 'text', text: text.trim() }))) return;
  if (s.savedDraft !== null) return offerResume(turn, text);
  return startFlow(turn, text);
}

/** "hủy", "gặp cán bộ", "tra cứu …", "phản ánh mới" work at any step. */
async function onCommand(turn: Turn, text: string, reading: Reading): Promise<boolean> {
  const cmd = turn.flow.commands;
  const current = currentStep(turn);
  const cancelMatch = commandMatch(text, cmd.cancel);
  // "dung" typed without marks answers "Đúng" when the step offers it; "dừng" always stops.
  const answersStep =
    current !== null && (matchOption(text, waitingOptions(turn, current[1])) !== null || (reading.acts.has('yes') && asksYesNo(turn)));
  const onlyCancel =
    (reading.pure && reading.acts.size === 1 && reading.acts.has('cancel')) ||
    (reading.acts.has('cancel') && !reading.acts.has('send') && turn.deps.flows.lexicon.acts.saysExplicitCancel(text));
  if (cancelMatch === 'exact' || ((cancelMatch === 'folded' || onlyCancel) && !answersStep)) {
    cancel(turn);
    return true;
  }
  if (mentionsShort(text, cmd.handoff) || asksForPerson(turn, text)) {
    const step = Object.values(turn.flow.steps).find((s) => s.type === 'handoff');
    handoff(turn, step?.type === 'handoff' ? step.say : 'handoff.say');
    return true;
  }
  // "chị muốn xem thông tin của tôi mà bên mình đang lưu": a request in a sentence counts
  // when nothing else is going on, or the message is short.
  const asks = (phrases: readonly string[]) =>
    isCommand(text, phrases) || ((turn.state.mode !== 'flow' || words(text).length <= 8) && mentionsPhrase(text, phrases));
  if (asks(cmd.erase_my_data)) {
    askErase(turn);
    return true;
  }
  if (asks(cmd.my_data)) {
    await showMyData(turn);
    continueStep(turn);
    return true;
  }
  if (isCommand(text, cmd.new_feedback)) {
    resetToStart(turn);
    await enter(turn, turn.flow.start);
    return true;
  }
  // At the lookup step itself the code is the answer, not a command.
  if (current?.[1].type === 'lookup') return false;
  if (isOnlyCaseCode(text) || (startsWithPhrase(text, cmd.lookup) && findCaseCode(text) !== null)) {
    await lookupByText(turn, text);
    if (current) render(turn, current[0], current[1]);
    return true;
  }
  // "tra cứu" alone asks for the code; "kiểm tra giúp hồ sơ đất…" is not a lookup.
  const lookupStep = Object.entries(turn.flow.steps).find(([, s]) => s.type === 'lookup');
  if (lookupStep && isCommand(text, cmd.lookup)) {
    turn.state = { ...turn.state, returnTo: current?.[0] ?? null };
    await enter(turn, lookupStep[0]);
    return true;
  }
  return false;
}

/**
 * "chuyện này dài lắm, cho mình gặp cán bộ luôn được không": a longer message that asks to
 * talk to someone ("cho tôi / muốn / xin" + a hand-off phrase), not one that tells of a visit.
 */
function asksForPerson(turn: Turn, text: string): boolean {
  if (words(text).length > 30) return false;
  const padded = ` ${turn.deps.flows.lexicon.acts.expand(text)} `;
  return turn.flow.commands.handoff.some((p) => {
    const at = padded.indexOf(` ${fold(p)} `);
    return at >= 0 && /(?:cho (?:toi|minh|em|chau|tui)|muon|xin|can|de nghi)(?: duoc)?$/.test(padded.slice(0, at));
  });
}

/** After a side request (their data), the step the citizen was on is asked again. */
function continueStep(turn: Turn): void {
  const current = currentStep(turn);
  if (current) render(turn, current[0], current[1]);
}

/** Every new conversation opens with the greeting, whatever the first message says. */
async function startFlow(turn: Turn, text: string | null, keep: CaseAttachment[] = []): Promise<void> {
  resetToStart(turn);
  turn.state = { ...turn.state, draft: { ...turn.state.draft, attachments: keep } };
  const start = turn.flow.steps[turn.flow.start]!;
  sayKey(turn, 'greeting');
  if (text === null || isGreetingOnly(turn, text)) return render(turn, turn.flow.start, start);
  return answer(turn, turn.flow.start, start, turn.deps.flows.lexicon.acts.read(text), null, true);
}

async function onAttachment(turn: Turn, attachment: CaseAttachment): Promise<void> {
  const s = turn.state;
  if (s.mode === 'handoff') return;
  // Text sent with a photo (a Zalo caption, Messenger text beside images) tells what happened.
  const caption = attachment.kind === 'image' ? (attachment.caption?.trim() ?? '') : '';
  if (s.mode === 'flow') {
    turn.state = { ...s, draft: { ...s.draft, attachments: [...s.draft.attachments, attachment] } };
    sayKey(turn, `attachment.${attachment.kind}`);
    const current = currentStep(turn);
    if (caption === '' || s.draft.description !== undefined || !current) return;
    const reading = turn.deps.flows.lexicon.acts.read(caption);
    const asksWhat = current[1].type === 'text' && current[1].store === 'description';
    if (asksWhat || current[1].type === 'menu') return answer(turn, current[0], current[1], reading, null, false);
    turn.state = { ...turn.state, draft: { ...turn.state.draft, description: caption } };
    return;
  }
  if (await appendFollowUp(turn, attachment)) return;
  if (caption !== '') return startFlow(turn, caption, [attachment]);
  // A photo alone as the first message: it is evidence of something; ask what happened.
  resetToStart(turn);
  turn.state = { ...turn.state, draft: { ...emptyDraft(), attachments: [attachment] } };
  const describe = Object.entries(turn.flow.steps).find(([, st]) => st.type === 'text' && st.store === 'description');
  sayKey(turn, 'greeting');
  sayKey(turn, 'attachment.first');
  turn.state = { ...turn.state, step: describe?.[0] ?? turn.flow.start };
  if (!describe) render(turn, turn.flow.start, turn.flow.steps[turn.flow.start]!);
}

/** Zalo's "share your information" form: kept only under a consent already given. */
async function onSharedInfo(turn: Turn, name: string | undefined, phone: string | undefined): Promise<void> {
  const s = turn.state;
  if (s.mode !== 'flow' || s.draft.consent?.granted !== true) {
    sayKey(turn, 'info.no_consent');
    return;
  }
  const parsed = phone ? parsePhone(phone) : null;
  turn.state = {
    ...s,
    draft: {
      ...s.draft,
      ...(name?.trim() ? { reporter_name: name.trim() } : {}),
      ...(parsed ? { reporter_phone: parsed } : {}),
    },
  };
  sayKey(turn, 'info.received');
  if (s.step) await enter(turn, s.step);
}

function offerResume(turn: Turn, text: string | null): void {
  const saved = turn.state.savedDraft!;
  const what = saved.draft.description ? excerpt(saved.draft.description) : tr(turn, 'resume.attachments_only');
  ask(turn, tr(turn, 'resume.ask', { what }), resumeOptions(turn));
  turn.state = { ...turn.state, pending: { kind: 'resume', text } };
}

function resumeOptions(turn: Turn) {
  return [
    { value: 'continue', label: tr(turn, 'resume.continue'), accept: ['tiep', 'tiep tuc', 'co', 'yes', 'continue'] },
    { value: 'restart', label: tr(turn, 'resume.restart'), accept: ['moi', 'lam lai', 'bat dau lai', 'new', 'restart'] },
  ];
}

async function onResumeAnswer(turn: Turn, typed: string, heldText: string | null): Promise<void> {
  const chosen = matchOption(typed, resumeOptions(turn));
  const saved = turn.state.savedDraft;
  if (chosen?.value === 'continue' && saved) {
    turn.flow = turn.deps.flows.byId.get(saved.flow) ?? turn.deps.flows.entry;
    turn.state = { ...turn.state, mode: 'flow', flow: turn.flow.flow, step: saved.step, draft: saved.draft, savedDraft: null, pending: null };
    return enter(turn, saved.step);
  }
  if (chosen?.value === 'restart' || !saved) {
    turn.state = { ...turn.state, savedDraft: null, pending: null };
    return startFlow(turn, heldText);
  }
  sayKey(turn, 'resume.unclear');
  offerResume(turn, heldText);
}

function closeKeepingDraft(s: State, now: Date): State {
  const keep = s.mode === 'flow' && s.flow !== null && s.step !== null && hasContent(s.draft);
  return {
    ...s,
    mode: 'idle',
    step: null,
    returnTo: null,
    pending: null,
    draft: emptyDraft(),
    savedDraft: keep ? { flow: s.flow!, step: s.step!, draft: s.draft, closedAt: now.getTime() } : s.savedDraft,
    timer: null,
  };
}

/** Inactivity: first a polite nudge, then the draft is kept and the conversation closed. */
async function onTimer(turn: Turn, name: string): Promise<TurnResult> {
  const armed = turn.state.timer;
  // Not an inactivity timer: staff ended the hand-off from the inbox.
  if (name === 'end_handoff') return endHandoff(turn);
  // A timer from an earlier turn fires late or early: only the one this state armed counts.
  if (!armed || armed.name !== name || turn.now.getTime() < armed.dueAt) {
    return finish(turn, armed ? { name: armed.name, dueAt: armed.dueAt } : null);
  }
  const s = turn.state;
  if (name === 'nudge' && s.mode === 'flow') {
    sayKey(turn, 'timeout.nudge');
    return finish(turn, { name: 'close', dueAt: turn.now.getTime() + turn.flow.timeouts.close_after });
  }
  if (name === 'close' && s.mode === 'flow') {
    sayKey(turn, hasContent(s.draft) ? 'timeout.closed_with_draft' : 'timeout.closed');
    turn.state = closeKeepingDraft(s, turn.now);
    return finish(turn, null);
  }
  if (name === 'release' && s.mode === 'handoff') {
    turn.state = { ...s, mode: 'idle', timer: null };
    return finish(turn, null);
  }
  return finish(turn, null);
}

/** The bot takes back a conversation staff were handling, and tells the citizen it has. */
function endHandoff(turn: Turn): TurnResult {
  const s = turn.state;
  if (s.mode !== 'handoff') return finish(turn, s.timer ? { name: s.timer.name, dueAt: s.timer.dueAt } : null);
  turn.state = { ...s, mode: 'idle', timer: null };
  sayKey(turn, 'handoff.ended');
  return finish(turn, null);
}

/**
 * Every turn ends with the one timer the new state needs: waiting in a flow arms the nudge,
 * a hand-off arms its release, rest clears it. `override` is for the timer path itself.
 */
function finish(turn: Turn, override?: { name: TimerName; dueAt: number } | null): TurnResult {
  const now = turn.now.getTime();
  let timer: { name: TimerName; dueAt: number } | null;
  if (override !== undefined) {
    timer = override;
  } else if (turn.state.mode === 'flow') {
    const step = turn.state.step ? turn.flow.steps[turn.state.step] : undefined;
    const after = (step && 'nudge_after' in step ? step.nudge_after : undefined) ?? turn.flow.timeouts.nudge_after;
    timer = { name: 'nudge', dueAt: now + after };
  } else if (turn.state.mode === 'handoff') {
    timer = turn.handoff ? { name: 'release', dueAt: now + turn.flow.timeouts.handoff_release_after } : turn.state.timer;
  } else {
    timer = null;
  }
  turn.state = { ...turn.state, timer };
  return {
    state: turn.state,
    locale: turn.locale,
    replies: turn.replies,
    timer: timer ? { name: timer.name, afterMs: Math.max(0, timer.dueAt - now) } : null,
    ...(turn.caseCreated ? { caseCreated: turn.caseCreated } : {}),
    ...(turn.erased ? { erased: turn.erased } : {}),
    ...(turn.handoff ? { handoff: true as const } : {}),
    ...(isSensitive(turn) ? { guardsReporter: true as const } : {}),
  };
}
