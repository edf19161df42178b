import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { officialUnitName, UnknownUnit } from '../accounts/index.ts';
import { LABELS } from '../classify/labels.ts';
import { getCommune, getProvince } from '../directory/index.ts';

/**
 * Who must answer a case, decided by data/routing/rules.json: a default list of rules and
 * per-province replacements. Conflict-of-interest cases (the commune's own leaders reported)
 * go to the province's reception unit with the reporter's identity protected.
 */

export const ROUTING_FILE = join(import.meta.dirname, '..', '..', 'data', 'routing', 'rules.json');

const condition = z
  .object({
    /** The classifier's flag: the commune's own leaders are the subject. */
    targetsLeader: z.boolean().optional(),
    /** The text names a leader (not only as the addressee). */
    mentionsLeader: z.boolean().optional(),
    /** Any of these labels, primary or secondary. */
    labelsAny: z.array(z.enum(LABELS)).min(1).optional(),
    /** The primary label is one of these. */
    primaryIn: z.array(z.enum(LABELS)).min(1).optional(),
    /** The report's text (description or named official) mentions any of these, compared without diacritics. */
    mentionsAny: z.array(z.string().trim().min(2)).min(1).optional(),
  })
  .strict();

const unitTemplate = z.string().includes('{province}', { message: 'must contain {province}' });

const rule = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case words joined by _'),
    note: z.string().optional(),
    when: condition,
    to: z.enum(['commune', 'province']),
    identityProtected: z.boolean(),
    /**
     * A body the commune does not manage, which the case must be forwarded to within the
     * forwarding limit of its kind (5 working days), e.g. "Công an {province}".
     */
    forwardTo: unitTemplate.optional(),
  })
  .strict();

const ruleList = z
  .array(rule)
  .min(1)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate rule id "${r.id}"` });
      seen.add(r.id);
      const catchAll = Object.keys(r.when).length === 0;
      if (catchAll && i !== rules.length - 1) {
        ctx.addIssue({ code: 'custom', path: [i, 'when'], message: 'a rule without conditions must be the last one' });
      }
      if (!catchAll && i === rules.length - 1) {
        ctx.addIssue({ code: 'custom', path: [i, 'when'], message: 'the last rule must have no condition, so every case has a route' });
      }
    });
  });


const fileSchema = z
  .object({
    $comment: z.unknown().optional(),
    default: z.object({ receptionUnit: unitTemplate, rules: ruleList }).strict(),
    provinces: z.record(
      z.string().regex(/^\d{2}$/, 'a 2-digit province code'),
      z.object({ receptionUnit: unitTemplate.optional(), rules: ruleList.optional() }).strict(),
    ),
  })
  .strict()
  .superRefine((f, ctx) => {
    for (const code of Object.keys(f.provinces)) {
      if (!getProvince(code)) ctx.addIssue({ code: 'custom', path: ['provinces', code], message: 'no such province' });
    }
  });

export type RoutingRule = z.infer<typeof rule>;
export type RoutingTable = z.infer<typeof fileSchema>;

export class RoutingDataError extends Error {
  override name = 'RoutingDataError';
}

/** No unit can be named: neither the commune nor its province is known. */
export class UnroutableCase extends Error {
  override name = 'UnroutableCase';
}

export function parseRoutingTable(json: unknown, label = 'routing rules'): RoutingTable {
  const r = fileSchema.safeParse(json);
  if (!r.success) {
    throw new RoutingDataError(
      `${label}: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
  return r.data;
}

export function loadRoutingTable(path: string = ROUTING_FILE): RoutingTable {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new RoutingDataError(`${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseRoutingTable(json, path);
}

let shared: RoutingTable | undefined;

function routingTable(): RoutingTable {
  shared ??= loadRoutingTable();
  return shared;
}

export interface RouteInput {
  readonly communeCode: string | null;
  /** Looked up from the commune when null. */
  readonly provinceCode: string | null;
  /** Primary label (`unknown` before classification). */
  readonly label: string;
  /** Primary and secondary labels. */
  readonly labels: readonly string[];
  readonly targetsLeader: boolean;
  /** Whether the text names a leader at all; without it only `targetsLeader` counts as "about a leader". */
  readonly mentionsLeader?: boolean;
  /** What the citizen wrote (description, named official), for `mentionsAny` rules. */
  readonly text?: string;
}

export interface Route {
  readonly kind: 'commune' | 'province';
  readonly code: string;
  readonly identityProtected: boolean;
  /** The id of the rule that decided, kept on the case; `no_commune` when the commune is unknown. */
  readonly rule: string;
  /** The body outside the commune the case must be forwarded to, e.g. "Công an tỉnh Lào Cai"; absent when none. */
  readonly forwardTo?: string;
}

/** Lower case without diacritics (đ → d), so "cong an xa" matches "công an xã". */
function fold(s: string): string {
  return ` ${s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
}

function matches(r: RoutingRule, input: RouteInput): boolean {
  const w = r.when;
  const mentions = input.mentionsLeader ?? input.targetsLeader;
  if (w.targetsLeader !== undefined && w.targetsLeader !== input.targetsLeader) return false;
  if (w.mentionsLeader !== undefined && w.mentionsLeader !== mentions) return false;
  const all = new Set([input.label, ...input.labels]);
  if (w.labelsAny && !w.labelsAny.some((l) => all.has(l))) return false;
  if (w.primaryIn && !(w.primaryIn as readonly string[]).includes(input.label)) return false;
  if (w.mentionsAny) {
    const text = fold(input.text ?? '');
    if (!w.mentionsAny.some((k) => text.includes(fold(k)))) return false;
  }
  return true;
}

/** The rules in force for a province: its own list when it has one, else the default. */
export function rulesFor(provinceCode: string | null, table: RoutingTable = routingTable()): readonly RoutingRule[] {
  return (provinceCode !== null ? table.provinces[provinceCode]?.rules : undefined) ?? table.default.rules;
}

export function routeCase(input: RouteInput, table: RoutingTable = routingTable()): Route {
  const provinceCode =
    input.provinceCode ?? (input.communeCode !== null ? (getCommune(input.communeCode)?.provinceCode ?? null) : null);
  const chosen = rulesFor(provinceCode, table).find((r) => matches(r, input));
  // The schema guarantees a final catch-all rule.
  const r = chosen!;
  const forwardTo = r.forwardTo && provinceCode !== null ? { forwardTo: withProvince(r.forwardTo, provinceCode) } : {};
  if (r.to === 'commune' && input.communeCode !== null) {
    return { kind: 'commune', code: input.communeCode, identityProtected: r.identityProtected, rule: r.id, ...forwardTo };
  }
  if (provinceCode === null) throw new UnroutableCase('neither the commune nor the province of the case is known');
  return {
    kind: 'province',
    code: provinceCode,
    identityProtected: r.identityProtected,
    rule: r.to === 'province' ? r.id : 'no_commune',
    ...forwardTo,
  };
}

function withProvince(template: string, provinceCode: string): string {
  const p = getProvince(provinceCode);
  const name = p ? `${p.kind === 'thanh_pho' ? 'thành phố' : 'tỉnh'} ${p.short}` : provinceCode;
  return template.replace('{province}', name).normalize('NFC');
}

/** The name of a province's reception unit, e.g. "Ban Tiếp công dân tỉnh Lào Cai". */
export function receptionUnitName(provinceCode: string, table: RoutingTable = routingTable()): string {
  return withProvince(table.provinces[provinceCode]?.receptionUnit ?? table.default.receptionUnit, provinceCode);
}

/**
 * The name a citizen reads for the unit that will answer a case: the commune's People's
 * Committee, or the province's reception unit. Null for a commune missing from the directory.
 */
export function handlingUnitName(target: { readonly kind: 'commune' | 'province'; readonly code: string }): string | null {
  if (target.kind === 'province') return receptionUnitName(target.code);
  try {
    return officialUnitName(target);
  } catch (err) {
    if (err instanceof UnknownUnit) return null;
    throw err;
  }
}
