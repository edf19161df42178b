import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for Graph (Messenger) and Zalo's OA and OAuth APIs, for the fault and
 * load runs. It records what reached it and can misbehave on request.
 *
 * - `http500`, `http429`: every send gets that status (nothing delivered).
 * - `timeout`: every send is held past the client's timeout and never delivered, as when a
 *   request dies on the way; one that reached the platform before timing out cannot be told
 *   apart by any client, and would be a duplicate no product can avoid.
 * - `zaloTokenExpired`: Zalo sends answer -216 until the OA's token is refreshed.
 * - `revoked`: Graph answers 190, Zalo's OAuth refuses the refresh token.
 */
export type FakeMode = 'ok' | 'http500' | 'http429' | 'timeout' | 'zaloTokenExpired' | 'revoked';

export interface Delivery {
  readonly platform: 'messenger' | 'zalo';
  readonly user: string;
  /** The platform's message id this fake gave it: a global counter, so arrival order. */
  readonly id: string;
  readonly seq: number;
  readonly at: number;
  readonly body: Record<string, unknown>;
}

export interface FakePlatform {
  readonly url: string;
  readonly deliveries: Delivery[];
  readonly senderActions: Array<{ user: string; action: string }>;
  mode: FakeMode;
  /** Zalo access tokens the fake currently accepts (a refresh adds one). */
  readonly zaloTokens: Set<string>;
  refreshes: number;
  /** Called for each delivery (the load run measures message-to-reply with it). */
  onDelivery?: (d: Delivery) => void;
  close(): Promise<void>;
}

export async function startFakePlatform(opts: { holdMs?: number } = {}): Promise<FakePlatform> {
  let seq = 0;
  const fake: FakePlatform = {
    url: '',
    deliveries: [],
    senderActions: [],
    mode: 'ok',
    zaloTokens: new Set(),
    refreshes: 0,
    close: async () => {},
  };
  const held = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const reply = (status: number, body: unknown) => {
        if (res.writableEnded || res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const url = new URL(req.url ?? '/', 'http://fake');
      const mode = fake.mode;
      if (url.pathname === '/v4/oa/access_token') {
        if (mode === 'revoked') return reply(200, { error: -14014, message: 'Invalid refresh token' });
        fake.refreshes++;
        const token = `zalo-access-r${fake.refreshes}`;
        fake.zaloTokens.add(token);
        return reply(200, { access_token: token, refresh_token: `zalo-refresh-r${fake.refreshes}`, expires_in: '90000' });
      }
      const body = parse(raw);
      const isGraph = /\/messages$/.test(url.pathname);
      const isZalo = url.pathname === '/v3.0/oa/message/cs';
      if (!isGraph && !isZalo) return reply(404, { error: 'not found' });
      const recipient = body.recipient as { id?: string; user_id?: string } | undefined;
      const user = String(recipient?.id ?? recipient?.user_id ?? '');
      if (isGraph && typeof body.sender_action === 'string') {
        fake.senderActions.push({ user, action: body.sender_action });
        return reply(200, { recipient_id: user });
      }
      if (mode === 'http500') return reply(500, { error: { message: 'fake outage' } });
      if (mode === 'http429') return reply(429, { error: { message: 'fake rate limit', code: 613 } });
      if (mode === 'timeout') {
        // Never answered while the mode lasts; the client times out and nothing was delivered.
        const release = () => {
          held.delete(release);
          res.destroy();
        };
        held.add(release);
        setTimeout(release, opts.holdMs ?? 60_000).unref();
        return;
      }
      if (isGraph && mode === 'revoked') {
        return reply(400, { error: { message: 'Error validating access token', type: 'OAuthException', code: 190 } });
      }
      if (isZalo && mode === 'zaloTokenExpired' && !fake.zaloTokens.has(String(req.headers.access_token ?? ''))) {
        return reply(200, { error: -216, message: 'Access token is invalid' });
      }
      seq++;
      const id = `fake-${seq}`;
      const d: Delivery = { platform: isGraph ? 'messenger' : 'zalo', user, id, seq, at: Date.now(), body };
      fake.deliveries.push(d);
      fake.onDelivery?.(d);
      return isGraph ? reply(200, { recipient_id: user, message_id: id }) : reply(200, { error: 0, message: 'Success', data: { message_id: id } });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  (fake as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const release of [...held]) release();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return fake;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      raw += c;
    });
    req.on('end', () => resolve(raw));
    req.on('error', () => resolve(raw));
  });
}

function parse(raw: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
