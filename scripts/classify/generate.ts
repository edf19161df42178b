/**
 * Writes data/classify/train.jsonl: a synthetic, labelled training set composed from the
 * templates and vocabulary beside this file, with a fixed seed so every run writes the
 * same bytes. Usage: node scripts/classify/generate.ts [--per-label N] [--seed S] [--out FILE]
 */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { COMPLAINT_LABELS, LABELS, type LabelId, SEVERITY } from '../../src/classify/labels.ts';
import { stripDiacritics } from '../../src/classify/normalize.ts';
import { COMPLAINT_CLOSINGS, CORES, NEUTRAL_CLOSINGS, OPENINGS } from './templates.ts';
import { CONTEXTS, MORE_CORES } from './templates-extra.ts';
import { FIFTH_CORES } from './templates-fifth.ts';
import { FOURTH_CORES, LOOKALIKE_CORES } from './templates-fourth.ts';
import { SEVENTH_CORES } from './templates-seventh.ts';
import { SIXTH_CORES } from './templates-sixth.ts';
import { COMPLAINT_TAILS, EXTRA_CORES } from './templates-more.ts';
import * as V from './vocab.ts';

export interface GeneratedExample {
  text: string;
  label: LabelId;
  also_ok: LabelId[];
  targets_leader: boolean;
  diacritics: boolean;
}

/** mulberry32: small, fast, and the same sequence on every platform. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

// How often the person complained about is one of the commune's leaders.
const LEADER_SHARE: Partial<Record<LabelId, number>> = {
  tham_nhung: 0.3,
  gian_doi: 0.3,
  loi_dung: 0.4,
  quan_lieu: 0.25,
  cua_quyen: 0.1,
  ung_xu: 0.1,
};

interface Context {
  service: V.Service;
  actorIsLeader: boolean;
  place: string;
}

function placeName(r: Rand): string {
  return `${pick(r, V.PLACE_KIND)} ${pick(r, V.PLACE_FIRST)} ${pick(r, V.PLACE_SECOND)}`;
}

function slot(r: Rand, name: string, ctx: Context): string {
  const s = ctx.service;
  switch (name) {
    case 'actor':
      return ctx.actorIsLeader ? pick(r, V.LEADER) : slot(r, 'off', ctx);
    case 'off':
      return r() < 0.6 ? pick(r, s.off) : pick(r, V.OFFICIAL_GENERIC);
    case 'proc':
      return r() < 0.85 ? pick(r, s.proc) : pick(r, pick(r, V.SERVICES).proc);
    case 'doc':
      return pick(r, s.doc);
    case 'problem':
      return r() < 0.7 ? pick(r, s.problem) : pick(r, pick(r, V.SERVICES).problem);
    case 'result':
      return pick(r, s.result);
    case 'place':
      return ctx.place;
    case 'Place':
      return ctx.place[0]!.toUpperCase() + ctx.place.slice(1);
    case 'unit':
      return pick(r, [ctx.place, 'xã', 'phường', 'ủy ban', 'UBND xã', 'bộ phận một cửa', 'xã mình', 'phường mình', ctx.place]);
    case 'village':
      return pick(r, V.VILLAGE);
    case 'n':
      return pick(r, V.SMALL_N);
    case 'amt':
      return pick(r, V.AMOUNT);
    case 'dur':
      return pick(r, V.DURATION);
    case 'date':
    case 'date2':
      return pick(r, V.DATES);
    case 'wd':
      return pick(r, V.WEEKDAY);
    case 'fund':
      return pick(r, V.FUND);
    case 'benefit':
      return pick(r, V.BENEFIT);
    case 'asset':
      return pick(r, V.PUBLIC_ASSET);
    case 'use':
      return pick(r, V.PRIVATE_USE);
    case 'stat':
      return pick(r, V.STAT);
    case 'prop':
      return pick(r, V.PROPOSAL);
    case 'relative':
      return pick(r, V.RELATIVE);
    case 'pos':
      return pick(r, ['', ...V.EMOJI_POS]);
    case 'act':
      return pick(r, V.GOP_Y_ACT);
    case 'thing':
      return pick(r, V.GOP_Y_THING);
    case 'reason':
      return pick(r, V.GOP_Y_REASON);
    case 'goodeffect':
      return pick(r, ['', '', `, ${pick(r, V.GOOD_EFFECT)}`]);
    case 'sarc':
      return pick(r, ['', ...V.EMOJI_SARCASM, 'giỏi thật', 'hay thật đấy', 'tuyệt vời ông mặt trời']);
    default:
      throw new Error(`unknown slot {${name}}`);
  }
}

/** Expands `[a|b]` choices (innermost first) and `{slot}`s. */
export function fill(r: Rand, template: string, ctx: Context): string {
  let t = template;
  const choice = /\[([^[\]]*)\]/;
  for (let m = choice.exec(t); m; m = choice.exec(t)) {
    t = t.slice(0, m.index) + pick(r, m[1]!.split('|')) + t.slice(m.index + m[0].length);
  }
  return t.replace(/\{(\w+)\}/g, (_, name: string) => slot(r, name, ctx)).replace(/ {2,}/g, ' ').replace(/ +([,.?!])/g, '$1');
}

function capitalise(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

interface Core {
  text: string;
  targetsLeader: boolean;
}

function core(r: Rand, label: LabelId, ctx: Context): Core {
  const template = pick(r, [...CORES[label], ...MORE_CORES[label], ...EXTRA_CORES[label], ...(FOURTH_CORES[label] ?? []), ...(LOOKALIKE_CORES[label] ?? []), ...(FIFTH_CORES[label] ?? []), ...(SIXTH_CORES[label] ?? []), ...(SEVENTH_CORES[label] ?? [])]);
  const leader = template.includes('{actor}') && r() < (LEADER_SHARE[label] ?? 0);
  const text = fill(r, template, { ...ctx, actorIsLeader: leader }).trim();
  return { text, targetsLeader: leader };
}

function message(r: Rand, label: LabelId): GeneratedExample {
  const ctx: Context = { service: pick(r, V.SERVICES), actorIsLeader: false, place: placeName(r) };
  let complaint = COMPLAINT_LABELS.has(label);
  const first = core(r, label, ctx);
  let body = capitalise(first.text);
  let primary = label;
  const alsoOk: LabelId[] = [];
  let targetsLeader = first.targetsLeader;
  if (complaint && r() < 0.18) {
    // Two complaints in one message: the heavier wrong is primary, the other acceptable.
    const others = [...COMPLAINT_LABELS].filter((l) => l !== label);
    const second = pick(r, others);
    const c2 = core(r, second, ctx);
    body = r() < 0.5 ? `${body}. ${pick(r, ['', 'Thêm nữa, ', 'Chưa kể ', 'Đã vậy ', 'Còn '])}${c2.text}` : `${capitalise(c2.text)}. ${pick(r, ['', 'Ngoài ra ', 'Lại còn ', ''])}${first.text}`;
    primary = SEVERITY.indexOf(label) <= SEVERITY.indexOf(second) ? label : second;
    alsoOk.push(primary === label ? second : label);
    targetsLeader ||= c2.targetsLeader;
  } else if (complaint && r() < 0.08) {
    body = `${fill(r, '[Nhìn chung|Nói chung] [xã|phường|cán bộ] làm việc [cũng tốt|được|ổn], nhưng ', ctx)}${first.text}`;
  } else if (label === 'gop_y' && r() < 0.15) {
    // A complaint followed by a proposal is the complaint; the proposal is acceptable too.
    const complaintLabel = pick(r, ['cua_quyen', 'quan_lieu', 'tre_han', 'ung_xu'] as const);
    body = `${capitalise(core(r, complaintLabel, ctx).text)}. ${capitalise(first.text)}`;
    primary = complaintLabel;
    complaint = true;
    alsoOk.push('gop_y');
  }
  const opening = fill(r, pick(r, OPENINGS), ctx) + (r() < 0.3 ? fill(r, pick(r, CONTEXTS), ctx) : '');
  const tail = complaint && r() < 0.2 ? ` ${fill(r, pick(r, COMPLAINT_TAILS), ctx)}` : '';
  const closing = tail + fill(r, pick(r, complaint ? COMPLAINT_CLOSINGS : NEUTRAL_CLOSINGS), ctx);
  let text = `${opening}${body}${/[.?!]$/.test(body) ? '' : pick(r, ['.', '.', '', '!', '...'])}${closing}`;
  if (r() < 0.25) {
    const pool = label === 'khen' ? V.EMOJI_POS : complaint ? V.EMOJI_NEG : [...V.EMOJI_POS, '👋', '🙏', '😊'];
    text += ` ${pick(r, pool)}${r() < 0.3 ? pick(r, pool) : ''}`;
  }
  text = noise(r, text.replace(/ {2,}/g, ' ').trim());
  return {
    text,
    label: primary,
    also_ok: alsoOk.filter((l) => l !== primary),
    targets_leader: targetsLeader && COMPLAINT_LABELS.has(primary),
    diacritics: stripDiacritics(text) !== text,
  };
}

// Teencode as people type it (the reverse of the normaliser's table, so the two meet).
const TEENCODE_OUT: readonly [RegExp, readonly string[]][] = [
  [/\bkhông\b/g, ['ko', 'k', 'hok', 'kh', 'ko']],
  [/\bđược\b/g, ['dc', 'đc', 'dc']],
  [/\bcán bộ\b/g, ['cb']],
  [/\bủy ban\b/g, ['ub', 'UB']],
  [/\bUBND\b/g, ['ub', 'ubnd']],
  [/\brồi\b/g, ['r', 'rùi']],
  [/\bvới\b/g, ['vs']],
  [/\bmọi người\b/g, ['mn', 'mng']],
  [/\bgì\b/g, ['j']],
  [/\bvậy\b/g, ['z', 'v']],
  [/\bbiết\b/g, ['bít', 'bik']],
  [/\bchủ tịch xã\b/g, ['ct xã', 'CT xã']],
  [/\bphó chủ tịch\b/g, ['pct', 'PCT']],
  [/\bđiện thoại\b/g, ['đt']],
  [/\bcũng\b/g, ['cx', 'cg']],
  [/\bquá\b/g, ['wa', 'qá']],
  [/\bad\b/g, ['ad']],
];
const OLD_TONES: readonly [string, string][] = [
  ['hòa', 'hoà'],
  ['ủy', 'uỷ'],
  ['khỏe', 'khoẻ'],
  ['thủy', 'thuỷ'],
  ['hóa', 'hoá'],
  ['xóa', 'xoá'],
  ['tòa', 'toà'],
];

function noise(r: Rand, input: string): string {
  let t = input;
  if (r() < 0.3) {
    const rate = 0.4 + r() * 0.6;
    for (const [re, outs] of TEENCODE_OUT) t = t.replace(re, (m) => (r() < rate ? pick(r, outs) : m));
  }
  if (r() < 0.15) for (const [a, b] of OLD_TONES) t = t.replaceAll(a, b);
  if (r() < 0.3) t = t.toLowerCase();
  if (r() < 0.15) t = t.replace(/[,.]/g, '');
  if (r() < 0.15) t = typo(r, t);
  if (r() < 0.06) t = `${pick(r, ['hello ad, ', 'hi ad ', 'sorry ad, ', 'ad oi '])}${t}`;
  if (r() < 0.37) t = stripDiacritics(t);
  if (r() < 0.05) t = t.normalize('NFD');
  return t;
}

function typo(r: Rand, t: string): string {
  const words = t.split(' ');
  const i = Math.floor(r() * words.length);
  // By code point, so an emoji is never cut into a lone surrogate.
  const w = Array.from(words[i]!);
  if (w.length < 4) return t;
  const j = 1 + Math.floor(r() * (w.length - 2));
  words[i] = (r() < 0.5 ? [...w.slice(0, j), ...w.slice(j + 1)] : [...w.slice(0, j), w[j]!, ...w.slice(j)]).join('');
  return words.join(' ');
}

export function generate(perLabel: number, seed: number): GeneratedExample[] {
  const r = rng(seed);
  const seen = new Set<string>();
  const out: GeneratedExample[] = [];
  for (const label of LABELS) {
    let made = 0;
    for (let attempts = 0; made < perLabel && attempts < perLabel * 20; attempts++) {
      const ex = message(r, label);
      const key = stripDiacritics(ex.text.toLowerCase());
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(ex);
      made++;
    }
  }
  return out;
}

export const DEFAULT_PER_LABEL = 1000;
export const DEFAULT_SEED = 20250701;
export const TRAIN_PATH = join(import.meta.dirname, '..', '..', 'data', 'classify', 'train.jsonl');

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      'per-label': { type: 'string', default: String(DEFAULT_PER_LABEL) },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      out: { type: 'string' },
    },
  });
  const examples = generate(Number(values['per-label']), Number(values.seed));
  const path = values.out ?? TRAIN_PATH;
  writeFileSync(path, `${examples.map((e) => JSON.stringify(e)).join('\n')}\n`);
  process.stdout.write(`wrote ${examples.length} examples to ${path}\n`);
}
