import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlowError, type FlowProblem, loadFlows } from '../../src/conversation/index.ts';
import { FLOWS_DIR } from './harness.ts';

const ORIGINAL = readFileSync(join(FLOWS_DIR, 'feedback.yaml'), 'utf8');

function lineOf(source: string, needle: string): number {
  return source.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

/** The shipped flows and their lexicon in a directory of their own, to break one file. */
function copyOfFlows(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flows-'));
  cpSync(FLOWS_DIR, dir, { recursive: true });
  return dir;
}

/** Writes an edited copy of the real flow and returns what loadFlows says about it. */
function problemsOf(edit: (src: string) => string): { source: string; problems: readonly FlowProblem[] } {
  const dir = copyOfFlows();
  const source = edit(ORIGINAL);
  writeFileSync(join(dir, 'feedback.yaml'), source);
  try {
    loadFlows(dir);
  } catch (err) {
    if (err instanceof FlowError) return { source, problems: err.problems };
    throw err;
  }
  return { source, problems: [] };
}

describe('loadFlows', () => {
  it('loads the shipped feedback flow', () => {
    const flows = loadFlows(FLOWS_DIR);
    expect(flows.entry.flow).toBe('feedback');
    expect(flows.entry.timeouts.nudge_after).toBe(30 * 60_000);
    expect(Object.keys(flows.entry.steps)).toContain('consent');
  });

  it('names the line of a transition to a step that does not exist', () => {
    const { source, problems } = problemsOf((s) => s.replace('    store: occurred_text\n    skip_label: skip.label\n    next: consent', '    store: occurred_text\n    skip_label: skip.label\n    next: offical'));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(lineOf(source, 'next: offical'));
    expect(problems[0]!.message).toBe('steps.when.next: step "offical" does not exist');
    expect(problems[0]!.file).toMatch(/feedback\.yaml$/);
  });

  it('names wording missing from a locale', () => {
    const { source, problems } = problemsOf((s) => s.replace('ask: contact.ask\n', 'ask: contact.ask_full\n'));
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [lineOf(source, 'contact.ask_full'), 'steps.contact.ask: "contact.ask_full" is missing from locales/vi/conversation.json'],
      [lineOf(source, 'contact.ask_full'), 'steps.contact.ask: "contact.ask_full" is missing from locales/en/conversation.json'],
    ]);
  });

  it('names an unknown step type, a bad duration and an unknown field on their lines', () => {
    const { source, problems } = problemsOf((s) =>
      s
        .replace('nudge_after: 30m', 'nudge_after: half an hour')
        .replace('    type: lookup\n', '    type: lookup\n    colour: blue\n')
        .replace('    type: handoff', '    type: transfer'),
    );
    const byLine = new Map(problems.map((p) => [p.line, p.message]));
    expect(byLine.get(lineOf(source, 'half an hour'))).toMatch(/^timeouts\.nudge_after: must be a duration/);
    expect(byLine.get(lineOf(source, 'colour: blue'))).toMatch(/^steps\.lookup\.colour: /);
    expect(byLine.get(lineOf(source, 'type: transfer'))).toMatch(/^steps\.handoff\.type: /);
    expect(problems).toHaveLength(3);
  });

  it('names a consent step whose options are not agree and anonymous', () => {
    const { source, problems } = problemsOf((s) => s.replace('{ value: anonymous, label: consent.anonymous', '{ value: refuse, label: consent.anonymous'));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toBe('steps.consent.options: options must be exactly "agree" and "anonymous"');
    expect(problems[0]!.line).toBe(lineOf(source, '- { value: agree'));
  });

  it('requires a default at the end of a conditional transition', () => {
    const { source, problems } = problemsOf((s) => s.replace('      - { goto: summary }', '      - { if: consent_declined, goto: summary }'));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toBe('steps.consent.next: the last entry must have no "if" (the default)');
    expect(problems[0]!.line).toBe(lineOf(source, '- { if: consent_granted'));
  });

  it('reports YAML syntax errors with their line', () => {
    const { source, problems } = problemsOf((s) => s.replace('  describe:\n    type: text', '  describe:\n    type: text\n   ask: [unclosed'));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.line).toBeGreaterThanOrEqual(lineOf(source, 'ask: [unclosed'));
  });

  it('says everything in one error message a person can read', () => {
    const dir = copyOfFlows();
    writeFileSync(join(dir, 'feedback.yaml'), ORIGINAL.replace('start: intent', 'start: welcome'));
    expect(() => loadFlows(dir)).toThrow(/feedback\.yaml:\d+:\d+: start: step "welcome" does not exist/);
  });

  it('names a broken lexicon file beside the flows', () => {
    const dir = copyOfFlows();
    writeFileSync(join(dir, 'lexicon', 'acts.yaml'), 'teencode: {}\nemoji: {}\nfillers: []\nacts: { yes: [có] }\n');
    expect(() => loadFlows(dir)).toThrow(/lexicon\/acts\.yaml:1:1: acts\.no: /);
  });

  it('lets a flow other than the entry use the entry flow’s commands and timeouts', () => {
    const flows = loadFlows(FLOWS_DIR);
    const compliment = flows.byId.get('compliment')!;
    expect(compliment.commands).toEqual(flows.entry.commands);
    expect(compliment.timeouts.nudge_after).toBe(30 * 60_000);
  });
});
