import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/** The file format of test/dialogues/FORMAT.md, checked as the runner reads it. */

const ASKED = ['what', 'where', 'when', 'consent', 'contact', 'confirm', 'other'] as const;
export type Asked = (typeof ASKED)[number];

const opening = z.union([
  z.object({ text: z.string() }).strict(),
  z.object({ image: z.literal(true), text: z.string().optional() }).strict(),
  z.object({ location: z.literal(true) }).strict(),
  z.object({ postback: z.string() }).strict(),
]);
export type Opening = z.infer<typeof opening>;

export const OUTCOMES = ['case', 'compliment', 'question', 'cancelled', 'handoff', 'data_shown', 'data_erased', 'no_case'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const conversation = z.object({
  id: z.string(),
  channel: z.enum(['zalo', 'messenger']),
  page: z.string(),
  intent: z.string(),
  note: z.string().optional(),
  opening: z.array(opening).min(1),
  answers: z.partialRecord(z.enum(ASKED), z.coerce.string()).default({}),
  midway: z.array(z.object({ at: z.enum(ASKED), text: z.coerce.string() })).default([]),
  expect: z.object({
    outcome: z.enum(OUTCOMES),
    unit: z.string().optional(),
    contact_kept: z.boolean().optional(),
    description_has: z.array(z.coerce.string()).optional(),
    description_lacks: z.array(z.coerce.string()).optional(),
  }),
});
export type Conversation = z.infer<typeof conversation>;

/** An entry that does not follow the format: reported as a failed conversation, not a crash. */
export interface BrokenEntry {
  readonly id: string;
  readonly broken: string;
}

export function readCorpus(path: string): (Conversation | BrokenEntry)[] {
  const list = z.array(z.unknown()).parse(parse(readFileSync(path, 'utf8')));
  return list.map((item, i) => {
    const parsed = conversation.safeParse(item);
    if (parsed.success) return parsed.data;
    const id = (item as { id?: unknown } | null)?.id;
    return { id: typeof id === 'string' ? id : `#${i}`, broken: parsed.error.message };
  });
}
