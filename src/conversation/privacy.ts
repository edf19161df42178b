import { contactsOfConversation } from '../cases/index.ts';
import { eraseAtRequest } from '../privacy/index.ts';
import { recordConsent } from './intake.ts';
import { matchOption } from './text.ts';
import { ask, type ShownOption, say, sayKey, type Turn, tr } from './turn.ts';

/**
 * The citizen's rights over their data, asked for in the chat (DOMAIN.md §6: access and
 * erasure via the chat, logged): "thông tin của tôi" shows what is kept, "xóa thông tin của
 * tôi" erases it after one confirmation.
 */

/** What we keep of this citizen: contact details on their cases and in the form being filled. */
export async function showMyData(turn: Turn): Promise<void> {
  const stored = await contactsOfConversation(turn.tx, turn.ctx.id);
  const draft = turn.state.draft;
  const lines = stored.map((c) => tr(turn, 'privacy.case_line', { code: c.caseCode, contact: contactText(c.name, c.phone) }));
  if (draft.reporter_name || draft.reporter_phone) {
    lines.push(tr(turn, 'privacy.draft_line', { contact: contactText(draft.reporter_name ?? null, draft.reporter_phone ?? null) }));
  }
  if (lines.length === 0) return sayKey(turn, 'privacy.nothing');
  say(turn, [tr(turn, 'privacy.intro'), ...lines, tr(turn, 'privacy.how_to_erase')].join('\n'));
}

function contactText(name: string | null, phone: string | null): string {
  return [name, phone].filter((x): x is string => !!x).join(', ');
}

function eraseOptions(turn: Turn): ShownOption[] {
  return [
    { value: 'erase', label: tr(turn, 'privacy.erase_yes'), accept: ['xoa', 'xoa het', 'xoa di', 'xoa luon', 'xoa giup', 'dong y', 'co', 'yes', 'erase', 'delete'] },
    { value: 'keep', label: tr(turn, 'privacy.erase_no'), accept: ['giu', 'giu lai', 'khong', 'no', 'keep'] },
  ];
}

export function askErase(turn: Turn): void {
  ask(turn, tr(turn, 'privacy.erase_ask'), eraseOptions(turn));
  turn.state = { ...turn.state, pending: { kind: 'erase' } };
}

/**
 * The answer to "erase?": erases on yes. Anything but yes keeps everything; 'unanswered' says
 * the message was no answer at all (the citizen moved on).
 */
export async function onEraseAnswer(turn: Turn, typed: string): Promise<'erased' | 'kept' | 'unanswered'> {
  const r = turn.deps.flows.lexicon.acts.read(typed);
  const byActs = r.acts.has('yes') && !r.acts.has('no') ? 'erase' : r.acts.has('no') && !r.acts.has('yes') ? 'keep' : null;
  const chosen = matchOption(typed, eraseOptions(turn)) ?? (r.contentWords <= 2 && byActs ? { value: byActs } : null);
  turn.state = { ...turn.state, pending: null };
  if (chosen?.value === 'erase') {
    await erase(turn);
    return 'erased';
  }
  sayKey(turn, 'privacy.kept');
  return chosen ? 'kept' : 'unanswered';
}

async function erase(turn: Turn): Promise<void> {
  const draft = turn.state.draft;
  const erased = await eraseAtRequest(turn.tx, turn.ctx.id, { name: draft.reporter_name, phone: draft.reporter_phone }, turn.now);
  turn.erased = {
    names: [...erased.map((c) => c.name), draft.reporter_name].filter((x): x is string => !!x),
    phones: [...erased.map((c) => c.phone), draft.reporter_phone].filter((x): x is string => !!x),
  };
  // Consent is withdrawn as a record of its own: the earlier "yes" stays what it was.
  await recordConsent(turn, 'contact_for_reply', false, tr(turn, 'privacy.erase_ask'));
  // The form being filled forgets them too, and would ask for consent again.
  const { reporter_name: _n, reporter_phone: _p, consent: _c, ...rest } = draft;
  turn.state = { ...turn.state, draft: rest };
  sayKey(turn, erased.length > 0 ? 'privacy.erased' : 'privacy.erased_nothing_on_cases', { codes: erased.map((c) => c.caseCode).join(', ') });
}
