import type { AddressInfo } from 'node:net';
import type { SMTPServerAuthentication, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { SMTPServer } from 'smtp-server';

/** One message the server accepted, in arrival order (`index` from 0). */
export interface ReceivedMail {
  index: number;
  /** The envelope: MAIL FROM and every RCPT TO. */
  from: string;
  to: string[];
  /** The user the client logged in as, when it did. */
  user: string | null;
  /** The message as it came after DATA (dot-stuffing undone). */
  raw: string;
  /** Lower-case names; folded lines unfolded. */
  headers: Record<string, string>;
  /** Decoded from RFC 2047 encoded words. */
  subject: string;
  /** The body of a single-part text message, decoded from its Content-Transfer-Encoding (UTF-8). */
  text: string;
}

/** An SMTP reply the server gives instead of accepting (e.g. 550 at RCPT TO). */
export interface SmtpRefusal {
  code: number;
  message: string;
}

export interface LocalSmtpServerOptions {
  /** Accept only these credentials (AUTH PLAIN/LOGIN); others get 535. Unset: any login or none is accepted. */
  credentials?: { user: string; pass: string };
}

const DEFAULT_WAIT_MS = 10_000;

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 and a free port, plain text (no TLS, no
 * STARTTLS), keeping every message it accepts. `refuseRecipients` makes it answer RCPT TO with a refusal.
 */
export class LocalSmtpServer {
  private readonly received: ReceivedMail[] = [];
  private readonly arrivalListeners = new Set<() => void>();
  private refusal: SmtpRefusal | null = null;

  private readonly server: SMTPServer;
  private port = 0;

  private constructor(credentials: LocalSmtpServerOptions['credentials']) {
    this.server = new SMTPServer({
      secure: false,
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 200,
      onAuth: (auth, _session, callback) => callback(...authenticate(auth, credentials)),
      onRcptTo: (_address, _session, callback) => callback(this.refusal ? refusalError(this.refusal) : null),
      onData: (stream, session, callback) => {
        readAll(stream)
          .then((raw) => {
            this.accept(raw, session);
            callback(null);
          })
          .catch((error: Error) => callback(error));
      },
    });
  }

  static async start(options: LocalSmtpServerOptions = {}): Promise<LocalSmtpServer> {
    const instance = new LocalSmtpServer(options.credentials);
    await new Promise<void>((resolve, reject) => {
      instance.server.once('error', reject);
      instance.server.listen(0, '127.0.0.1', () => resolve());
    });
    instance.server.on('error', () => undefined);
    instance.port = (instance.server.server.address() as AddressInfo).port;
    return instance;
  }

  /** smtp://127.0.0.1:<port>, no credentials. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** This server's URL with credentials in it (percent-encoded), as FILORA_SMTP_URL takes them. */
  urlWith(user: string, pass: string): string {
    const url = new URL(this.url);
    url.username = encodeURIComponent(user);
    url.password = encodeURIComponent(pass);
    return url.toString().replace(/\/$/, '');
  }

  /** Every message so far, oldest first. */
  messages(): ReceivedMail[] {
    return [...this.received];
  }

  /** From now on, answer every RCPT TO with this refusal (null: accept again). */
  refuseRecipients(refusal: SmtpRefusal | null): void {
    this.refusal = refusal;
  }

  /** Resolves with the first message that satisfies `predicate`; rejects after `timeoutMs`. */
  waitForMessage(predicate: (mail: ReceivedMail) => boolean = () => true, timeoutMs = DEFAULT_WAIT_MS): Promise<ReceivedMail> {
    return new Promise<ReceivedMail>((resolve, reject) => {
      const check = (): boolean => {
        const found = this.received.find(predicate);
        if (!found) return false;
        settle();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        settle();
        reject(new Error(`local SMTP server: waited ${timeoutMs} ms for a matching message among ${this.received.length}`));
      }, timeoutMs);
      const listener = () => void check();
      const settle = () => {
        clearTimeout(timer);
        this.arrivalListeners.delete(listener);
      };
      this.arrivalListeners.add(listener);
      check();
    });
  }

  /** Stops listening; connections still open (a pooled client) are told 421 and closed. */
  close(): Promise<void> {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(raw: string, session: SMTPServerSession): void {
    const { mailFrom, rcptTo } = session.envelope;
    this.received.push({
      index: this.received.length,
      from: mailFrom ? mailFrom.address : '',
      to: rcptTo.map((recipient) => recipient.address),
      user: typeof session.user === 'string' ? session.user : null,
      raw,
      ...parseMessage(raw),
    });
    for (const listener of [...this.arrivalListeners]) listener();
  }
}

type AuthAnswer = [Error | null, { user: string }?];

function authenticate(auth: SMTPServerAuthentication, expected: LocalSmtpServerOptions['credentials']): AuthAnswer {
  const user = auth.username ?? '';
  if (!expected || (user === expected.user && auth.password === expected.pass)) return [null, { user }];
  return [refusalError({ code: 535, message: 'Authentication credentials invalid' })];
}

function refusalError(refusal: SmtpRefusal): Error {
  return Object.assign(new Error(refusal.message), { responseCode: refusal.code });
}

async function readAll(stream: SMTPServerDataStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Just enough MIME for the single-part text messages a notifier sends. */
function parseMessage(raw: string): Pick<ReceivedMail, 'headers' | 'subject' | 'text'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    headers,
    subject: decodeEncodedWords(headers.subject ?? ''),
    text: decodeBody(body, headers['content-transfer-encoding']),
  };
}

function decodeBody(body: string, encoding = '7bit'): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return decodeQuotedPrintable(body.replace(/=\r\n/g, ''));
    default:
      return body;
  }
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i] as string, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047: =?charset?B|Q?text?=, whitespace between adjacent encoded words dropped. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g, (_word, kind: string, text: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}
