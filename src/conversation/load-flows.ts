import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { type Document, LineCounter, parseDocument } from 'yaml';
import { hasKey, LOCALES } from '../i18n/index.ts';
import { type Flow, type FlowFile, type Flows, flowFileSchema, type Transition } from './flow-schema.ts';
import { type LexiconProblem, loadLexicon } from './lexicon.ts';

export interface FlowProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Everything wrong with the flow files at once, each with file, line and what to fix. */
export class FlowError extends Error {
  override name = 'FlowError';
  readonly problems: readonly FlowProblem[];
  constructor(problems: readonly FlowProblem[]) {
    super(`invalid conversation flows:\n${problems.map((p) => `  ${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n')}`);
    this.problems = problems;
  }
}

type Path = readonly (string | number)[];

/** Reads and checks every flows/*.yaml; throws FlowError naming each problem. */
export function loadFlows(dir: string): Flows {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  const problems: FlowProblem[] = [];
  const flows: FlowFileOf[] = [];
  for (const name of files) {
    const path = join(dir, name);
    const shown = relative(process.cwd(), path) || basename(path);
    const flow = checkFile(readFileSync(path, 'utf8'), shown, problems);
    if (flow) flows.push(flow);
  }
  const ids = new Set<string>();
  for (const f of flows) {
    if (ids.has(f.flow)) problems.push({ file: f.file, line: 1, column: 1, message: `flow "${f.flow}" is defined twice` });
    ids.add(f.flow);
  }
  const entries = flows.filter((f) => f.entry);
  if (problems.length === 0 && entries.length !== 1) {
    problems.push({
      file: relative(process.cwd(), dir) || dir,
      line: 1,
      column: 1,
      message: `exactly one flow must say "entry: true" (found ${entries.length})`,
    });
  }
  const entry = entries[0];
  if (entry && (!entry.timeouts || !entry.commands || !entry.detect)) {
    problems.push({ file: entry.file, line: 1, column: 1, message: 'the entry flow must give "timeouts", "commands" and "detect"' });
  }
  // Links between flows are checked only when every file could be read.
  for (const f of problems.length === 0 ? flows : []) {
    for (const [id, step] of Object.entries(f.steps)) {
      if (step.type === 'switch' && !flows.some((g) => g.flow === step.flow && step.step in g.steps)) {
        problems.push({ file: f.file, line: 1, column: 1, message: `steps.${id}: flow "${step.flow}" has no step "${step.step}"` });
      }
      if (step.type === 'menu') {
        for (const [intent, sc] of Object.entries(step.on_intent)) {
          if (sc?.flow !== undefined && !ids.has(sc.flow)) {
            problems.push({ file: f.file, line: 1, column: 1, message: `steps.${id}.on_intent.${intent}: flow "${sc.flow}" does not exist` });
          }
        }
      }
    }
  }
  const lexiconProblems: LexiconProblem[] = [];
  const lexicon = loadLexicon(dir, lexiconProblems);
  for (const p of lexiconProblems) problems.push({ file: p.file, line: 1, column: 1, message: p.message });
  if (problems.length > 0 || !entry || !lexicon) throw new FlowError(problems);
  const shared = { timeouts: entry.timeouts!, commands: entry.commands!, detect: entry.detect! };
  const byId = new Map<string, Flow>(flows.map((f) => [f.flow, { ...shared, ...withoutUndefined(f) } as Flow]));
  return { entry: byId.get(entry.flow)!, byId, lexicon };
}

type FlowFileOf = FlowFile & { readonly file: string };

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checkFile(source: string, file: string, problems: FlowProblem[]): FlowFileOf | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = lineCounter.linePos(e.pos[0]);
      problems.push({ file, line: pos.line, column: pos.col, message: e.message.split('\n')[0]! });
    }
    return null;
  }
  const at = (path: Path, message: string): FlowProblem => {
    const pos = lineCounter.linePos(offsetOf(doc, path));
    return { file, line: pos.line, column: pos.col, message: `${describe(path)}: ${message}` };
  };
  const parsed = flowFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const extra = issue.code === 'unrecognized_keys' ? [issue.keys[0]!] : [];
      problems.push(at([...path, ...extra], issue.message));
    }
    return null;
  }
  const before = problems.length;
  for (const [path, message] of semanticProblems(parsed.data)) problems.push(at(path, message));
  return problems.length === before ? { ...parsed.data, file } : null;
}

/** What the schema cannot see: dangling step references and wording missing from a locale. */
function* semanticProblems(flow: FlowFile): Generator<[Path, string]> {
  const ids = new Set(Object.keys(flow.steps));
  if (!ids.has(flow.start)) yield [['start'], `step "${flow.start}" does not exist`];
  const checkKey = function* (path: Path, k: string): Generator<[Path, string]> {
    for (const locale of LOCALES) {
      if (!hasKey(locale, `conversation.${k}`)) yield [path, `"${k}" is missing from locales/${locale}/conversation.json`];
    }
  };
  const checkNext = function* (path: Path, next: Transition): Generator<[Path, string]> {
    const targets = typeof next === 'string' ? [[path, next] as const] : next.map((n, i) => [[...path, i, 'goto'], n.goto] as const);
    for (const [p, target] of targets) if (!ids.has(target)) yield [p, `step "${target}" does not exist`];
  };
  for (const [id, step] of Object.entries(flow.steps)) {
    const at: Path = ['steps', id];
    for (const field of ['ask', 'say', 'thanks', 'invalid', 'skip_label', 'protected_note', 'ask_phone', 'ask_name', 'notice'] as const) {
      const k = (step as Record<string, unknown>)[field];
      if (typeof k === 'string') yield* checkKey([...at, field], k);
    }
    if ('options' in step) {
      for (const [i, o] of step.options.entries()) {
        yield* checkKey([...at, 'options', i, 'label'], o.label);
        if (o.next !== undefined) yield* checkNext([...at, 'options', i, 'next'], o.next);
      }
    }
    if ('next' in step) yield* checkNext([...at, 'next'], step.next);
    if (step.type === 'menu') {
      for (const [intent, sc] of Object.entries(step.on_intent)) {
        if (sc?.next !== undefined) yield* checkNext([...at, 'on_intent', intent, 'next'], sc.next);
      }
    }
  }
}

/** The source offset of the deepest node that exists along `path`. */
function offsetOf(doc: Document, path: Path): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return node.range[0];
  }
  return 0;
}

function describe(path: Path): string {
  if (path.length === 0) return '(file)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
