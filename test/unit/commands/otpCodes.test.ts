import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { userAggregate } from '../../../src/commands/aggregates';
import { OneTimeCodes } from '../../../src/commands/otp/otpCodes';
import type { OtpSendLimits } from '../../../src/commands/otp/otpSendLimits';
import { CountedSendLimits } from '../../../src/api/otp/countedSendLimits';
import { LocalRateLimitCounters } from '../../../src/api/http/rateLimit/localRateLimitCounters';
import { CommandPipeline } from '../../../src/commands/pipeline';
import { DomainError, tooManyAttempts } from '../../../src/domain/shared/domainError';
import type { OtpChannel } from '../../../src/domain/user/userEvents';
import type { Notification, Notifier } from '../../../src/ports/notifier';
import { NotificationFailed } from '../../../src/ports/notifier';
import { WebhookSecretBox } from '../../../src/security/webhookSecrets';
import { silentLogger } from '../../support/stores';

const metadata = { requestId: 'r', correlationId: 'c', causationId: 'r' };
const userId = '44444444-4444-4444-8444-444444444444';

/** A notifier that keeps what it was given, or refuses everything once told to. */
class FakeNotifier implements Notifier {
  readonly sent: Notification[] = [];
  refuse = false;
  constructor(readonly channel: OtpChannel) {}
  async send(notification: Notification): Promise<void> {
    if (this.refuse) throw new NotificationFailed('550 mailbox unavailable at mail.internal:25', this.channel);
    this.sent.push(notification);
  }
  lastCode(): string {
    return /code is (\d{6})\./.exec(this.sent.at(-1)!.text)![1]!;
  }
}

async function setup(options: { sms?: boolean; sendLimits?: OtpSendLimits } = {}) {
  const eventStore = new MemoryEventStore();
  let now = new Date('2026-01-02T03:04:05.000Z');
  const pipeline = new CommandPipeline(eventStore, { now: () => now });
  await pipeline.execute(
    userAggregate,
    userId,
    { type: 'RegisterUser', userId, username: 'ann', email: 'Ann@Example.com', displayName: 'Ann', passwordHash: 'x' },
    metadata,
  );
  const email = new FakeNotifier('email');
  const sms = new FakeNotifier('sms');
  const codes = new OneTimeCodes({
    pipeline,
    notifiers: options.sms === false ? { email } : { email, sms },
    digests: new WebhookSecretBox('test-server-key'),
    sendLimits: options.sendLimits ?? { take: async () => undefined },
    logger: silentLogger(),
  });
  const events = async () => (await eventStore.readStream(`user-${userId}`)).map(({ type, data }) => ({ type, data }));
  return { codes, email, sms, events, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe('one-time codes', () => {
  it('emails a six-digit code to the registered address and accepts it once', async () => {
    const { codes, email, events } = await setup();
    const sent = await codes.send(userId, { method: 'email' }, metadata);
    expect(email.sent).toHaveLength(1);
    expect(email.sent[0]).toMatchObject({ to: 'Ann@Example.com', subject: 'Your Filora code' });
    expect(email.sent[0]!.text).toMatch(/^Your Filora code is \d{6}\. It expires in 10 minutes\.$/);
    expect(sent).toMatchObject({ method: 'email', destination: 'A***@Example.com', expiresAt: new Date('2026-01-02T03:14:05.000Z') });

    const code = email.lastCode();
    const stored = JSON.stringify((await events()).filter((event) => event.type === 'OtpCodeSent'));
    expect(stored).not.toContain(code);
    expect(stored.toLowerCase()).not.toContain('ann@example.com');

    await codes.verify(userId, 'email', code, metadata);
    expect((await events()).at(-1)).toMatchObject({
      type: 'UserAuthenticated',
      data: { method: 'email', otpId: sent.otpId, sessionId: null },
    });
    expect(await refusal(codes.verify(userId, 'email', code, metadata))).toMatchObject({ kind: 'unauthorized' });
    expect((await events()).at(-1)).toMatchObject({ type: 'MfaFailed', data: { method: 'email', reason: 'wrong_code' } });
  });

  it('texts the code to the number given, and accepts it only for SMS', async () => {
    const { codes, sms } = await setup();
    const sent = await codes.send(userId, { method: 'sms', phone: '+14155550123' }, metadata);
    expect(sms.sent[0]).toMatchObject({ to: '+14155550123' });
    expect(sent.destination).toBe('+1********23');
    expect(await refusal(codes.verify(userId, 'email', sms.lastCode(), metadata))).toMatchObject({ kind: 'unauthorized' });
    await codes.verify(userId, 'sms', sms.lastCode(), metadata);
  });

  it('refuses an expired code as expired', async () => {
    const { codes, email, events, advance } = await setup();
    await codes.send(userId, { method: 'email' }, metadata);
    advance(10 * 60_000);
    const refused = await refusal(codes.verify(userId, 'email', email.lastCode(), metadata));
    expect(refused).toMatchObject({ kind: 'unauthorized', message: expect.stringMatching(/expired/) });
    expect((await events()).at(-1)).toMatchObject({ type: 'MfaFailed', data: { reason: 'expired_code' } });
  });

  it('names the settings of a channel the operator did not configure', async () => {
    const { codes, events } = await setup({ sms: false });
    const refused = await refusal(codes.send(userId, { method: 'sms', phone: '+14155550123' }, metadata));
    expect(refused).toMatchObject({ kind: 'invalid', field: 'method', message: expect.stringContaining('FILORA_SMS_URL') });
    expect(await events()).toHaveLength(1);
  });

  it('asks for a phone number in E.164 form for SMS', async () => {
    const { codes } = await setup();
    expect(await refusal(codes.send(userId, { method: 'sms' }, metadata))).toMatchObject({ kind: 'invalid', field: 'phone' });
    expect(await refusal(codes.send(userId, { method: 'sms', phone: '0155550123' }, metadata))).toMatchObject({ field: 'phone' });
  });

  it('leaves no code behind when the server refuses the message, and does not pass on its reply', async () => {
    const { codes, email, events } = await setup();
    email.refuse = true;
    const refused = await refusal(codes.send(userId, { method: 'email' }, metadata));
    expect(refused.kind).toBe('unavailable');
    expect(refused.message).not.toContain('mail.internal');
    expect((await events()).map((event) => event.type)).toEqual(['UserRegistered']);
  });

  it('sends nothing past the send limits', async () => {
    const sendLimits = { take: jest.fn(async () => Promise.reject(tooManyAttempts('too many', new Date()))) };
    const { codes, email, events } = await setup({ sendLimits });
    expect(await refusal(codes.send(userId, { method: 'email' }, metadata))).toMatchObject({ kind: 'too_many_attempts' });
    expect(sendLimits.take).toHaveBeenCalledWith({ userId, destinationHash: expect.stringMatching(/^[0-9a-f]{64}$/) }, expect.any(Date));
    expect(email.sent).toHaveLength(0);
    expect(await events()).toHaveLength(1);
  });

  it('delivers at most 5 of 20 codes asked for at once, and a code for every message', async () => {
    const sendLimits = new CountedSendLimits(new LocalRateLimitCounters());
    const { codes, sms, events } = await setup({ sendLimits });
    const phones = Array.from({ length: 20 }, (_, i) => `+141555501${String(i).padStart(2, '0')}`);
    const outcomes = await Promise.allSettled(phones.map((phone) => codes.send(userId, { method: 'sms', phone }, metadata)));
    const sent = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(sent).toHaveLength(5);
    expect(sms.sent).toHaveLength(5);
    expect((await events()).filter((event) => event.type === 'OtpCodeSent')).toHaveLength(5);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ kind: 'too_many_attempts' });
    }
  });

  it('counts the same address for every user under one keyed hash, and another address under another', async () => {
    const hashes: string[] = [];
    const { codes } = await setup({ sendLimits: { take: async ({ destinationHash }) => void hashes.push(destinationHash) } });
    await codes.send(userId, { method: 'sms', phone: '+14155550123' }, metadata);
    await codes.send(userId, { method: 'sms', phone: '+14155550123' }, metadata);
    await codes.send(userId, { method: 'sms', phone: '+14155550124' }, metadata);
    expect(hashes[0]).toBe(hashes[1]);
    expect(hashes[2]).not.toBe(hashes[0]);
    expect(hashes[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sends 5 codes per 15 minutes and then refuses until the first leaves the window', async () => {
    const { codes, email, advance } = await setup();
    for (let i = 0; i < 5; i++) await codes.send(userId, { method: 'email' }, metadata);
    const refused = await refusal(codes.send(userId, { method: 'email' }, metadata));
    expect(refused).toMatchObject({ kind: 'too_many_attempts', retryAt: new Date('2026-01-02T03:19:05.000Z') });
    expect(email.sent).toHaveLength(5);
    advance(15 * 60_000);
    await codes.send(userId, { method: 'email' }, metadata);
  });

  it('locks after 5 wrong codes: even the right one is refused with 429 until the lock ends', async () => {
    const { codes, email, advance } = await setup();
    await codes.send(userId, { method: 'email' }, metadata);
    const wrong = email.lastCode() === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++)
      expect(await refusal(codes.verify(userId, 'email', wrong, metadata))).toMatchObject({ kind: 'unauthorized' });
    const locked = await refusal(codes.verify(userId, 'email', email.lastCode(), metadata));
    expect(locked).toMatchObject({ kind: 'too_many_attempts', retryAt: new Date('2026-01-02T03:09:05.000Z') });
    advance(5 * 60_000);
    await codes.verify(userId, 'email', email.lastCode(), metadata);
  });
});
