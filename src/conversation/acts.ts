import { z } from 'zod';
import { fold } from './text.ts';

/**
 * The dialogue-act layer (issue 16): what a short answer means, whatever the step asked.
 * "vâng", "ok gui di", "dạ gửi ạ", "👍", "ko nho" are read once per message into a Reading;
 * each step then decides what those acts mean for its own question. The words live in
 * flows/lexicon/acts.yaml, not here.
 */

export const ACTS = ['yes', 'no', 'send', 'cancel', 'skip', 'dont_know', 'correct', 'anonymous'] as const;
export type Act = (typeof ACTS)[number];

const phrase = z.string().min(1);

export const actsFileSchema = z
  .object({
    teencode: z.record(z.string(), phrase),
    emoji: z.record(z.string(), phrase),
    fillers: z.array(phrase),
    acts: z.object(Object.fromEntries(ACTS.map((a) => [a, z.array(phrase).min(1)])) as Record<Act, z.ZodArray<z.ZodString>>).strict(),
    unmarked_means: z.record(z.string(), z.enum(ACTS)).default({}),
    fillers_alone_mean_yes: z.array(phrase).default([]),
    explicit_cancel: z.array(phrase).default([]),
    examples: z
      .array(z.object({ text: z.string(), acts: z.array(z.enum(ACTS)), pure: z.boolean() }).strict())
      .default([]),
  })
  .strict();
export type ActsFile = z.output<typeof actsFileSchema>;

/** One message as the dialogue-act layer reads it. */
export interface Reading {
  /** The message as typed, trimmed. */
  readonly text: string;
  /** Acts said before anything else (all of them when the message is pure). */
  readonly acts: ReadonlySet<Act>;
  /** Nothing but acts, particles and fillers: the whole message is an answer of that kind. */
  readonly pure: boolean;
  /** The typed words after the leading acts and fillers ("ở xã Tân Lập" in "không, ở xã Tân Lập"). */
  readonly rest: string;
  /** How many words are neither acts nor fillers. */
  readonly contentWords: number;
}

type Label = Act | 'filler';

interface Entry {
  readonly label: Label;
  /** The phrase in lower-case NFC, to compare diacritics when the citizen typed them. */
  readonly exact: string;
  readonly marked: boolean;
}

interface Token {
  readonly raw: string;
  readonly folded: string;
  readonly marked: boolean;
  /** Punctuation before it: "dung, gui di" is "đúng, gửi đi", never "đừng gửi". */
  readonly breakBefore: boolean;
}

export interface ActReader {
  read(text: string): Reading;
  /** The message holds an unmistakable "cancel" ("thôi hủy nhé, để mẹ em tự lên"), whatever follows. */
  saysExplicitCancel(text: string): boolean;
  /** The folded text with teencode and emoji replaced ("ko dc" → "khong duoc"), for phrase search. */
  expand(text: string): string;
  readonly examples: ActsFile['examples'];
}

const lower = (s: string): string => s.normalize('NFC').toLocaleLowerCase('vi');
const hasMarks = (s: string): boolean => /[\u0300-\u036fđ]/.test(s.normalize('NFD').toLocaleLowerCase('vi'));

export function createActReader(file: ActsFile): ActReader {
  const teencode = new Map(Object.entries(file.teencode).map(([k, v]) => [lower(k), lower(v)]));
  const emoji = Object.entries(file.emoji);
  const index = new Map<string, Entry[]>();
  let longest = 1;
  const add = (p: string, label: Label): void => {
    const key = fold(p);
    if (key === '') return;
    longest = Math.max(longest, key.split(' ').length);
    const list = index.get(key) ?? [];
    list.push({ label, exact: lower(p), marked: hasMarks(p) });
    index.set(key, list);
  };
  for (const act of ACTS) for (const p of file.acts[act]) add(p, act);
  for (const p of file.fillers) add(p, 'filler');
  const unmarked = new Map(Object.entries(file.unmarked_means).map(([k, v]) => [fold(k), v]));
  const aloneYes = new Set(file.fillers_alone_mean_yes.map(fold));

  function tokenize(text: string): Token[] {
    let t = text.normalize('NFC');
    for (const [e, word] of emoji) t = t.split(e).join(` ${word} `);
    const out: Token[] = [];
    for (const part of t.split(/[,.;:!?\n]+/u)) {
      let first = true;
      for (const w of part.split(/[^\p{L}\p{N}']+/u)) {
        if (w === '') continue;
        const l = lower(w);
        const raw = teencode.get(l) ?? teencode.get(fold(l)) ?? l;
        out.push({ raw, folded: fold(raw), marked: hasMarks(raw), breakBefore: first && out.length > 0 });
        first = false;
      }
    }
    return out;
  }

  /** The labels of the phrase of `n` tokens at `i`, if any, honouring typed diacritics. */
  function labelsAt(tokens: readonly Token[], i: number, n: number): Label[] | null {
    const span = tokens.slice(i, i + n);
    if (span.slice(1).some((t) => t.breakBefore)) return null;
    const key = span.map((t) => t.folded).join(' ');
    const entries = index.get(key);
    if (!entries) return null;
    const typedMarked = span.some((t) => t.marked);
    // A word typed with diacritics must carry the phrase's own; a word typed without fits any.
    const fitting = entries.filter((e) => {
      const words = e.exact.split(' ');
      return span.every((t, k) => !t.marked || !e.marked || words[k] === t.raw);
    });
    if (fitting.length === 0) return null;
    const acts = [...new Set(fitting.map((e) => e.label).filter((l): l is Act => l !== 'filler'))];
    if (acts.length > 1 && !typedMarked && unmarked.has(key)) return [unmarked.get(key)!];
    return acts.length > 0 ? acts : ['filler'];
  }

  const explicit = file.explicit_cancel.map((p) => fold(p));
  return {
    examples: file.examples,
    saysExplicitCancel(text) {
      const padded = ` ${tokenize(text)
        .map((t) => t.folded)
        .join(' ')} `;
      return explicit.some((p) => padded.includes(` ${p} `));
    },
    expand: (text) =>
      tokenize(text)
        .map((t) => t.folded)
        .join(' '),
    read(text) {
      const trimmed = text.trim();
      const tokens = tokenize(trimmed);
      const leading = new Set<Act>();
      const all = new Set<Act>();
      let content = 0;
      let restStart = -1;
      let onlyFillers = true;
      let yesFiller = false;
      for (let i = 0; i < tokens.length; ) {
        let step = 1;
        let labels: Label[] | null = null;
        for (let n = Math.min(longest, tokens.length - i); n >= 1; n--) {
          labels = labelsAt(tokens, i, n);
          if (labels) {
            step = n;
            break;
          }
        }
        if (labels === null) {
          content++;
          if (restStart < 0) restStart = i;
        } else if (labels[0] === 'filler') {
          if (aloneYes.has(tokens.slice(i, i + step).map((t) => t.folded).join(' '))) yesFiller = true;
        } else {
          onlyFillers = false;
          for (const a of labels as Act[]) {
            all.add(a);
            if (restStart < 0) leading.add(a);
          }
        }
        i += step;
      }
      const pure = tokens.length > 0 && content === 0;
      if (pure && onlyFillers && yesFiller) all.add('yes');
      const rest = restStart < 0 ? '' : restOf(trimmed, tokens.length - restStart);
      return { text: trimmed, acts: pure ? all : leading, pure, rest, contentWords: content };
    },
  };
}

/** The last `count` words of the text as typed, punctuation inside them kept. */
function restOf(text: string, count: number): string {
  const words = [...text.normalize('NFC').matchAll(/[\p{L}\p{N}']+/gu)];
  const first = words[words.length - count];
  return first?.index === undefined ? '' : text.normalize('NFC').slice(first.index).trim();
}

/** The reading of a tap on a button: exactly that choice, nothing else said. */
export function isAct(r: Reading, ...acts: Act[]): boolean {
  return acts.some((a) => r.acts.has(a));
}
