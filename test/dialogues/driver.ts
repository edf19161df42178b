import nock from 'nock';
import { upsertAccount } from '../../src/accounts/index.ts';
import { fold, loadFlows, parseState } from '../../src/conversation/index.ts';
import { getCommune, getProvince, listCommunes, listProvinces } from '../../src/directory/index.ts';
import { LOCALES, t } from '../../src/i18n/index.ts';
import { eventually, FAKE, signMessenger, signZalo, type TestRuntime } from '../support/runtime.ts';
import type { Asked, Conversation, Opening, Outcome } from './corpus.ts';

/**
 * Drives one scripted citizen through the real webhook → queue → worker path and reads what
 * they experienced: the replies Graph or Zalo received, and the case staff would see. The
 * conversation's current step only chooses which of the citizen's `answers` to send next.
 */

const flows = loadFlows(new URL('../../flows', import.meta.url).pathname);
const MAX_TURNS = 20;
const MAX_SAME_QUESTION = 3;

/** What the platforms received, per recipient. */
export class Capture {
  readonly #byUser = new Map<string, string[]>();
  constructor() {
    nock(FAKE.graphBase)
      .persist()
      .post(/\/v25\.0\/[^/]+\/messages/, (body: { recipient?: { id?: string }; message?: { text?: string; quick_replies?: { title: string }[] } }) => {
        const m = body.message;
        if (m && body.recipient?.id) {
          const text = m.text ?? JSON.stringify(m);
          this.#push(body.recipient.id, m.quick_replies ? `${text}\n${m.quick_replies.map((q) => `[${q.title}]`).join(' ')}` : text);
        }
        return true;
      })
      .query(true)
      .reply(200, { recipient_id: 'x', message_id: 'm-out' });
    nock(FAKE.zaloApiBase)
      .persist()
      .post(/\/v3\.0\/oa\/message\/cs/, (body: { recipient?: { user_id?: string }; message?: { text?: string } }) => {
        if (body.recipient?.user_id) this.#push(body.recipient.user_id, body.message?.text ?? JSON.stringify(body.message));
        return true;
      })
      .reply(200, { error: 0, message: 'Success', data: { message_id: 'z-out' } });
  }
  #push(user: string, text: string): void {
    this.#byUser.set(user, [...(this.#byUser.get(user) ?? []), text]);
  }
  of(user: string): readonly string[] {
    return this.#byUser.get(user) ?? [];
  }
}

/** "<commune>, <province>" or "<province>" → the account scope, from the official lists. */
export function scopeOf(page: string): { kind: 'commune' | 'province'; code: string } {
  const parts = page.split(',').map((p) => fold(p));
  const province = listProvinces().find((p) => fold(p.name) === parts.at(-1) || fold(p.short) === parts.at(-1));
  if (parts.length >= 2) {
    const commune = listCommunes().find((c) => fold(c.name) === parts[0] && (!province || c.provinceCode === province.code));
    if (commune) return { kind: 'commune', code: commune.code };
  }
  if (province) return { kind: 'province', code: province.code };
  throw new Error(`no unit "${page}" in the directory`);
}

/** One account per (platform, page), registered like an operator would. */
export class Pages {
  readonly #ids = new Map<string, string>();
  #n = 0;
  readonly h: TestRuntime;
  constructor(h: TestRuntime) {
    this.h = h;
  }
  async of(channel: 'zalo' | 'messenger', page: string): Promise<string> {
    const key = `${channel}|${page}`;
    const known = this.#ids.get(key);
    if (known) return known;
    const externalId = `${channel === 'zalo' ? '7' : '9'}${String(++this.#n).padStart(8, '0')}`;
    await upsertAccount(this.h.t.db, {
      platform: channel,
      externalId,
      scope: scopeOf(page),
      accessToken: 'token',
      refreshToken: 'refresh',
      tokenExpiresAt: new Date(Date.now() + 365 * 86_400_000),
    });
    this.#ids.set(key, externalId);
    return externalId;
  }
}

export interface Outcomes {
  readonly id: string;
  readonly ok: boolean;
  readonly problems: string[];
  readonly expected: Outcome;
  readonly turns: number;
  readonly askedTwice: number;
  readonly notInAnswers: number;
  readonly clarifications: number;
  readonly confirmationAppended: boolean;
  readonly transcript: string[];
}

/** The fixed opening of a reply in each language: its text up to the first placeholder. */
const texts = (key: string): string[] =>
  LOCALES.map((l) => t(l, key).split(/\{\w+\}/).sort((a, b) => b.length - a.length)[0]!.slice(0, 40)).filter((x) => x.length >= 8);
const CLARIFY_KEYS = [
  'conversation.clarify.describe',
  'conversation.clarify.not_an_answer',
  'conversation.clarify.contact',
  'conversation.place.not_a_place',
  'conversation.place.choose_one',
  'conversation.summary.unclear',
  'conversation.consent.unclear',
  'conversation.menu.unclear',
  'conversation.resume.unclear',
];
const seen = (replies: readonly string[], key: string): boolean => texts(key).some((x) => replies.some((r) => r.includes(x)));

let users = 0;

export async function runConversation(h: TestRuntime, capture: Capture, pages: Pages, conv: Conversation): Promise<Outcomes> {
  const account = await pages.of(conv.channel, conv.page);
  const user = `${Date.now() % 1_000_000}${String(++users).padStart(6, '0')}`;
  const transcript: string[] = [];
  let read = 0;
  let turns = 0;
  const deliver = async (item: Opening): Promise<void> => {
    const said = 'text' in item && item.text ? item.text : 'image' in item ? '[ảnh]' : 'location' in item ? '[vị trí]' : `[${(item as { postback: string }).postback}]`;
    transcript.push(`Người dân: ${'image' in item && item.text ? `[ảnh] ${item.text}` : said}`);
    const id = `d${user}x${++turns}`;
    const body = conv.channel === 'messenger' ? messengerBody(account, user, id, item) : zaloBody(account, user, id, item);
    const signature = conv.channel === 'messenger' ? { 'x-hub-signature-256': signMessenger(body) } : { 'x-zevent-signature': signZalo(body) };
    const res = await fetch(`${h.rt.url}/webhooks/${conv.channel}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...signature } });
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    await settled(h, id, () => capture.of(user).length);
    const fresh = capture.of(user).slice(read);
    read += fresh.length;
    for (const f of fresh) transcript.push(`Công Bộc: ${f}`);
  };

  for (const item of conv.opening) await deliver(item);
  const counts = new Map<Asked, number>();
  const usedMidway = new Set<number>();
  let lastMidwayAt: Asked | null = null;
  let askedTwice = 0;
  let notInAnswers = 0;
  let stuck = '';
  while (turns < MAX_TURNS) {
    const asked = askedFor(await stateOf(h, account, user));
    if (asked === null) break;
    const n = (counts.get(asked) ?? 0) + 1;
    counts.set(asked, n);
    if (n > 1 && lastMidwayAt !== asked) askedTwice++;
    if (n > MAX_SAME_QUESTION) {
      stuck = `asked for "${asked}" ${n} times`;
      break;
    }
    const m = conv.midway.findIndex((x, i) => x.at === asked && !usedMidway.has(i));
    lastMidwayAt = null;
    let text: string | undefined;
    if (m >= 0) {
      usedMidway.add(m);
      text = conv.midway[m]!.text;
      lastMidwayAt = asked;
      counts.set(asked, n - 1);
    } else {
      text = conv.answers[asked];
      if (text === undefined) {
        notInAnswers++;
        text = conv.answers.other;
      }
    }
    if (text === undefined) {
      stuck = `asked for "${asked}", which the script does not answer`;
      break;
    }
    await deliver({ text });
  }
  if (turns >= MAX_TURNS) stuck = `still going after ${MAX_TURNS} messages`;

  const replies = capture.of(user);
  const cases = await h.t.db.query<CaseRow>(
    `SELECT k.kind, k.description, k.commune_code, k.province_code, k.routed_to_code, k.reporter_name, k.reporter_phone
       FROM cases k JOIN conversations v ON v.id = k.conversation_id JOIN channel_accounts a ON a.id = v.channel_account_id
      WHERE a.external_id = $1 AND v.user_ref = $2 ORDER BY k.id`,
    [account, user],
  );
  const problems: string[] = [];
  if (stuck) problems.push(stuck);
  const complaint = cases.find((c) => c.kind === 'feedback' || c.kind === 'denunciation');
  const e = conv.expect;
  switch (e.outcome) {
    case 'case':
      if (!complaint) problems.push(`no case was filed (cases: ${cases.map((c) => c.kind).join(', ') || 'none'})`);
      break;
    case 'compliment':
      if (!cases.some((c) => c.kind === 'compliment')) problems.push(`no compliment was recorded (cases: ${cases.map((c) => c.kind).join(', ') || 'none'})`);
      if (complaint) problems.push('a compliment was filed as a complaint');
      break;
    case 'question':
      if (!cases.some((c) => c.kind === 'question') && !seen(replies, 'faq.more')) problems.push('the question was neither answered nor recorded');
      break;
    case 'cancelled':
      if (cases.length > 0) problems.push('a case was filed although the citizen cancelled');
      if (!seen(replies, 'conversation.cancel.done')) problems.push('the citizen was not told the report was cancelled');
      break;
    case 'handoff':
      if (!seen(replies, 'conversation.handoff.say')) problems.push('no officer was called');
      break;
    case 'data_shown':
      if (!seen(replies, 'conversation.privacy.intro') && !seen(replies, 'conversation.privacy.nothing')) problems.push('their data was not shown');
      break;
    case 'data_erased':
      if (!seen(replies, 'conversation.privacy.erased') && !seen(replies, 'conversation.privacy.erased_nothing_on_cases')) problems.push('their data was not erased');
      break;
    case 'no_case':
      if (cases.length > 0) problems.push(`a ${cases[0]!.kind} was recorded although none was expected`);
      break;
  }
  let confirmationAppended = false;
  if (complaint) {
    const description = fold(complaint.description);
    if (e.unit && !unitMatches(e.unit, complaint)) problems.push(`handled by ${unitNames(complaint).join(' / ') || 'no unit'}, expected ${e.unit}`);
    if (e.contact_kept !== undefined && e.contact_kept !== (complaint.reporter_name !== null || complaint.reporter_phone !== null)) {
      problems.push(e.contact_kept ? 'their contact was not kept' : 'a contact was kept although they did not give one');
    }
    for (const w of e.description_has ?? []) if (!description.includes(fold(w))) problems.push(`the description lacks "${w}"`);
    for (const w of e.description_lacks ?? []) if (description.includes(fold(w))) problems.push(`the description contains "${w}"`);
    const confirm = conv.answers.confirm;
    const lines = complaint.description.split('\n').map((l) => fold(l));
    if (confirm && lines.slice(1).some((l) => l === fold(confirm))) {
      confirmationAppended = true;
      problems.push(`their confirmation "${confirm}" was added to the description`);
    }
  }
  const clarifications = CLARIFY_KEYS.reduce((sum, key) => sum + replies.filter((r) => texts(key).some((x) => r.includes(x))).length, 0);
  return {
    id: conv.id,
    ok: problems.length === 0,
    problems,
    expected: e.outcome,
    turns,
    askedTwice,
    notInAnswers,
    clarifications,
    confirmationAppended,
    transcript,
  };
}

interface CaseRow {
  kind: string;
  description: string;
  commune_code: string | null;
  province_code: string | null;
  routed_to_code: string;
  reporter_name: string | null;
  reporter_phone: string | null;
}

function unitNames(c: CaseRow): string[] {
  const names = [c.commune_code, c.routed_to_code].map((code) => (code ? (getCommune(code)?.name ?? getProvince(code)?.name) : undefined));
  names.push(c.province_code ? getProvince(c.province_code)?.name : undefined);
  return names.filter((n): n is string => n !== undefined);
}

function unitMatches(expected: string, c: CaseRow): boolean {
  const want = fold(expected.split(',')[0]!);
  return unitNames(c).some((n) => fold(n) === want || fold(n).endsWith(` ${want}`) || want.endsWith(` ${fold(n)}`));
}

async function stateOf(h: TestRuntime, account: string, user: string): Promise<ReturnType<typeof parseState>> {
  const rows = await h.t.db.query<{ state: unknown }>(
    'SELECT v.state FROM conversations v JOIN channel_accounts a ON a.id = v.channel_account_id WHERE a.external_id = $1 AND v.user_ref = $2',
    [account, user],
  );
  return parseState(rows[0]?.state ?? {});
}

/** Which of the citizen's answers the question waiting on them calls for. */
function askedFor(s: ReturnType<typeof parseState>): Asked | null {
  if (s.pending?.kind === 'resume' || s.pending?.kind === 'erase') return 'other';
  if (s.mode !== 'flow' || s.step === null) return null;
  const flow = (s.flow !== null ? flows.byId.get(s.flow) : undefined) ?? flows.entry;
  const step = flow.steps[s.step];
  switch (step?.type) {
    case 'menu':
    case 'faq':
      return 'what';
    case 'text':
      return step.store === 'description' ? 'what' : step.store === 'occurred_text' ? 'when' : step.store === 'reporter_name' || step.store === 'reporter_phone' ? 'contact' : 'other';
    case 'place':
      return 'where';
    case 'consent':
      return 'consent';
    case 'contact':
      return 'contact';
    case 'confirm':
      return 'confirm';
    default:
      return 'other';
  }
}

function messengerBody(page: string, psid: string, mid: string, item: Opening): string {
  let event: Record<string, unknown>;
  if ('postback' in item) event = { postback: { mid, title: item.postback, payload: 'GET_STARTED' } };
  else if ('image' in item) {
    event = { message: { mid, ...(item.text ? { text: item.text } : {}), attachments: [{ type: 'image', payload: { url: `https://cdn.test/${mid}.jpg` } }] } };
  } else if ('location' in item) {
    event = { message: { mid, attachments: [{ type: 'location', title: 'Vị trí', payload: { coordinates: { lat: 21.0368, long: 105.8342 } } }] } };
  } else event = { message: { mid, text: item.text } };
  return JSON.stringify({
    object: 'page',
    entry: [{ id: page, time: Date.now(), messaging: [{ sender: { id: psid }, recipient: { id: page }, timestamp: Date.now(), ...event }] }],
  });
}

function zaloBody(oa: string, user: string, msgId: string, item: Opening): string {
  let event_name = 'user_send_text';
  let message: Record<string, unknown>;
  if ('postback' in item) message = { msg_id: msgId, text: item.postback };
  else if ('image' in item) {
    event_name = 'user_send_image';
    message = { msg_id: msgId, ...(item.text ? { text: item.text } : {}), attachments: [{ type: 'image', payload: { url: `https://cdn.test/${msgId}.jpg`, thumbnail: `https://cdn.test/${msgId}-t.jpg` } }] };
  } else if ('location' in item) {
    event_name = 'user_send_location';
    message = { msg_id: msgId, attachments: [{ type: 'location', payload: { coordinates: { latitude: '21.0368', longitude: '105.8342' } } }] };
  } else message = { msg_id: msgId, text: item.text };
  return JSON.stringify({
    app_id: FAKE.zaloAppId,
    user_id_by_app: '552177279717587730',
    event_name,
    timestamp: String(Date.now()),
    sender: { id: user },
    recipient: { id: oa },
    message,
  });
}

/** Waits until the event was handled and every reply it caused reached the platform. */
async function settled(h: TestRuntime, eventId: string, delivered: () => number): Promise<void> {
  await eventually(async () => {
    const rows = await h.t.db.query<{ status: string; conversation_id: string }>(
      'SELECT status, conversation_id::text AS conversation_id FROM messages WHERE dedupe_key LIKE $1',
      [`%:${eventId}`],
    );
    if (rows.length === 0 || rows.some((r) => r.status !== 'processed')) return false;
    const out = await h.t.db.query<{ status: string }>("SELECT status FROM messages WHERE conversation_id = $1 AND direction = 'out'", [
      rows[0]!.conversation_id,
    ]);
    return out.every((r) => r.status === 'sent') && delivered() >= out.length;
  }, 20_000);
}
