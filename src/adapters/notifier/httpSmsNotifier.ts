import type { Notification, Notifier } from '../../ports/notifier';
import { NotificationFailed } from '../../ports/notifier';
import { failureReason, isErrorLike } from './failureReason';

export interface HttpSmsNotifierOptions {
  /** The gateway's messages endpoint, e.g. https://api.twilio.com/2010-04-01/Accounts/<sid>/Messages.json */
  url: string;
  /** HTTP basic auth: the account (SID) and its token. */
  account: string;
  token: string;
  /** The sender number or name (`From`). */
  from: string;
  /** Bound on the whole request, answer included; 10 s unless set. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** SMS through a Twilio-style HTTP gateway: a form POST of To, From and Body with basic auth; any 2xx is accepted. */
export class HttpSmsNotifier implements Notifier {
  readonly channel = 'sms' as const;
  private readonly authorization: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpSmsNotifierOptions) {
    this.authorization = `Basic ${Buffer.from(`${options.account}:${options.token}`).toString('base64')}`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async send(notification: Notification): Promise<void> {
    const status = await this.post(new URLSearchParams({ To: notification.to, From: this.options.from, Body: notification.text }));
    if (status >= 200 && status <= 299) return;
    const hint = status === 401 || status === 403 ? ' (check FILORA_SMS_ACCOUNT and FILORA_SMS_TOKEN)' : '';
    throw new NotificationFailed(`sms could not be sent: the gateway answered HTTP ${status}${hint}`, 'sms');
  }

  /** Holds nothing between messages. */
  async close(): Promise<void> {}

  private async post(form: URLSearchParams): Promise<number> {
    try {
      const response = await fetch(this.options.url, {
        method: 'POST',
        headers: { authorization: this.authorization, accept: 'application/json' },
        body: form,
        // A redirect is an answer to report, not to follow with the credentials.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await response.body?.cancel();
      return response.status;
    } catch (error) {
      throw new NotificationFailed(`sms could not be sent: ${this.describe(error)}`, 'sms');
    }
  }

  private describe(error: unknown): string {
    if (isErrorLike(error) && error.name === 'TimeoutError') return `the gateway did not answer within ${this.timeoutMs} ms`;
    // fetch reports a refused or dropped connection as "fetch failed" with the reason in its cause.
    const cause = isErrorLike(error) && error.cause !== undefined ? error.cause : error;
    return `the gateway could not be reached (${failureReason(cause, [this.options.token])})`;
  }
}
