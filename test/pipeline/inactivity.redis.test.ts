import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponder } from '../../src/runtime/responder.ts';
import { PlatformInbox, WebhookCitizen } from '../support/citizen.ts';
import { eventually, startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/** The flows with their inactivity timeouts shortened to seconds: real delayed jobs fire. */
function quickFlows(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cb-flows-'));
  cpSync('flows', dir, { recursive: true });
  const file = join(dir, 'feedback.yaml');
  const yaml = readFileSync(file, 'utf8')
    .replace(/nudge_after: \S+/, 'nudge_after: 1s')
    .replace(/close_after: \S+/, 'close_after: 2s');
  writeFileSync(file, yaml);
  return dir;
}

describe('an abandoned conversation', () => {
  let h: TestRuntime;
  let inbox: PlatformInbox;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    inbox = new PlatformInbox();
    h = await startTestRuntime('pglite', { responder: createResponder({ flowsDir: quickFlows() }) });
  });
  afterAll(async () => {
    await h.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('is nudged once, then closed with its draft kept', async () => {
    const c = new WebhookCitizen(h, inbox, 'zalo', '840000000777');
    await c.say('Cán bộ xã hẹn mãi không giải quyết hồ sơ của tôi');
    const before = inbox.of('840000000777').length;
    await eventually(() => inbox.of('840000000777').length >= before + 2, 15_000);
    const [nudge, close] = inbox.of('840000000777').slice(before);
    expect(nudge).toBeDefined();
    expect(close).toBeDefined();
    expect(nudge).not.toBe(close);
    const [row] = await h.t.db.query<{ timer_token: string | null; state: { mode: string } }>(
      "SELECT timer_token, state FROM conversations WHERE user_ref = '840000000777'",
    );
    expect(row!.timer_token).toBeNull();
    // Nothing further arrives once closed.
    await new Promise((r) => setTimeout(r, 2500));
    expect(inbox.of('840000000777').length).toBe(before + 2);
  }, 30_000);
});
