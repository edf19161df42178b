import { dayMonthYear } from '../deadlines/index.ts';
import { hasKey, type Locale, t } from '../i18n/index.ts';
import type { Digest, UnitCounts, UnitRow } from './types.ts';

/** One e-mail: subject, plain text and HTML carrying the same numbers. */
export interface RenderedDigest {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface RenderOptions {
  readonly locale: Locale;
  /** The recipient, for the greeting. */
  readonly recipientName?: string | undefined;
  /** Public base URL of the inbox; when set, overdue cases link to their page. */
  readonly publicUrl?: string | undefined;
}

const COUNT_KEYS = ['received', 'answered', 'answeredOnTime', 'answeredLate', 'becameOverdue', 'overdueNow'] as const;
const METRIC: Record<(typeof COUNT_KEYS)[number], string> = {
  received: 'received',
  answered: 'answered',
  answeredOnTime: 'answered_on_time',
  answeredLate: 'answered_late',
  becameOverdue: 'became_overdue',
  overdueNow: 'overdue_now',
};

/** Text and HTML of a digest for one recipient. HTML escapes every value; no external asset is referenced. */
export function renderDigest(d: Digest, o: RenderOptions): RenderedDigest {
  const v = view(d, o);
  return { subject: v.subject, text: renderText(v), html: renderHtml(v) };
}

interface Line {
  readonly label: string;
  readonly value: string;
}

interface View {
  readonly locale: Locale;
  readonly subject: string;
  readonly title: string;
  readonly greeting: string;
  readonly intro: string;
  readonly overview: readonly Line[];
  readonly units: { readonly header: readonly string[]; readonly rows: readonly (readonly string[])[]; readonly total: readonly string[] } | null;
  readonly unitsNone: string | null;
  readonly labels: readonly Line[];
  readonly topics: readonly Line[];
  readonly statuses: readonly Line[];
  readonly nothingReceived: string | null;
  readonly apologies: readonly Line[];
  readonly satisfaction: readonly Line[];
  readonly overdue: readonly { readonly text: string; readonly excerpt: string; readonly url: string | null }[];
  readonly overdueMore: string | null;
  readonly notes: readonly string[];
  readonly footer: string;
}

function view(d: Digest, o: RenderOptions): View {
  const L = o.locale;
  const tr = (key: string, vars: Record<string, string | number> = {}) => t(L, `digests.${key}`, vars);
  const num = (n: number) => formatNumber(L, n);
  const dates = { from: dayMonthYear(d.weekStart), to: dayMonthYear(d.weekEnd), scope: d.scopeName };
  const total = d.totals;
  const rate =
    total.answered === 0 ? tr('no_answers') : `${formatNumber(L, (100 * total.answeredOnTime) / total.answered, 1)}%`;
  const overview: Line[] = [
    ...COUNT_KEYS.map((k) => ({ label: tr(`metric.${METRIC[k]}`), value: num(total[k]) })),
    { label: tr('metric.on_time_rate'), value: rate },
    {
      label: tr('metric.median_answer'),
      value:
        d.medianAnswerWorkingDays === null
          ? tr('no_answers')
          : tr('working_days', { n: formatNumber(L, d.medianAnswerWorkingDays, Number.isInteger(d.medianAnswerWorkingDays) ? 0 : 1) }),
    },
    { label: tr('metric.needs_review'), value: num(d.needsReview) },
  ];
  const unitName = (u: UnitRow) => (u.kind === 'province' ? tr('unit.province_desk', { name: u.name }) : u.name);
  const counts = (c: UnitCounts) => COUNT_KEYS.map((k) => num(c[k]));
  const provinceView = d.scope.kind === 'province';
  const communeRows = d.units.filter((u) => u.kind === 'commune');
  const labelName = (id: string) => (hasKey(L, `labels.${id}.name`) ? t(L, `labels.${id}.name`) : tr('label_unknown'));
  const statuses = Object.entries(d.byStatus)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => ({ label: capitalise(t(L, `cases.status.${s}`)), value: num(n) }));
  const score = (dim: 'attitude' | 'timeliness' | 'outcome') => {
    const s = d.satisfaction.byDimension[dim];
    return {
      label: tr(`dimension.${dim}`),
      value:
        s.average === null
          ? tr('no_ratings')
          : tr('score', { average: formatNumber(L, s.average, 1), count: num(s.count), satisfied: num(s.satisfied) }),
    };
  };
  const base = o.publicUrl?.replace(/\/+$/, '');
  return {
    locale: L,
    subject: tr('subject', dates),
    title: tr('title'),
    greeting: o.recipientName ? tr('greeting_named', { name: o.recipientName }) : tr('greeting', dates),
    intro: tr('intro', dates),
    overview,
    units: provinceView
      ? {
          header: [tr('unit.header'), ...COUNT_KEYS.map((k) => tr(`metric.${METRIC[k]}`))],
          rows: d.units.map((u) => [unitName(u), ...counts(u)]),
          total: [tr('unit.total'), ...counts(total)],
        }
      : null,
    unitsNone: provinceView && communeRows.length === 0 ? tr('unit.none') : null,
    labels: d.byLabel.map((b) => ({ label: labelName(b.label), value: num(b.count) })),
    topics: d.byTopic.map((b) => ({ label: hasKey(L, `inbox.topic.${b.topic}`) ? t(L, `inbox.topic.${b.topic}`) : tr('label_unknown'), value: num(b.count) })),
    statuses,
    nothingReceived: total.received === 0 ? tr('nothing_received') : null,
    apologies: [
      { label: tr('metric.answered_late'), value: num(total.answeredLate) },
      { label: tr('metric.became_overdue'), value: num(total.becameOverdue) },
      { label: tr('metric.apologies_drafted'), value: num(d.apologies.drafted) },
      { label: tr('metric.apologies_signed'), value: num(d.apologies.signed) },
      { label: tr('metric.apologies_sent'), value: num(d.apologies.sent) },
    ],
    satisfaction: [
      { label: tr('metric.rated_cases'), value: num(d.satisfaction.ratedCases) },
      score('attitude'),
      score('timeliness'),
      score('outcome'),
    ],
    overdue: d.overdueCases.map((c) => ({
      text: tr('overdue_item', {
        code: c.code,
        label: labelName(c.label),
        due: dayMonthYear(c.dueDate),
        unit: c.unit.kind === 'province' ? tr('unit.province_desk', { name: c.unit.name }) : c.unit.name,
      }),
      excerpt: c.excerpt ?? tr('protected'),
      url: base ? `${base}/inbox/cases/${encodeURIComponent(c.id)}` : null,
    })),
    overdueMore:
      total.overdueNow > d.overdueCases.length
        ? tr('overdue_more', { count: num(total.overdueNow - d.overdueCases.length) })
        : null,
    notes: [tr('generated', { time: formatInstant(d.generatedAt) }), tr('note_scope'), tr('note_ratings')],
    footer: tr('footer'),
  };
}

function renderText(v: View): string {
  const out: string[] = [v.title.toUpperCase(), '', v.greeting, '', v.intro, ''];
  const section = (key: string, lines: readonly Line[]) => {
    out.push(t(v.locale, `digests.section.${key}`), ...lines.map((l) => `  - ${l.label}: ${l.value}`), '');
  };
  section('overview', v.overview);
  if (v.units) {
    out.push(t(v.locale, 'digests.section.units'));
    // A wide header would push numbers off a phone screen: numbered columns and a legend instead.
    const header = [v.units.header[0]!, ...v.units.header.slice(1).map((_, i) => `(${i + 1})`)];
    v.units.header.slice(1).forEach((h, i) => {
      out.push(`  (${i + 1}) ${h}`);
    });
    const all = [header, ...v.units.rows, v.units.total];
    const widths = header.map((_, i) => Math.max(...all.map((r) => [...r[i]!].length)));
    const fmt = (r: readonly string[]) =>
      `  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')}`.trimEnd();
    out.push(fmt(header));
    for (const r of v.units.rows) out.push(fmt(r));
    out.push(fmt(v.units.total));
    if (v.unitsNone) out.push(`  ${v.unitsNone}`);
    out.push('');
  }
  if (v.nothingReceived) {
    out.push(t(v.locale, 'digests.section.labels'), `  ${v.nothingReceived}`, '');
  } else {
    section('labels', v.labels);
    section('topics', v.topics);
    section('statuses', v.statuses);
  }
  section('apologies', v.apologies);
  section('satisfaction', v.satisfaction);
  if (v.overdue.length) {
    out.push(t(v.locale, 'digests.section.overdue'));
    for (const c of v.overdue) {
      out.push(`  - ${c.text}`, `    ${c.excerpt}`);
      if (c.url) out.push(`    ${c.url}`);
    }
    if (v.overdueMore) out.push(`  ${v.overdueMore}`);
    out.push('');
  }
  out.push(...v.notes, '', v.footer);
  return `${out.join('\n').normalize('NFC')}\n`;
}

const BOX = 'padding:4px 8px;border-bottom:1px solid #ddd;';
const CELL = `${BOX}text-align:left;`;
const NUM = `${BOX}text-align:right;font-variant-numeric:tabular-nums;`;

function renderHtml(v: View): string {
  const e = escapeHtml;
  const h2 = (key: string) => `<h2 style="font-size:16px;margin:20px 0 6px;color:#8a1c1c;">${e(t(v.locale, `digests.section.${key}`))}</h2>`;
  const table = (lines: readonly Line[]) =>
    `<table role="presentation" style="border-collapse:collapse;">${lines
      .map((l) => `<tr><td style="${CELL}">${e(l.label)}</td><td style="${NUM}">${e(l.value)}</td></tr>`)
      .join('')}</table>`;
  const parts: string[] = [
    `<h1 style="font-size:20px;margin:0 0 12px;">${e(v.title)}</h1>`,
    `<p>${e(v.greeting)}</p>`,
    `<p>${e(v.intro)}</p>`,
    h2('overview'),
    table(v.overview),
  ];
  if (v.units) {
    const row = (r: readonly string[], tag: 'td' | 'th', bold = false) =>
      `<tr>${r
        .map((c, i) => `<${tag} style="${i === 0 ? CELL : NUM}${bold ? 'font-weight:bold;' : ''}">${e(c)}</${tag}>`)
        .join('')}</tr>`;
    parts.push(
      h2('units'),
      `<table style="border-collapse:collapse;">${row(v.units.header, 'th')}${v.units.rows.map((r) => row(r, 'td')).join('')}${row(v.units.total, 'td', true)}</table>`,
    );
    if (v.unitsNone) parts.push(`<p>${e(v.unitsNone)}</p>`);
  }
  if (v.nothingReceived) parts.push(h2('labels'), `<p>${e(v.nothingReceived)}</p>`);
  else parts.push(h2('labels'), table(v.labels), h2('topics'), table(v.topics), h2('statuses'), table(v.statuses));
  parts.push(h2('apologies'), table(v.apologies), h2('satisfaction'), table(v.satisfaction));
  if (v.overdue.length) {
    parts.push(
      h2('overdue'),
      `<ul>${v.overdue
        .map(
          (c) =>
            `<li style="margin-bottom:6px;">${c.url ? `<a href="${e(c.url)}">${e(c.text)}</a>` : e(c.text)}<br><span style="color:#555;">${e(c.excerpt)}</span></li>`,
        )
        .join('')}</ul>`,
    );
    if (v.overdueMore) parts.push(`<p>${e(v.overdueMore)}</p>`);
  }
  parts.push(
    `<p style="color:#555;font-size:12px;">${v.notes.map(e).join('<br>')}</p>`,
    `<p style="color:#555;font-size:12px;">${e(v.footer)}</p>`,
  );
  return `<!DOCTYPE html><html lang="${v.locale}"><head><meta charset="utf-8"><title>${e(v.subject)}</title></head><body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222;max-width:720px;">${parts.join('\n')}</body></html>\n`.normalize(
    'NFC',
  );
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}


function formatInstant(iso: string): string {
  const local = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return `${local.slice(11, 16)} ${dayMonthYear(local.slice(0, 10))}`;
}

function formatNumber(locale: Locale, n: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(n);
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1);
}
