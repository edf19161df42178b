import type { CaseAttachment } from '../../cases/index.ts';
import { CASE_KINDS_IN_LAW } from '../../deadlines/index.ts';
import { hasKey, t } from '../../i18n/index.ts';
import { unitName } from '../admin.ts';
import type { CaseView, ReplyWindow } from '../case-view.ts';
import type { ConversationView } from '../conversations.ts';
import { type Html, html, options } from '../html.ts';
import type { LetterView } from '../letters.ts';
import type { Activity, ConversationLine } from '../queries.ts';
import { csrfField, formatDateTime, formatDay, layout, type PageCtx, type Tr, tr } from './layout.ts';
import { labelOptions } from './queue.ts';

const SEND_FAILURES = ['rate_limited', 'token_expired', 'unreachable', 'outside_window', 'transient', 'restricted', 'needs_regrant', 'permanent'];

/** "0912 345 678" → "0912345678": a tel: URI has no spaces. */
function telUri(phone: string): string {
  return phone.replace(/[^0-9+]/g, '');
}

export function safeUrl(u: unknown): string | null {
  return typeof u === 'string' && /^https?:\/\//i.test(u) ? u : null;
}

function mapLink(lat: unknown, lon: unknown, tt: Tr): Html {
  const la = Number(lat);
  const lo = Number(lon);
  if (!Number.isFinite(la) || !Number.isFinite(lo)) return html``;
  return html`<a href="https://www.openstreetmap.org/?mlat=${la}&mlon=${lo}#map=17/${la}/${lo}" rel="noopener noreferrer" target="_blank">${tt('case.open_map')} (${la.toFixed(5)}, ${lo.toFixed(5)})</a>`;
}

function inboundContent(c: Record<string, unknown>, tt: Tr): Html {
  switch (c.type) {
    case 'text':
      return html`<p class="text">${String(c.text ?? '')}</p>`;
    case 'image': {
      const url = safeUrl(c.url);
      return url
        ? html`<a href="${url}" target="_blank" rel="noopener noreferrer"><img src="${url}" alt="${String(c.caption ?? tt('case.photo'))}" loading="lazy"></a>${c.caption ? html`<p>${String(c.caption)}</p>` : ''}`
        : html`<p>${tt('case.photo')}</p>`;
    }
    case 'file': {
      const url = safeUrl(c.url);
      return html`<p>${tt('case.file')}: ${url ? html`<a href="${url}" target="_blank" rel="noopener noreferrer">${String(c.name ?? tt('case.file'))}</a>` : tt('case.file')}</p>`;
    }
    case 'location':
      return html`<p>${tt('case.location')}: ${c.address ? html`${String(c.address)} · ` : ''}${mapLink(c.latitude, c.longitude, tt)}</p>`;
    case 'sticker':
      return html`<p class="meta">${tt('case.sticker')}</p>`;
    case 'postback':
      return html`<p class="text">${String(c.text ?? c.payload ?? '')}</p>`;
    case 'user_submit_info':
      return html`<p class="meta">${tt('case.shared_info')}: ${[c.name, c.phone, c.address].filter(Boolean).map(String).join(' · ')}</p>`;
    default:
      return html`<p class="meta">${tt(`case.event_${String(c.type) === 'follow' ? 'follow' : 'other'}`)}</p>`;
  }
}

function outboundContent(m: { type: string; payload: Record<string, unknown> }): Html {
  const p = m.payload ?? {};
  const text = p.text ?? p.markdown ?? p.title ?? '';
  const opts = Array.isArray(p.options) ? (p.options as { label?: string }[]).map((o) => o.label ?? '') : [];
  const url = safeUrl(p.imageUrl ?? p.fileUrl);
  return html`<p class="text">${String(text)}</p>${opts.length ? html`<p class="meta">[${opts.join(' | ')}]</p>` : ''}${url ? html`<p><a href="${url}" target="_blank" rel="noopener noreferrer">${url}</a></p>` : ''}`;
}

function delivery(ctx: PageCtx, line: Extract<ConversationLine, { direction: 'out' }>, tt: Tr): Html {
  const kind = line.error?.split(':')[0] ?? '';
  const why = line.status === 'failed' || line.status === 'uncertain' || (line.status === 'pending' && line.error);
  const waiting = line.status === 'pending' && line.notBefore !== null;
  const reason =
    kind === 'quiet_hours'
      ? waiting
        ? tt('delivery.why.quiet_hours', { at: formatDateTime(ctx.locale, line.notBefore!) })
        : tt('delivery.why.quiet_hours_gave_up')
      : SEND_FAILURES.includes(kind)
        ? tt(`delivery.why.${kind}`)
        : tt('delivery.why.other');
  return html`<p class="delivery ${line.status}" data-delivery="${line.status}">${tt(`delivery.${line.status}`)}${line.tagged ? html` · ${tt('delivery.tagged')}` : ''}
  ${why ? html`<br><span>${reason}</span> <small>${line.error ?? ''}</small>` : ''}</p>`;
}

export function conversationHtml(ctx: PageCtx, lines: readonly ConversationLine[]): Html {
  const tt = tr(ctx.locale);
  if (lines.length === 0) return html`<p class="empty">${tt('case.no_messages')}</p>`;
  return html`<ol class="chat">
${lines.map((l) =>
  l.direction === 'in'
    ? html`<li class="msg in"><span class="who">${tt('case.citizen')}</span>${inboundContent(l.content, tt)}<time datetime="${l.at.toISOString()}">${formatDateTime(ctx.locale, l.at)}</time></li>`
    : html`<li class="msg out ${l.by}"><span class="who">${tt(`case.by_${l.by}`)}</span>${outboundContent(l.message)}<time datetime="${l.at.toISOString()}">${formatDateTime(ctx.locale, l.at)}</time>${delivery(ctx, l, tt)}</li>`,
)}
</ol>`;
}

function attachmentHtml(a: CaseAttachment, tt: Tr): Html {
  if (a.kind === 'location') {
    return html`<li>${tt('case.location')}: ${a.address ? html`${a.address} · ` : ''}${mapLink(a.latitude, a.longitude, tt)}</li>`;
  }
  const url = safeUrl(a.url);
  if (a.kind === 'image') {
    return html`<li>${url ? html`<a href="${url}" target="_blank" rel="noopener noreferrer"><img src="${url}" alt="${a.caption ?? tt('case.photo')}" loading="lazy"></a>` : tt('case.photo')}</li>`;
  }
  return html`<li>${tt('case.file')}: ${url ? html`<a href="${url}" target="_blank" rel="noopener noreferrer">${a.name ?? tt('case.file')}</a>` : tt('case.file')}</li>`;
}

function windowNotice(ctx: PageCtx, w: ReplyWindow, answerable = true): Html {
  const tt = tr(ctx.locale);
  if (w.state === 'open') {
    return html`<p class="window open">${w.until ? tt('window.open_until', { until: formatDateTime(ctx.locale, w.until) }) : tt('window.open')}</p>`;
  }
  if (w.state === 'human_agent') {
    return html`<p class="window agent">${tt('window.human_agent', { until: formatDateTime(ctx.locale, w.until) })}</p>`;
  }
  return html`<div class="window closed" role="alert"><p>${tt(`window.closed.${w.reason}`)}</p>
  ${w.phone ? html`<p>${tt('window.call')} <a href="tel:${telUri(w.phone)}" class="phone">${w.phone}</a></p>` : html`<p>${tt('window.no_phone')}</p>`}
  ${answerable ? html`<p>${tt('window.answer_still_recorded')}</p>` : ''}</div>`;
}

function replyForm(ctx: PageCtx, v: CaseView): Html {
  const tt = tr(ctx.locale);
  const closed = v.window.state === 'closed';
  return html`<form method="post" action="/inbox/cases/${v.case.id}/reply" class="reply stack" data-enhance="reply"
    data-api="/api/cases/${v.case.id}/reply" data-msg-queued="${tt('done.reply_queued')}" data-msg-call="${tt('done.answer_recorded_call')}">
  ${csrfField(ctx)}
  ${
    v.canned.length
      ? html`<label for="canned">${tt('case.canned')}</label>
  <select id="canned" data-canned-target="reply-text"><option value="">${tt('case.canned_pick')}</option>
  ${v.canned.map((c) => html`<option value="${c.body}">${c.title}</option>`)}</select>`
      : ''
  }
  <label for="reply-text">${tt('case.reply_label')}</label>
  <textarea id="reply-text" name="text" rows="4" maxlength="4000" required></textarea>
  <label class="check"><input type="checkbox" name="asAnswer" value="1"${closed ? html` checked` : ''}> ${tt('case.as_answer')}</label>
  <button type="submit" class="primary">${closed ? tt('case.record_answer') : tt('case.send')}</button>
  <p data-reply-status role="status" aria-live="polite"></p>
</form>`;
}

function actionsHtml(ctx: PageCtx, v: CaseView): Html {
  const tt = tr(ctx.locale);
  const id = v.case.id;
  return html`<section class="card" aria-labelledby="h-actions"><h2 id="h-actions">${tt('case.actions')}</h2>
<form method="post" action="/inbox/cases/${id}/status" class="inline">
  ${csrfField(ctx)}
  <label for="status">${tt('case.status_label')}</label>
  <select id="status" name="status" required><option value="">${tt('case.status_pick')}</option>${options(
    ['in_progress', 'closed', 'reopened'].map((s) => ({ value: s, label: tt(`status.${s}`) })),
    null,
  )}</select>
  <label for="status-note">${tt('case.status_note')}</label>
  <input id="status-note" name="note" maxlength="500">
  <button type="submit">${tt('case.save')}</button>
</form>
<form method="post" action="/inbox/cases/${id}/assign" class="inline">
  ${csrfField(ctx)}
  <label for="assignee">${tt('case.assign_label')}</label>
  <select id="assignee" name="userId"><option value="">${tt('case.nobody')}</option>${options(
    v.colleagues.map((c) => ({ value: c.id, label: c.name })),
    v.assignee?.id ?? '',
  )}</select>
  <button type="submit">${tt('case.assign')}</button>
</form>
<form method="post" action="/inbox/cases/${id}/transfer" class="inline">
  ${csrfField(ctx)}
  <label for="transfer-code">${tt('case.transfer_code')}</label>
  <input id="transfer-code" name="communeCode" inputmode="numeric" pattern="[0-9]{5}" required>
  <label for="transfer-reason">${tt('case.transfer_reason')}</label>
  <input id="transfer-reason" name="reason" minlength="3" maxlength="500" required>
  <button type="submit">${tt('case.transfer')}</button>
</form>
${v.can.decide ? extendForm(ctx, v) : ''}
${v.can.act ? kindForm(ctx, v) : ''}
<form method="post" action="/inbox/cases/${id}/notes" class="stack">
  ${csrfField(ctx)}
  <label for="note">${tt('case.note_label')}</label>
  <textarea id="note" name="body" rows="2" maxlength="4000" required></textarea>
  <button type="submit">${tt('case.add_note')}</button>
</form>
</section>`;
}

/** The kind in law, changeable with a reason (src/cases changeCaseKind); its deadline is planned again. */
function kindForm(ctx: PageCtx, v: CaseView): Html {
  const k = (key: string) => t(ctx.locale, `case-kinds.${key}`);
  return html`<form method="post" action="/inbox/cases/${v.case.id}/kind" class="inline" aria-label="${k('change.title')}">
  ${csrfField(ctx)}
  <label for="case-kind">${k('change.kind')}</label>
  <select id="case-kind" name="kind">${options(
    CASE_KINDS_IN_LAW.map((kind) => ({ value: kind, label: k(`kind.${kind}`) })),
    v.case.legalKind,
  )}</select>
  <label for="kind-reason">${k('change.reason')}</label>
  <input id="kind-reason" name="reason" minlength="3" maxlength="500" required>
  <button type="submit">${k('change.submit')}</button>
</form>`;
}

function extendForm(ctx: PageCtx, v: CaseView): Html {
  const tt = tr(ctx.locale);
  return html`<form method="post" action="/inbox/cases/${v.case.id}/extend" class="inline">
  ${csrfField(ctx)}
  <label for="extend-date">${tt('case.extend_to')}</label>
  <input id="extend-date" name="newDue" type="date" required min="${v.case.dueDate}">
  <label for="extend-reason">${tt('case.extend_reason')}</label>
  <input id="extend-reason" name="reason" minlength="3" maxlength="500" required>
  <button type="submit">${tt('case.extend')}</button>
</form>`;
}

/** "signer.title" → the label of the signerTitle input; unknown paths are shown as they are. */
function fieldLabel(ctx: PageCtx, path: string): string {
  const [head, sub] = path.split('.');
  const key = sub && (head === 'signer' || head === 'recipient') ? `${head}${sub[0]!.toUpperCase()}${sub.slice(1)}` : head!;
  return hasKey(ctx.locale, `inbox.letter.field.${key}`) ? tr(ctx.locale)(`letter.field.${key}`) : path;
}

const LETTER_TEXT = ['agency', 'parentAgency', 'place', 'procedure', 'dossierCode', 'reason', 'apology'] as const;
const LETTER_DATES = ['receivedOn', 'promisedOn', 'newDate'] as const;

function letterForm(ctx: PageCtx, l: LetterView): Html {
  const tt = tr(ctx.locale);
  if (l.letter.status !== 'draft') return html``;
  const f = l.letter.fields as Record<string, unknown>;
  const rec = (f.recipient ?? {}) as Record<string, string | undefined>;
  const signer = (f.signer ?? {}) as Record<string, string | undefined>;
  const id = l.letter.id;
  const input = (name: string, value: unknown, type = 'text') =>
    html`<label for="l${id}-${name}">${tt(`letter.field.${name}`)}</label><input id="l${id}-${name}" name="${name}" type="${type}" value="${typeof value === 'string' ? value : ''}">`;
  return html`<form method="post" action="/inbox/letters/${id}" class="stack letter-form">
  ${csrfField(ctx)}
  ${LETTER_TEXT.map((k) => input(k, f[k]))}
  ${LETTER_DATES.map((k) => input(k, f[k], 'date'))}
  <label for="l${id}-recipientKind">${tt('letter.field.recipientKind')}</label>
  <select id="l${id}-recipientKind" name="recipientKind">${options(
    [
      { value: 'person', label: tt('letter.person') },
      { value: 'organization', label: tt('letter.organization') },
    ],
    rec.kind ?? 'person',
  )}</select>
  <label for="l${id}-recipientHonorific">${tt('letter.field.recipientHonorific')}</label>
  <select id="l${id}-recipientHonorific" name="recipientHonorific">${options(
    [
      { value: 'ong', label: tt('letter.ong') },
      { value: 'ba', label: tt('letter.ba') },
    ],
    rec.honorific ?? 'ong',
  )}</select>
  ${input('recipientName', rec.name)}${input('recipientPhone', rec.phone)}${input('recipientAddress', rec.address)}
  ${input('signerAuthority', signer.authority)}${input('signerCapacity', signer.capacity)}
  ${input('signerTitle', signer.title)}${input('signerName', signer.name)}
  <button type="submit">${tt('letter.save')}</button>
</form>`;
}

function lettersHtml(ctx: PageCtx, v: CaseView): Html {
  const tt = tr(ctx.locale);
  return html`<section class="card" id="letters" aria-labelledby="h-letters"><h2 id="h-letters">${tt('letter.title')}</h2>
${v.letters.map((l) => {
  const x = l.letter;
  return html`<article class="letter" data-letter="${x.id}" data-letter-status="${x.status}">
  <h3>${tt(`letter.subject.${x.subject}`)} · ${tt(`letter.status.${x.status}`)}${x.number ? html` · ${tt('letter.number')} ${x.number}` : ''}</h3>
  ${x.status === 'draft' && x.missing.length ? html`<p class="meta">${tt('letter.missing')}: ${x.missing.map((m) => fieldLabel(ctx, m)).join(', ')}</p>` : ''}
  ${l.preview ? html`<details><summary>${tt('letter.preview')}</summary><pre class="text letter-preview">${l.preview}</pre></details>
  <p><a href="/inbox/letters/${x.id}/docx" download>${tt('letter.download')}</a></p>` : ''}
  ${x.status !== 'draft' ? html`<p class="meta">${tt('letter.signed_at', { at: formatDateTime(ctx.locale, x.signedAt) })}${x.sentAt ? html` · ${tt('letter.sent')}` : ''}</p>` : ''}
  ${x.status === 'draft' && v.can.decide && x.missing.length === 0 ? html`<form method="post" action="/inbox/letters/${x.id}/sign">${csrfField(ctx)}<button type="submit" class="primary">${tt('letter.sign')}</button></form>` : ''}
  ${x.status === 'draft' && !v.can.decide ? html`<p class="meta">${tt('letter.leader_signs')}</p>` : ''}
  ${letterForm(ctx, l)}
</article>`;
})}
${v.letters.some((l) => l.letter.status === 'draft') ? '' : html`<form method="post" action="/inbox/cases/${v.case.id}/letters">${csrfField(ctx)}<button type="submit">${tt('letter.draft')}</button></form>`}
</section>`;
}

function classificationHtml(ctx: PageCtx, v: CaseView): Html {
  const tt = tr(ctx.locale);
  const c = v.case;
  return html`<section class="card" aria-labelledby="h-class"><h2 id="h-class">${tt('case.classification')}</h2>
<p>${tt('case.label_now')}: <strong data-label="${v.label}">${tt(`label.${v.label}`)}</strong>
${v.label !== c.label ? html`<small>(${tt('case.predicted')}: ${tt(`label.${c.label}`)})</small>` : ''}
${c.confidence !== null ? html`<small>· ${tt('case.confidence', { pct: Math.round(c.confidence * 100) })}</small>` : ''}</p>
${c.secondaryLabels.length ? html`<p class="meta">${tt('case.secondary')}: ${c.secondaryLabels.map((l) => tt(`label.${l}`)).join(', ')}</p>` : ''}
${c.topic ? html`<p>${tt('case.topic_now')}: <strong data-topic="${c.topic}">${tt(`topic.${c.topic}`)}</strong></p>` : ''}
${c.targetsLeader ? html`<p class="badge leader">${tt('case.targets_leader')}</p>` : ''}
${
  v.can.act
    ? html`<form method="post" action="/inbox/cases/${c.id}/label" class="labels">
  ${csrfField(ctx)}
  <fieldset><legend>${tt('case.correct_label')}</legend>
  ${labelOptions(tt).map(
    (o) => html`<button type="submit" name="label" value="${o.value}"${o.value === v.label ? html` aria-pressed="true" disabled` : ''}>${o.label}</button>`,
  )}
  </fieldset>
</form>`
    : ''
}
</section>`;
}

function historyHtml(ctx: PageCtx, v: CaseView): Html {
  const tt = tr(ctx.locale);
  type Item = { at: Date; text: Html };
  const items: Item[] = [
    ...v.events.map((e) => ({
      at: e.createdAt,
      text: html`${tt(`event.${e.kind}`)}${e.toStatus ? html` → ${tt(`status.${e.toStatus}`)}` : ''}${
        typeof e.details.note === 'string' ? html`: <q>${e.details.note}</q>` : ''
      }${typeof e.details.reason === 'string' && e.kind !== 'call_citizen' ? html`: <q>${e.details.reason}</q>` : ''}${
        e.kind === 'call_citizen' && e.details.held === true ? html` — ${tt('event.held')}` : ''
      } <small>${actorName(e.actor, tt)}</small>`,
    })),
    ...v.activity.map((a) => ({ at: a.at, text: activityText(a, tt) })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return html`<section class="card" aria-labelledby="h-history"><h2 id="h-history">${tt('case.history')}</h2>
<ol class="history">${items.map((i) => html`<li><time datetime="${i.at.toISOString()}">${formatDateTime(ctx.locale, i.at)}</time> ${i.text}</li>`)}</ol>
</section>`;
}

function actorName(actor: string, tt: Tr): string {
  if (actor === 'citizen') return tt('case.citizen');
  if (actor === 'system') return tt('case.system');
  return actor.startsWith('user:') ? '' : actor;
}

function activityText(a: Activity, tt: Tr): Html {
  const who = html`<strong>${a.userName}</strong>`;
  switch (a.kind) {
    case 'note':
      return html`${who} ${tt('activity.note')}: <span class="note">${a.body ?? ''}</span>`;
    case 'label_corrected':
      return html`${who} ${tt('activity.label_corrected', { to: tt(`label.${String(a.details.to)}`) })}`;
    case 'reply_sent':
      return html`${who} ${a.details.asAnswer ? tt('activity.answered') : tt('activity.replied')}`;
    default:
      return html`${who} ${tt(`activity.${a.kind}`)}`;
  }
}

export function casePage(ctx: PageCtx, v: CaseView): Html {
  const tt = tr(ctx.locale);
  const c = v.case;
  const reporter =
    c.reporter.kind === 'identified'
      ? html`${c.reporter.name}${c.reporter.phone ? html` · <a href="tel:${telUri(c.reporter.phone)}">${c.reporter.phone}</a>` : ''}`
      : html`<em>${tt(`case.reporter_${c.reporter.kind}`)}</em>`;
  return layout(
    ctx,
    c.code,
    html`<p><a href="/inbox/cases">← ${tt('case.back')}</a></p>
<header class="case-head">
  <h1>${c.code} <span class="badge status-${c.status}" data-status="${c.status}">${tt(`status.${c.status}`)}</span></h1>
  <p>${tt(`kind.${c.kind}`)} · ${tt(`channel.${v.platform}`)} · ${tt('case.routed_to')} ${unitName(c.routedTo)}
  · ${t(ctx.locale, `case-kinds.kind.${c.legalKind}`)} · ${tt('case.due')} <strong>${c.dueDate === null ? '—' : formatDay(c.dueDate)}</strong>${v.overdue ? html` <strong class="badge overdue">${tt('queue.overdue_badge')}</strong>` : ''}
  · ${tt('case.assignee')}: ${v.assignee?.name ?? '—'}</p>
  ${c.forward ? html`<p class="banner forward" role="status">${tt('case.forward', { to: c.forward.to, due: formatDay(c.forward.dueDate) })}</p>` : ''}
  ${v.handoff ? html`<p class="banner handoff" role="status">${tt('case.handoff')}</p>` : ''}
  ${c.status === 'reopened' ? html`<p class="banner reopened" role="status">${tt('case.reopened')}</p>` : ''}
</header>
<div class="case-grid" data-case-id="${c.id}">
<div class="col-main">
<section class="card" aria-labelledby="h-desc"><h2 id="h-desc">${tt('case.description')}</h2>
  <p class="text description">${c.description}</p>
  <dl>
    ${c.placeText ? html`<dt>${tt('case.place')}</dt><dd>${c.placeText}</dd>` : ''}
    ${c.occurredText ? html`<dt>${tt('case.occurred')}</dt><dd>${c.occurredText}</dd>` : ''}
    ${c.officialText ? html`<dt>${tt('case.official')}</dt><dd>${c.officialText}</dd>` : ''}
    <dt>${tt('case.reporter')}</dt><dd>${reporter}</dd>
    <dt>${tt('case.received')}</dt><dd>${formatDateTime(ctx.locale, c.receivedAt)}</dd>
    ${c.answer ? html`<dt>${tt('case.answer')}</dt><dd class="text">${c.answer}</dd>` : ''}
  </dl>
  ${v.attachments.length ? html`<ul class="attachments">${v.attachments.map((a) => attachmentHtml(a, tt))}</ul>` : ''}
</section>
<section class="card" aria-labelledby="h-conv"><h2 id="h-conv">${tt('case.conversation')}</h2>
  <div id="conversation" data-case="${c.id}">${v.lines ? conversationHtml(ctx, v.lines) : html`<p class="meta">${tt('case.conversation_hidden')}</p>`}</div>
  ${v.can.act ? html`${windowNotice(ctx, v.window)}${replyForm(ctx, v)}` : html`<p class="meta">${tt('case.read_only')}</p>`}
</section>
</div>
<div class="col-side">
${classificationHtml(ctx, v)}
${v.can.act ? actionsHtml(ctx, v) : ''}
${v.can.act ? lettersHtml(ctx, v) : ''}
${historyHtml(ctx, v)}
</div>
</div>`,
    { page: 'case' },
  );
}

/** A handoff chat with no case yet: the conversation and a reply box, nothing else. */
export function conversationPage(ctx: PageCtx, v: ConversationView): Html {
  const tt = tr(ctx.locale);
  const closed = v.window.state === 'closed';
  return layout(
    ctx,
    tt('conversation.title'),
    html`<p><a href="/inbox/cases">← ${tt('case.back')}</a></p>
<h1>${tt('conversation.title')} <small>${tt(`channel.${v.platform}`)}</small></h1>
${
  v.handoff
    ? html`<p class="banner handoff" role="status">${tt('case.handoff')}</p>
<form method="post" action="/inbox/conversations/${v.id}/end-handoff">${csrfField(ctx)}<button type="submit">${tt('conversation.end_handoff')}</button></form>`
    : ''
}
${v.openCaseId ? html`<p><a href="/inbox/cases/${v.openCaseId}">${tt('conversation.open_case')}</a></p>` : ''}
<section class="card" aria-labelledby="h-conv" data-conversation-id="${v.id}"><h2 id="h-conv">${tt('case.conversation')}</h2>
<div id="conversation">${conversationHtml(ctx, v.lines)}</div>
${windowNotice(ctx, v.window, false)}
${
  closed
    ? ''
    : html`<form method="post" action="/inbox/conversations/${v.id}/reply" class="reply stack" data-enhance="reply"
    data-api="/api/conversations/${v.id}/reply" data-msg-queued="${tt('done.reply_queued')}" data-msg-call="">
  ${csrfField(ctx)}
  <label for="reply-text">${tt('case.reply_label')}</label>
  <textarea id="reply-text" name="text" rows="3" maxlength="4000" required></textarea>
  <button type="submit" class="primary">${tt('case.send')}</button>
  <p data-reply-status role="status" aria-live="polite"></p>
</form>`
}
</section>`,
    { page: 'conversation' },
  );
}
