import {
  appendToCase,
  type CaseAppendix,
  citizenNotice,
  createCase,
  dueDateOfKind,
  findCaseByCodeForUser,
  findCaseCode,
  handlingUnitName,
  kindEvidence,
  proposeCaseKind,
  type Reporter,
  recordRouting,
  type Route,
  routeCase,
  UnroutableCase,
} from '../cases/index.ts';
import { t } from '../i18n/index.ts';
import { formatDate } from './due-date.ts';
import type { StepOf } from './flow-schema.ts';
import { emptyDraft, hasContent } from './state.ts';
import { isSensitive, readsAsDenunciation } from './sensitive.ts';
import { say, sayKey, type Turn, tr, unit } from './turn.ts';

/** Records the answer to a consent request with the exact words shown and the moment it was given. */
export async function recordConsent(turn: Turn, purpose: string, granted: boolean, wording: string): Promise<void> {
  const rows = await turn.tx.query<{ id: string }>(
    `INSERT INTO consents (conversation_id, purpose, granted, wording, locale, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text AS id`,
    [turn.ctx.id, purpose, granted, wording, turn.locale, turn.now],
  );
  const d = turn.state.draft;
  turn.state = { ...turn.state, draft: { ...d, consent: { granted, consentId: rows[0]!.id } } };
}

/** Where the draft will go: its place, its classification, and the route those decide. */
function routeDraft(turn: Turn) {
  const d = turn.state.draft;
  const scope = turn.ctx.accountScope;
  const description = (d.description ?? '').trim();
  const place = d.place;
  const communeCode =
    place?.kind === 'commune' ? place.commune.code : place?.kind === 'account' ? place.code : scope.kind === 'commune' ? scope.code : null;
  const provinceCode =
    place?.kind === 'commune' ? place.commune.provinceCode : place?.kind === 'account' ? place.provinceCode : scope.kind === 'province' ? scope.code : null;
  const classification = description === '' ? null : turn.deps.classify(description);
  // data/routing/rules.json decides: a case about the commune's own leaders goes to the province.
  const route = routeCase({
    communeCode,
    provinceCode,
    label: classification?.label ?? 'unknown',
    labels: classification?.labels ?? [],
    targetsLeader: classification?.targetsLeader ?? false,
    text: `${description} ${d.official_text ?? ''}`,
  });
  return { description, place, communeCode, provinceCode, classification, route };
}

/**
 * The unit that will answer the draft as it stands, for the consent question: the citizen who
 * denounces their commune's chairman is asked to let the province's body contact them, not the
 * commune. Null (the channel's unit is named) when no unit can be decided yet.
 */
export function draftHandlingUnit(turn: Turn): string | null {
  let route: Route;
  try {
    route = routeDraft(turn).route;
  } catch (err) {
    if (err instanceof UnroutableCase) return null;
    throw err;
  }
  return handlingUnitName(route);
}

/** Turns the draft into a case, thanks the citizen with the code, the expected date and the unit that answers. */
export async function submit(turn: Turn, step: StepOf<'submit'>): Promise<void> {
  const d = turn.state.draft;
  const { description, place, communeCode, provinceCode, classification, route } = routeDraft(turn);
  const sensitive = (step.case_kind === 'feedback' || step.case_kind === 'denunciation') && isSensitive(turn);
  const reporter: Reporter =
    d.consent?.granted && (d.reporter_name || d.reporter_phone)
      ? { kind: 'identified', name: d.reporter_name ?? '', phone: d.reporter_phone ?? null, consentId: d.consent.consentId }
      : { kind: 'anonymous' };
  // The kind in law decides the clock and the words (src/cases citizenNotice); staff may change it.
  const legalKind = proposeCaseKind(kindEvidence({ kind: step.case_kind, classification, officialText: d.official_text ?? null }));
  const due = dueDateOfKind(legalKind.kind, turn.now, turn.deps.dueDate);
  const created = await createCase(turn.tx, {
    kind: step.case_kind,
    legalKind,
    conversationId: turn.ctx.id,
    locale: turn.locale,
    receivedAt: turn.now,
    dueDate: due,
    communeCode,
    provinceCode,
    placeText: place === undefined ? null : place.kind === 'account' ? place.name : place.text,
    routedTo: { kind: route.kind, code: route.code },
    classification,
    description,
    occurredText: d.occurred_text ?? null,
    officialText: d.official_text ?? null,
    reporter,
    identityProtected: sensitive || route.identityProtected,
    attachments: d.attachments,
  });
  await recordRouting(turn.tx, created.id, route, 'system', turn.now);
  const identityProtected = sensitive || route.identityProtected;
  // The unit named is the one that will answer (the routed unit), never the channel's owner.
  const answering = handlingUnitName(route) ?? unit(turn);
  say(turn, citizenNotice({ kind: legalKind.kind, dueDate: due, unit: answering, code: created.code, reporter: reporter.kind, identityProtected }, turn.locale));
  // What a formal complaint or denunciation needs, when the kind's own notice did not say it.
  if (step.notice && legalKind.kind !== 'to_cao' && legalKind.kind !== 'khieu_nai') sayKey(turn, step.notice);
  turn.caseCreated = { id: created.id, code: created.code };
  turn.state = {
    ...turn.state,
    mode: 'idle',
    step: null,
    returnTo: null,
    pending: null,
    draft: emptyDraft(),
    savedDraft: null,
    lastCase: { id: created.id, code: created.code, at: turn.now.getTime() },
  };
}

export function cancel(turn: Turn): void {
  const busy = turn.state.mode !== 'idle' || turn.state.savedDraft !== null;
  sayKey(turn, busy ? 'cancel.done' : 'cancel.nothing');
  turn.state = {
    ...turn.state,
    mode: 'idle',
    step: null,
    returnTo: null,
    pending: null,
    draft: emptyDraft(),
    savedDraft: null,
  };
}

/** A person takes over: the draft is kept for them, the bot goes quiet. */
export function handoff(turn: Turn, key: string): void {
  sayKey(turn, key);
  const s = turn.state;
  turn.state = {
    ...s,
    mode: 'handoff',
    step: null,
    returnTo: null,
    pending: null,
    savedDraft:
      s.flow !== null && s.step !== null && hasContent(s.draft)
        ? { flow: s.flow, step: s.step, draft: s.draft, closedAt: turn.now.getTime() }
        : s.savedDraft,
    draft: emptyDraft(),
  };
  turn.handoff = true;
}

/**
 * Answers "tra cứu <code>" for the citizen's own cases only. Returns false when the text holds
 * no code at all. A code of someone else's gets the same words as a code that does not exist.
 */
export async function lookupByText(turn: Turn, text: string): Promise<boolean> {
  const code = findCaseCode(text);
  if (code === null) return false;
  const found = await findCaseByCodeForUser(turn.tx, code, { platform: turn.ctx.platform, userRef: turn.ctx.userRef });
  if (!found) {
    sayKey(turn, 'lookup.not_found', { code });
    return true;
  }
  const status = t(turn.locale, `cases.status.${found.status}`);
  const lines = [tr(turn, 'lookup.found', { code: found.code, status, due: found.dueDate ? formatDate(found.dueDate) : '—' })];
  if (found.answer) lines.push(tr(turn, 'lookup.answer', { answer: found.answer }));
  say(turn, lines.join('\n'));
  return true;
}

/** Later messages about a recent case are added to it rather than starting a new one. */
export async function appendFollowUp(turn: Turn, appendix: CaseAppendix): Promise<boolean> {
  const last = turn.state.lastCase;
  if (!last || turn.now.getTime() - last.at > turn.flow.timeouts.follow_up_window) return false;
  // A message that reads as a denunciation is never slipped into an unprotected case: it may
  // accuse the very unit handling that case. It starts a report of its own, routed on its words.
  if (appendix.kind === 'text' && readsAsDenunciation(turn, appendix.text) && !(await isProtectedCase(turn, last.id))) return false;
  await appendToCase(turn.tx, last.id, appendix, turn.now);
  sayKey(turn, appendix.kind === 'text' ? 'follow_up.appended' : 'follow_up.appended_attachment', { code: last.code });
  return true;
}

async function isProtectedCase(turn: Turn, caseId: string): Promise<boolean> {
  const rows = await turn.tx.query<{ identity_protected: boolean }>('SELECT identity_protected FROM cases WHERE id = $1', [caseId]);
  return rows[0]?.identity_protected === true;
}
