import nodemailer from 'nodemailer';

export interface MailMessage {
  readonly from: string;
  readonly to: { readonly name: string; readonly address: string };
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Stable per digest and recipient, so a mail client can tell a resend from a new digest. */
  readonly messageId: string;
}

/** Where digests leave the program: SMTP in production and in tests (a server on loopback). */
export interface Mailer {
  send(message: MailMessage): Promise<{ readonly messageId: string }>;
  close(): void;
}

export interface SmtpOptions {
  /** How long to wait for the server at each step before the attempt counts as failed. */
  readonly timeoutMs?: number;
}

/** A mailer over SMTP from a URL such as `smtp://user:pass@host:587` or `smtps://host:465`. */
export function smtpMailer(url: string, opts: SmtpOptions = {}): Mailer {
  // Nodemailer reads its options from the URL's query when given a URL; settings written
  // there by the operator win over these defaults.
  const withTimeouts = new URL(url);
  for (const key of ['connectionTimeout', 'greetingTimeout', 'socketTimeout']) {
    if (!withTimeouts.searchParams.has(key)) withTimeouts.searchParams.set(key, String(opts.timeoutMs ?? 30_000));
  }
  const transport = nodemailer.createTransport(withTimeouts.toString());
  return {
    async send(m) {
      const info = await transport.sendMail({
        from: m.from,
        to: { name: m.to.name, address: m.to.address },
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: m.messageId,
      });
      return { messageId: info.messageId };
    },
    close() {
      transport.close();
    },
  };
}
