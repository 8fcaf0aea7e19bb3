import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { userAggregate } from '../../../src/commands/aggregates';
import { CommandPipeline } from '../../../src/commands/pipeline';
import { newRecoveryCodes, recoveryCodeIndex } from '../../../src/commands/mfa/recoveryCodes';
import { totpCodeAt } from '../../../src/commands/mfa/totpCodes';
import { TotpEnrollment } from '../../../src/commands/mfa/totpEnrollment';
import { TotpSecondFactor } from '../../../src/commands/mfa/totpSecondFactor';
import { sha256Hex } from '../../../src/security/secretHash';
import { WebhookSecretBox } from '../../../src/security/webhookSecrets';

const userId = '77777777-7777-4777-8777-777777777777';
const otherUserId = '66666666-6666-4666-8666-666666666666';
const metadata = { requestId: 'r', correlationId: 'c', causationId: 'r' };
const box = new WebhookSecretBox('test-key');
const slotsOf = (hashes: string[]) => hashes.map((hash) => ({ hash, spent: false }));

/** Every way a code may be typed, and so every plain SHA-256 an unkeyed store could hold. */
const plainDigestsOf = (code: string): string[] => {
  const bare = code.replace('-', '');
  return [code, bare, code.toUpperCase(), bare.toUpperCase()].map(sha256Hex);
};

describe('recovery codes', () => {
  it('makes 10 distinct xxxxx-xxxxx codes stored only as digests, found as typed (any case, dash or spaces)', () => {
    const { codes, hashes } = newRecoveryCodes(box, userId);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(hashes.join()).not.toContain(codes[0]!.slice(0, 5));
    const slots = slotsOf(hashes);
    const [head, tail] = codes[3]!.split('-') as [string, string];
    expect(recoveryCodeIndex(slots, codes[3]!, box, userId)).toBe(3);
    expect(recoveryCodeIndex(slots, `${head}${tail}`.toUpperCase(), box, userId)).toBe(3);
    expect(recoveryCodeIndex(slots, ` ${head.toUpperCase()} ${tail} `, box, userId)).toBe(3);
    expect(recoveryCodeIndex(slots, 'aaaaa-aaaaa', box, userId)).toBeNull();
  });

  it('digests with the server key and the user: no plain SHA-256, another user or key does not match', () => {
    const { codes, hashes } = newRecoveryCodes(box, userId);
    for (const code of codes) for (const plain of plainDigestsOf(code)) expect(hashes).not.toContain(plain);
    const slots = slotsOf(hashes);
    expect(recoveryCodeIndex(slots, codes[0]!, box, otherUserId)).toBeNull();
    expect(recoveryCodeIndex(slots, codes[0]!, new WebhookSecretBox('another-key'), userId)).toBeNull();
  });
});

describe('recovery codes in the event store', () => {
  const STEP_MS = 30_000;
  let now: Date;
  let eventStore: MemoryEventStore;
  let enrollment: TotpEnrollment;
  let secondFactor: TotpSecondFactor;

  beforeEach(async () => {
    now = new Date(Math.floor(Date.UTC(2026, 0, 2, 3, 4, 5) / STEP_MS) * STEP_MS + 10_000);
    eventStore = new MemoryEventStore();
    const pipeline = new CommandPipeline(eventStore, { now: () => now });
    enrollment = new TotpEnrollment(pipeline, box);
    secondFactor = new TotpSecondFactor(pipeline, box);
    await pipeline.execute(
      userAggregate,
      userId,
      { type: 'RegisterUser', userId, username: 'alice', email: 'a@example.com', displayName: 'Alice', passwordHash: 'x' },
      metadata,
    );
  });

  const stored = async () => JSON.stringify((await eventStore.readStream(`user-${userId}`)).map(({ type, data }) => ({ type, data })));

  it('holds neither a code nor its plain SHA-256 after enabling and regenerating, and the codes still work', async () => {
    const { secret } = await enrollment.start(userId, metadata);
    const first = await enrollment.confirm(userId, totpCodeAt(secret, now), metadata);
    now = new Date(now.getTime() + STEP_MS);
    const second = await enrollment.regenerateRecoveryCodes(userId, totpCodeAt(secret, now), metadata);
    const events = await stored();
    expect(events).toContain('MfaEnabled');
    expect(events).toContain('MfaRecoveryCodesRegenerated');
    for (const code of [...first.recoveryCodes, ...second.recoveryCodes]) {
      expect(events).not.toContain(code);
      expect(events).not.toContain(code.replace('-', ''));
      for (const plain of plainDigestsOf(code)) expect(events).not.toContain(plain);
    }
    const [head, tail] = second.recoveryCodes[2]!.split('-') as [string, string];
    await expect(secondFactor.verify(userId, { recoveryCode: `${head} ${tail}` }, null, metadata)).resolves.toBeDefined();
    expect((await enrollment.status(userId)).recoveryCodesRemaining).toBe(9);
  });
});
