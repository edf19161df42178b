import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { type ActReader, actsFileSchema, createActReader } from './acts.ts';
import { fold } from './text.ts';

/**
 * The words beside the flows (flows/lexicon/): how citizens say yes, no, send… (acts.yaml),
 * what a first message is about (intents.yaml) and the procedures the bot answers itself
 * (faq.yaml). Staff edit them like the flows; the program checks them when it starts.
 */

const phrase = z.string().min(1);

const intentsSchema = z
  .object({
    compliment: z.array(phrase).min(1),
    compliment_breakers: z.array(phrase).default([]),
    denunciation: z.array(phrase).min(1),
    rant: z.array(phrase).min(1),
    rant_max_words: z.number().int().min(1),
    rant_emoji: z.array(phrase).default([]),
    report_openers: z.array(phrase).default([]),
    question_anywhere: z.array(phrase).default([]),
    time_patterns: z.array(
      phrase.refine((p) => {
        try {
          new RegExp(p);
          return true;
        } catch {
          return false;
        }
      }, 'not a valid regular expression'),
    ),
  })
  .strict();
export type IntentWords = z.output<typeof intentsSchema>;

const faqSchema = z.array(
  z
    .object({
      id: z.string().regex(/^[a-z][a-z0-9_]*$/),
      /** Each line: groups of words that must all appear. */
      when: z.array(z.array(phrase).min(1)).min(1),
      /** Words that mean the entry does not fit ("kết hôn với người nước ngoài" is another procedure). */
      unless: z.array(phrase).default([]),
    })
    .strict(),
);
export type FaqEntry = z.output<typeof faqSchema>[number];

export interface Lexicon {
  readonly acts: ActReader;
  readonly intents: IntentWords;
  readonly faq: readonly FaqEntry[];
}

export interface LexiconProblem {
  readonly file: string;
  readonly message: string;
}

/** Reads flows/lexicon/*.yaml; problems are returned (with the file) for loadFlows to report. */
export function loadLexicon(flowsDir: string, problems: LexiconProblem[]): Lexicon | null {
  const dir = join(flowsDir, 'lexicon');
  const read = <T extends z.ZodType>(name: string, schema: T): z.output<T> | null => {
    const path = join(dir, name);
    const file = relative(process.cwd(), path) || path;
    if (!existsSync(path)) {
      problems.push({ file, message: 'file is missing' });
      return null;
    }
    let raw: unknown;
    try {
      raw = parse(readFileSync(path, 'utf8'));
    } catch (err) {
      problems.push({ file, message: (err as Error).message.split('\n')[0]! });
      return null;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ file, message: `${issue.path.join('.') || '(file)'}: ${issue.message}` });
      return null;
    }
    return parsed.data;
  };
  const acts = read('acts.yaml', actsFileSchema);
  const intents = read('intents.yaml', intentsSchema);
  const faq = read('faq.yaml', faqSchema);
  if (!acts || !intents || !faq) return null;
  return { acts: createActReader(acts), intents, faq };
}

/** Whole-word containment on folded text. */
export function containsPhrase(foldedPadded: string, p: string): boolean {
  return foldedPadded.includes(` ${fold(p)} `);
}
