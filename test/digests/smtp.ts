import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: string;
  header(name: string): string | undefined;
  /** The decoded text/plain part. */
  text(): string;
  /** The decoded text/html part. */
  html(): string;
}

export interface TestSmtp {
  readonly url: string;
  readonly received: ReceivedMail[];
  /** Answer the next `n` messages with a temporary failure (451). */
  failNext(n: number): void;
  /** Refuse every message (554) while on. */
  refuseAll(on: boolean): void;
  /** Refuse one recipient (550) until cleared with null. */
  refuseRecipient(address: string | null): void;
  /** Every attempt the server saw, including refused ones. */
  readonly attempts: () => number;
  close(): Promise<void>;
}

/** A real SMTP server on loopback, recording what it accepts. */
export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let failing = 0;
  let refuseAll = false;
  let refusedRecipient: string | null = null;
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (refusedRecipient === address.address) {
        cb(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        return;
      }
      cb();
    },
    onData(stream, session, cb) {
      attempts++;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failing > 0) {
          failing--;
          cb(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          return;
        }
        if (refuseAll) {
          cb(Object.assign(new Error('Service unavailable'), { responseCode: 554 }));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push(parse(raw, session.envelope.mailFrom ? session.envelope.mailFrom.address : '', session.envelope.rcptTo.map((r) => r.address)));
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    failNext(n) {
      failing = n;
    },
    refuseAll(on) {
      refuseAll = on;
    },
    refuseRecipient(address) {
      refusedRecipient = address;
    },
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parse(raw: string, from: string, to: string[]): ReceivedMail {
  const headerEnd = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, headerEnd).replace(/\r\n[ \t]+/g, ' ');
  const header = (name: string) =>
    new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1]?.trim();
  const part = (type: string) => {
    const re = new RegExp(`Content-Type: ${type}[^\\r]*\\r\\n((?:[^\\r]+\\r\\n)*)\\r\\n([\\s\\S]*?)\\r\\n--`, 'i');
    const m = re.exec(raw);
    if (!m) throw new Error(`no ${type} part`);
    const encoding = /Content-Transfer-Encoding:\s*(\S+)/i.exec(m[1]!)?.[1]?.toLowerCase();
    return decode(m[2]!, encoding);
  };
  return { from, to, raw, header, text: () => part('text/plain'), html: () => part('text/html') };
}

function decode(body: string, encoding: string | undefined): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const soft = body.replace(/=\r\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
        bytes.push(Number.parseInt(soft.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(soft[i]!, 'utf8'));
      }
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return body;
}
