import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { userAggregate } from '../../../src/commands/aggregates';
import { CommandPipeline } from '../../../src/commands/pipeline';
import { matchingStep, newTotpSecret, totpCodeAt, totpUri } from '../../../src/commands/mfa/totpCodes';
import { TotpEnrollment } from '../../../src/commands/mfa/totpEnrollment';
import { TotpSecondFactor } from '../../../src/commands/mfa/totpSecondFactor';
import { WebhookSecretBox } from '../../../src/security/webhookSecrets';

const userId = '77777777-7777-4777-8777-777777777777';
const metadata = { requestId: 'r', correlationId: 'c', causationId: 'r' };
const STEP_MS = 30_000;
const T0 = new Date(Math.floor(Date.UTC(2026, 0, 2, 3, 4, 5) / STEP_MS) * STEP_MS + 10_000);
const stepOf = (at: Date) => Math.floor(at.getTime() / STEP_MS);

describe('TOTP codes (RFC 6238)', () => {
  it('matches a code of now and of one step either side, giving its step, and nothing further', () => {
    const secret = newTotpSecret();
    expect(matchingStep(secret, totpCodeAt(secret, T0), T0)).toBe(stepOf(T0));
    expect(matchingStep(secret, totpCodeAt(secret, new Date(T0.getTime() - STEP_MS)), T0)).toBe(stepOf(T0) - 1);
    expect(matchingStep(secret, totpCodeAt(secret, new Date(T0.getTime() + STEP_MS)), T0)).toBe(stepOf(T0) + 1);
    expect(matchingStep(secret, totpCodeAt(secret, new Date(T0.getTime() - 2 * STEP_MS)), T0)).toBeNull();
    expect(matchingStep(secret, totpCodeAt(secret, new Date(T0.getTime() + 2 * STEP_MS)), T0)).toBeNull();
  });

  it('names the issuer Filora and the username in the otpauth URI', () => {
    const uri = totpUri('JBSWY3DPEHPK3PXP', 'alice');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Filora:alice\?/);
    expect(new URL(uri).searchParams.get('issuer')).toBe('Filora');
    expect(new URL(uri).searchParams.get('secret')).toBe('JBSWY3DPEHPK3PXP');
  });
});

describe('TOTP enrollment and second factor through the pipeline', () => {
  let now: Date;
  let pipeline: CommandPipeline;
  let enrollment: TotpEnrollment;
  let secondFactor: TotpSecondFactor;
  let eventStore: MemoryEventStore;
  const box = new WebhookSecretBox('test-key');

  beforeEach(async () => {
    now = T0;
    eventStore = new MemoryEventStore();
    pipeline = new CommandPipeline(eventStore, { now: () => now });
    enrollment = new TotpEnrollment(pipeline, box);
    secondFactor = new TotpSecondFactor(pipeline, box);
    await pipeline.execute(
      userAggregate,
      userId,
      { type: 'RegisterUser', userId, username: 'alice', email: 'a@example.com', displayName: 'Alice', passwordHash: 'x' },
      metadata,
    );
  });

  const enrolled = async () => {
    const { secret } = await enrollment.start(userId, metadata);
    const { recoveryCodes } = await enrollment.confirm(userId, totpCodeAt(secret, now), metadata);
    now = new Date(now.getTime() + STEP_MS);
    return { secret, recoveryCodes };
  };
  const types = async () => (await eventStore.readStream(`user-${userId}`)).map((event) => event.type);

  it('stores the secret sealed, never in clear', async () => {
    const { secret } = await enrollment.start(userId, metadata);
    const stored = JSON.stringify((await eventStore.readStream(`user-${userId}`)).map((event) => event.data));
    expect(stored).not.toContain(secret);
    expect(await enrollment.status(userId)).toEqual({ enabled: false, pending: true, recoveryCodesRemaining: 0 });
  });

  it('refuses a wrong confirmation code with a recorded failure, then enables with the right one', async () => {
    const { secret } = await enrollment.start(userId, metadata);
    await expect(enrollment.confirm(userId, '000000', metadata)).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(await types()).toContain('MfaFailed');
    const { recoveryCodes } = await enrollment.confirm(userId, totpCodeAt(secret, now), metadata);
    expect(recoveryCodes).toHaveLength(10);
    expect(await enrollment.status(userId)).toEqual({ enabled: true, pending: false, recoveryCodesRemaining: 10 });
  });

  it('accepts a login code once: the same code again is a replay, recorded', async () => {
    const { secret } = await enrolled();
    const code = totpCodeAt(secret, now);
    await secondFactor.verify(userId, { code }, '88888888-8888-4888-8888-888888888888', metadata);
    await expect(secondFactor.verify(userId, { code }, null, metadata)).rejects.toMatchObject({
      kind: 'unauthorized',
      message: expect.stringMatching(/already used/),
    });
    const events = await eventStore.readStream(`user-${userId}`);
    expect(events.at(-1)).toMatchObject({ type: 'MfaFailed', data: { reason: 'replayed_code', method: 'totp' } });
  });

  it('accepts a recovery code once', async () => {
    const { recoveryCodes } = await enrolled();
    await secondFactor.verify(userId, { recoveryCode: recoveryCodes[0]! }, null, metadata);
    await expect(secondFactor.verify(userId, { recoveryCode: recoveryCodes[0]! }, null, metadata)).rejects.toMatchObject({
      kind: 'unauthorized',
    });
    expect((await enrollment.status(userId)).recoveryCodesRemaining).toBe(9);
  });

  it('locks after 5 wrong codes for 5 minutes, even for the right code, and lets it through after', async () => {
    const { secret } = await enrolled();
    for (let i = 0; i < 5; i++) {
      await expect(secondFactor.verify(userId, { code: '000000' }, null, metadata)).rejects.toMatchObject({ kind: 'unauthorized' });
    }
    const lockedAt = now;
    await expect(secondFactor.verify(userId, { code: totpCodeAt(secret, now) }, null, metadata)).rejects.toMatchObject({
      kind: 'too_many_attempts',
      retryAt: new Date(lockedAt.getTime() + 5 * 60_000),
    });
    now = new Date(lockedAt.getTime() + 5 * 60_000);
    await expect(secondFactor.verify(userId, { code: totpCodeAt(secret, now) }, null, metadata)).resolves.toBeDefined();
  });

  it('disables with a recovery code and regenerates codes with a TOTP code, old codes then refused', async () => {
    const { secret, recoveryCodes } = await enrolled();
    const fresh = await enrollment.regenerateRecoveryCodes(userId, totpCodeAt(secret, now), metadata);
    await expect(secondFactor.verify(userId, { recoveryCode: recoveryCodes[1]! }, null, metadata)).rejects.toMatchObject({
      kind: 'unauthorized',
    });
    await enrollment.disable(userId, { recoveryCode: fresh.recoveryCodes[0]! }, metadata);
    expect(await enrollment.status(userId)).toEqual({ enabled: false, pending: false, recoveryCodesRemaining: 0 });
    await expect(enrollment.disable(userId, { code: totpCodeAt(secret, now) }, metadata)).rejects.toMatchObject({ kind: 'conflict' });
  });
});
