import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbKind } from '../support/db.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { type BrokenEntry, type Conversation, readCorpus } from './corpus.ts';
import { Capture, type Outcomes, Pages, runConversation } from './driver.ts';

/**
 * The dialogue corpus (FORMAT.md): scripted citizens talk to the bot through the webhook,
 * the queue and the worker, with Zalo and Graph nock'ed, and what they experience is checked.
 *
 * By default every test/dialogues/*.yaml runs and each conversation must succeed. To measure
 * another file without committing it, point DIALOGUES at it (comma-separated for several);
 * its figures are printed (and written to DIALOGUE_REPORT, a directory, if given) and only
 * DIALOGUE_MIN_SUCCESS (0..1), if given, is asserted. DIALOGUE_DB picks the database kind.
 */

const HERE = import.meta.dirname;
const external = process.env.DIALOGUES?.split(',').filter((f) => f !== '');
const files = external ?? readdirSync(HERE).filter((f) => f.endsWith('.yaml')).map((f) => join(HERE, f));
const kind = (process.env.DIALOGUE_DB ?? 'postgres') as DbKind;

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function summarise(results: readonly Outcomes[]) {
  const n = results.length;
  const complaints = results.filter((r) => r.expected === 'case' && r.ok);
  const misunderstandings = results.reduce((s, r) => s + r.askedTwice + r.notInAnswers + r.clarifications, 0);
  return {
    conversations: n,
    succeeded: results.filter((r) => r.ok).length,
    taskSuccessRate: n === 0 ? null : results.filter((r) => r.ok).length / n,
    medianTurnsPerCompletedComplaint: median(complaints.map((r) => r.turns)),
    misunderstandingsPerConversation: n === 0 ? null : misunderstandings / n,
    askedTwice: results.reduce((s, r) => s + r.askedTwice, 0),
    askedNotInAnswers: results.reduce((s, r) => s + r.notInAnswers, 0),
    clarifications: results.reduce((s, r) => s + r.clarifications, 0),
    confirmationsAppended: results.filter((r) => r.confirmationAppended).length,
    failures: results.filter((r) => !r.ok).map((r) => ({ id: r.id, problems: r.problems })),
  };
}

describe.each(files)('dialogue corpus %s', (file) => {
  const entries: (Conversation | BrokenEntry)[] = readCorpus(file);
  const results: Outcomes[] = [];
  let h: TestRuntime;
  let capture: Capture;
  let pages: Pages;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    capture = new Capture();
    h = await startTestRuntime(kind);
    pages = new Pages(h);
  });
  afterAll(async () => {
    const summary = summarise(results);
    console.log(`\n${basename(file)}: ${JSON.stringify({ ...summary, failures: summary.failures.length }, null, 2)}`);
    for (const f of summary.failures) console.log(`  ✗ ${f.id}: ${f.problems.join('; ')}`);
    const dir = process.env.DIALOGUE_REPORT;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${basename(file, '.yaml')}.json`), JSON.stringify({ summary, results }, null, 2));
    }
    await h.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it.each(entries.map((e) => [e.id, e] as const))('%s', async (_id, entry) => {
    if ('broken' in entry) {
      results.push({ id: entry.id, ok: false, problems: [`not in the format: ${entry.broken}`], expected: 'no_case', turns: 0, askedTwice: 0, notInAnswers: 0, clarifications: 0, confirmationAppended: false, transcript: [] });
      if (!external) expect.fail(`${entry.id} does not follow FORMAT.md`);
      return;
    }
    const r = await runConversation(h, capture, pages, entry);
    results.push(r);
    if (!external) expect(r.problems, r.transcript.join('\n')).toEqual([]);
  });

  if (external && process.env.DIALOGUE_MIN_SUCCESS) {
    it('reaches the required task success rate', () => {
      expect(summarise(results).taskSuccessRate).toBeGreaterThanOrEqual(Number(process.env.DIALOGUE_MIN_SUCCESS));
    });
  }
});
