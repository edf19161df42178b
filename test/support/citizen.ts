import nock from 'nock';
import type { Database } from '../../src/db/index.ts';
import { eventually, FAKE, messengerText, signMessenger, signZalo, type TestRuntime, zaloText } from './runtime.ts';

/**
 * What the platforms received from us, per citizen, captured by nock. Bodies are captured in
 * the matcher: nock 15 hangs on reply callbacks that read the request body.
 */
export class PlatformInbox {
  readonly #byUser = new Map<string, string[]>();

  constructor() {
    nock(FAKE.graphBase)
      .persist()
      .post(`/v25.0/${FAKE.pageId}/messages`, (body: { recipient?: { id?: string }; message?: unknown }) => {
        if (body.message && body.recipient?.id) this.#push(body.recipient.id, describeMessengerMessage(body.message));
        return true;
      })
      .query(true)
      .reply(200, { recipient_id: 'x', message_id: 'm-out' });
    nock(FAKE.zaloApiBase)
      .persist()
      .post(/\/v3\.0\/oa\/message\/cs/, (body: { recipient?: { user_id?: string }; message?: { text?: string } }) => {
        if (body.recipient?.user_id) this.#push(body.recipient.user_id, body.message?.text ?? JSON.stringify(body.message));
        return true;
      })
      .reply(200, { error: 0, message: 'Success', data: { message_id: 'z-out' } });
  }

  #push(user: string, text: string): void {
    const list = this.#byUser.get(user) ?? [];
    list.push(text);
    this.#byUser.set(user, list);
  }

  of(user: string): readonly string[] {
    return this.#byUser.get(user) ?? [];
  }
}

function describeMessengerMessage(message: unknown): string {
  const m = message as { text?: string; quick_replies?: Array<{ title: string }> };
  if (m.text === undefined) return JSON.stringify(message);
  return m.quick_replies ? `${m.text}\n${m.quick_replies.map((q) => `[${q.title}]`).join(' ')}` : m.text;
}

let seq = 0;

/** A citizen writing to the test Page or OA through signed webhooks, reading our replies. */
export class WebhookCitizen {
  readonly #h: TestRuntime;
  readonly #inbox: PlatformInbox;
  readonly platform: 'messenger' | 'zalo';
  readonly userRef: string;
  #read = 0;

  constructor(h: TestRuntime, inbox: PlatformInbox, platform: 'messenger' | 'zalo', userRef: string) {
    this.#h = h;
    this.#inbox = inbox;
    this.platform = platform;
    this.userRef = userRef;
  }

  /** Sends a text and returns everything we answered to it, joined. */
  async say(text: string): Promise<string> {
    const id = `${this.platform}-${this.userRef}-${++seq}-${Date.now()}`;
    const body = this.platform === 'messenger' ? messengerText(id, text, this.userRef) : zaloText(id, text, this.userRef);
    return this.#deliver(body, id);
  }

  /** Sends an arbitrary Messenger `messaging` item (attachments, postbacks). */
  async sendMessenger(item: Record<string, unknown>, id: string): Promise<string> {
    const body = JSON.stringify({
      object: 'page',
      entry: [
        {
          id: FAKE.pageId,
          time: Date.now(),
          messaging: [{ sender: { id: this.userRef }, recipient: { id: FAKE.pageId }, timestamp: Date.now(), ...item }],
        },
      ],
    });
    return this.#deliver(body, id);
  }

  async #deliver(body: string, id: string): Promise<string> {
    const path = `/webhooks/${this.platform}`;
    const signature =
      this.platform === 'messenger' ? { 'x-hub-signature-256': signMessenger(body) } : { 'x-zevent-signature': signZalo(body) };
    const res = await fetch(`${this.#h.rt.url}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...signature },
    });
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    await settled(this.#h.t.db, id, () => this.#inbox.of(this.userRef).length);
    const all = this.#inbox.of(this.userRef);
    const fresh = all.slice(this.#read);
    this.#read = all.length;
    return fresh.join('\n');
  }
}

/** Waits until the event was handled and every reply it caused reached the platform. */
async function settled(db: Database, eventId: string, delivered: () => number): Promise<void> {
  await eventually(async () => {
    const rows = await db.query<{ status: string }>("SELECT status FROM messages WHERE dedupe_key LIKE $1", [
      `%:${eventId}`,
    ]);
    if (rows[0]?.status !== 'processed') return false;
    const [conv] = await db.query<{ conversation_id: string }>(
      'SELECT conversation_id FROM messages WHERE dedupe_key LIKE $1',
      [`%:${eventId}`],
    );
    const out = await db.query<{ status: string }>(
      "SELECT status FROM messages WHERE conversation_id = $1 AND direction = 'out'",
      [conv!.conversation_id],
    );
    return out.every((r) => r.status === 'sent') && delivered() >= out.length;
  }, 20_000);
}
