import pg from 'pg';
import type { Delivery } from './fake-platform.ts';

/**
 * What happened to the messages citizens sent during a fault, from the database and from what
 * reached the fake platform:
 * - stored once: each accepted message is one row, handled (the unique key makes "twice" impossible);
 * - replied: every reply written for those conversations was sent (none pending, failed, uncertain);
 * - duplicated: a reply that reached the platform more than once (a delivery no recorded send
 *   accounts for, or the same part twice in a row);
 * - order kept: each citizen received the replies in the order they were written.
 */
export interface Sent {
  readonly platform: 'messenger' | 'zalo';
  readonly eventId: string;
  readonly user: string;
}

export interface Tally {
  accepted: number;
  storedOnce: number;
  handled: number;
  replies: number;
  repliesSent: number;
  uncertain: number;
  lost: number;
  duplicated: number;
  orderKept: boolean;
}

export async function tally(databaseUrl: string, accepted: readonly Sent[], deliveries: readonly Delivery[]): Promise<Tally> {
  const c = new pg.Client({ connectionString: databaseUrl });
  c.on('error', () => {});
  await c.connect();
  try {
    const ids = accepted.map((s) => s.eventId);
    const inbound = await c.query<{ platform_message_id: string; n: string; handled: string }>(
      `SELECT platform_message_id, count(*) AS n, count(*) FILTER (WHERE status = 'processed') AS handled
       FROM messages WHERE direction = 'in' AND platform_message_id = ANY($1) GROUP BY platform_message_id`,
      [ids],
    );
    const users = [...new Set(accepted.map((s) => s.user))];
    const out = await c.query<{ user_ref: string; id: string; status: string; platform_message_id: string | null }>(
      `SELECT cv.user_ref, m.id::text AS id, m.status, m.platform_message_id
       FROM messages m JOIN conversations cv ON cv.id = m.conversation_id
       WHERE m.direction = 'out' AND cv.user_ref = ANY($1) ORDER BY m.id`,
      [users],
    );
    const storedOnce = inbound.rows.filter((r) => Number(r.n) === 1).length;
    const handled = inbound.rows.reduce((n, r) => n + Number(r.handled), 0);
    const sentRows = out.rows.filter((r) => r.status === 'sent');
    const uncertain = out.rows.filter((r) => r.status === 'uncertain').length;

    let duplicated = 0;
    let orderKept = true;
    const byUser = new Map<string, Delivery[]>();
    for (const d of deliveries) byUser.set(d.user, [...(byUser.get(d.user) ?? []), d]);
    for (const user of users) {
      const recorded = sentRows.filter((r) => r.user_ref === user).map((r) => r.platform_message_id);
      const mine = (byUser.get(user) ?? []).sort((a, b) => a.seq - b.seq);
      const recordedSet = new Set(recorded);
      // The recorded ids must come in the order the replies were written.
      const seqs = recorded.map((id) => mine.find((d) => d.id === id)?.seq ?? -1);
      if (seqs.some((s, i) => s === -1 || (i > 0 && s < seqs[i - 1]!))) orderKept = false;
      let sinceRecorded = 0;
      for (let i = 0; i < mine.length; i++) {
        const d = mine[i]!;
        if (i > 0 && JSON.stringify(d.body) === JSON.stringify(mine[i - 1]!.body)) duplicated++;
        if (recordedSet.has(d.id)) sinceRecorded = 0;
        else sinceRecorded++;
      }
      // Parts after the last recorded send belong to no reply the product knows it sent.
      duplicated += sinceRecorded;
    }
    const notHandled = accepted.length - handled;
    const notSent = out.rows.length - sentRows.length;
    return {
      accepted: accepted.length,
      storedOnce,
      handled,
      replies: out.rows.length,
      repliesSent: sentRows.length,
      uncertain,
      lost: notHandled + notSent,
      duplicated,
      orderKept,
    };
  } finally {
    await c.end();
  }
}
