import type { OtpChannel } from '../domain/user/userEvents';

/** A message for one person: an email address or an E.164 phone number, by the notifier's channel. */
export interface Notification {
  to: string;
  /** Email's subject line; an SMS gateway ignores it. */
  subject: string;
  text: string;
}

/**
 * Sends messages to people by one channel: SMTP for email, an HTTP gateway for SMS. `send` resolves once
 * the server accepted the message and rejects with NotificationFailed when it refused it or could not be
 * reached; it never retries (a user asks for a new code instead).
 */
export interface Notifier {
  readonly channel: OtpChannel;
  send(notification: Notification): Promise<void>;
}

/** The notifiers the operator configured; a channel left out is not configured. */
export type Notifiers = Partial<Record<OtpChannel, Notifier>>;

export class NotificationFailed extends Error {
  constructor(
    message: string,
    readonly channel: OtpChannel,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'NotificationFailed';
  }
}
