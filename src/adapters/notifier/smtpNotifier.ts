import type { Transporter } from 'nodemailer';
import { createTransport } from 'nodemailer';
import type { Notification, Notifier } from '../../ports/notifier';
import { NotificationFailed } from '../../ports/notifier';
import { failureReason } from './failureReason';

export interface SmtpNotifierOptions {
  /** smtp://user:pass@host:port (STARTTLS when offered) or smtps://… (TLS from the start). */
  url: string;
  /** The From header, e.g. `Filora <no-reply@example.com>`. */
  from: string;
  /** Bound on connecting, on the server's greeting and on each wait for the server; 10 s unless set. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Email by SMTP (nodemailer), over a small pool of connections kept open between messages. */
export class SmtpNotifier implements Notifier {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;
  private readonly secrets: string[];

  constructor(private readonly options: SmtpNotifierOptions) {
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.transport = createTransport({
      url: options.url,
      pool: true,
      maxConnections: 2,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      // Messages are plain text: nothing in one may make nodemailer read a file or fetch a URL.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    this.secrets = passwordOf(options.url);
  }

  async send(notification: Notification): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.options.from,
        to: notification.to,
        subject: notification.subject,
        text: notification.text,
      });
    } catch (error) {
      throw new NotificationFailed(`email could not be sent: ${failureReason(error, this.secrets)}`, 'email');
    }
  }

  /** Closes the pooled connections; messages still being sent fail. */
  async close(): Promise<void> {
    this.transport.close();
  }
}

/** The URL's password, as written and decoded, so that neither form can reach an error message. */
function passwordOf(url: string): string[] {
  if (!URL.canParse(url)) return [];
  const { password } = new URL(url);
  return [password, safeDecode(password)];
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
