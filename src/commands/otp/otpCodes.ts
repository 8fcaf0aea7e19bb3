import { randomInt, randomUUID } from 'node:crypto';
import { constantTimeEqual } from '../../domain/shared/constantTimeEqual';
import { DomainError, notFound, tooManyAttempts, unauthorized, unavailable } from '../../domain/shared/domainError';
import { maskedDestination } from '../../domain/user/otp/maskedDestination';
import type { SentCode } from '../../domain/user/otp/otpDecider';
import { nextSendAt, otpCheckOf, sendLimitMessage } from '../../domain/user/otp/otpDecider';
import { E164_PHONE } from '../../domain/user/otp/otpRules';
import type { OtpChannel } from '../../domain/user/userEvents';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import type { Notification, Notifier, Notifiers } from '../../ports/notifier';
import { NotificationFailed } from '../../ports/notifier';
import type { WebhookSecretBox } from '../../security/webhookSecrets';
import type { OtpCodes, SentOtp } from '../mfa/secondFactorPorts';
import type { CommandPipeline } from '../pipeline';
import { otpAggregate } from './otpAggregate';
import { otpMessage } from './otpMessage';
import type { OtpSendLimits } from './otpSendLimits';

/** What the operator sets to send codes by each channel (src/config.ts). */
const CONFIGURE_HINTS: Record<OtpChannel, string> = {
  email: 'codes by email are not configured on this server: the operator sets FILORA_SMTP_URL (and FILORA_MAIL_FROM)',
  sms: 'codes by SMS are not configured on this server: the operator sets FILORA_SMS_URL, FILORA_SMS_ACCOUNT, FILORA_SMS_TOKEN and FILORA_SMS_FROM',
};

const CHANNEL_NAMES: Record<OtpChannel, string> = { email: 'email', sms: 'SMS' };

export interface OneTimeCodesDependencies {
  pipeline: CommandPipeline;
  notifiers: Notifiers;
  /** Codes and destinations are stored as HMACs under a key derived from the server key. */
  digests: Pick<WebhookSecretBox, 'keyedDigest'>;
  /** Taken before a message goes out: the user's events alone would let concurrent sends all deliver. */
  sendLimits: OtpSendLimits;
  /** Why a message could not be sent goes to the log, not to the caller (it may name the mail server). */
  logger: Logger;
}

/** A six-digit code, every value equally likely. */
const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * Six-digit codes sent by email or SMS. A code is sent before OtpCodeSent is appended: a message the
 * server refused leaves no usable code behind, and a code appended but never delivered cannot happen. The
 * price, a code delivered whose append then fails (a crash), is a message that does not work: the user
 * asks for another. Concurrent sends are bounded before delivery by the send limits' counters, which keep
 * a slot once taken (a message that timed out may still have gone out).
 */
export class OneTimeCodes implements OtpCodes {
  constructor(private readonly deps: OneTimeCodesDependencies) {}

  async send(userId: string, input: { method: OtpChannel; phone?: string }, metadata: EventMetadata): Promise<SentOtp> {
    const notifier = this.notifierOf(input.method);
    const user = await this.deps.pipeline.load(otpAggregate, userId);
    if (!user.exists) throw notFound('user not found');
    const now = this.deps.pipeline.currentTime();
    const retryAt = nextSendAt(user.state, now);
    if (retryAt !== null) throw tooManyAttempts(sendLimitMessage, retryAt);

    const destination = input.method === 'email' ? user.state.email : requirePhone(input.phone);
    // Addresses differing in case reach one mailbox almost everywhere: they count as one destination.
    const destinationHash = this.deps.digests.keyedDigest(`otp-destination:${input.method}:${destination.toLowerCase()}`);
    await this.deps.sendLimits.take({ userId, destinationHash }, now);

    const otpId = randomUUID();
    const code = newCode();
    await this.deliver(notifier, otpMessage(destination, code));
    const masked = maskedDestination(input.method, destination);
    const command = {
      type: 'SendOtp' as const,
      otpId,
      method: input.method,
      destination: masked,
      destinationHash,
      codeHash: this.codeHash(otpId, code),
    };
    const result = await this.deps.pipeline.execute(otpAggregate, userId, command, { ...metadata, actor: userId });
    const sent = result.state.codes.find((candidate) => candidate.otpId === otpId)!;
    return { otpId, method: input.method, destination: masked, expiresAt: sent.expiresAt, position: result.position! };
  }

  async verify(userId: string, method: OtpChannel, code: string, metadata: EventMetadata): Promise<Position> {
    const matches = (sent: SentCode) => constantTimeEqual(sent.codeHash, this.codeHash(sent.otpId, code));
    const result = await this.deps.pipeline.execute(
      otpAggregate,
      userId,
      async ({ state }) => otpCheckOf(state, method, matches, this.deps.pipeline.currentTime()),
      { ...metadata, actor: userId },
    );
    const failure = result.events.find((event) => event.type === 'MfaFailed');
    if (failure?.type === 'MfaFailed') {
      throw unauthorized(failure.data.reason === 'expired_code' ? 'the code has expired; ask for a new one' : 'the code is not valid');
    }
    return result.position!;
  }

  private notifierOf(method: OtpChannel): Notifier {
    const notifier = this.deps.notifiers[method];
    if (!notifier) throw new DomainError('invalid', CONFIGURE_HINTS[method], 'method');
    return notifier;
  }

  private async deliver(notifier: Notifier, notification: Notification): Promise<void> {
    try {
      await notifier.send(notification);
    } catch (error) {
      if (!(error instanceof NotificationFailed)) throw error;
      this.deps.logger.warn('a one-time code could not be sent', { channel: notifier.channel, error: error.message });
      throw unavailable(
        `the ${CHANNEL_NAMES[notifier.channel]} server did not take the message; no code was issued, ask for a new one later`,
      );
    }
  }

  /** Bound to its code's id: the same six digits sent twice are stored as two unrelated hashes. */
  private codeHash(otpId: string, code: string): string {
    return this.deps.digests.keyedDigest(`otp-code:${otpId}:${code}`);
  }
}

function requirePhone(phone: string | undefined): string {
  if (phone === undefined || !E164_PHONE.test(phone)) {
    throw new DomainError('invalid', 'an SMS code needs a phone number in E.164 form, such as +14155550123', 'phone');
  }
  return phone;
}
