import { randomUUID } from 'node:crypto';
import { PUBLIC_EVENT_NAMES } from '../../../src/domain/publicEvents';
import type { EventToAppend, Position } from '../../../src/ports/eventStore';
import { AccessHistoryAudience } from '../../../src/sync/feedAudience';
import { LogFeedReader } from '../../../src/sync/logFeedReader';
import type { HorizonWatch } from '../../../src/sync/feedTypes';
import { openStores } from '../../support/stores';

/** The user stream's events of a login with a second factor, as M1's and M2's commands append them. */
function secondFactorEvents(userId: string): EventToAppend[] {
  const event = (type: string, data: Record<string, unknown>): EventToAppend => ({
    id: randomUUID(),
    type,
    data: { userId, ...data },
    metadata: { actor: userId },
  });
  const at = '2026-12-01T02:00:00.000Z';
  return [
    event('UserRegistered', {
      username: `u${userId.slice(0, 8)}`,
      email: `${userId}@example.test`,
      displayName: 'U',
      passwordHash: 'scrypt$x',
    }),
    event('MfaEnrollmentStarted', { method: 'totp', encryptedSecret: 'sealed' }),
    event('MfaEnabled', { method: 'totp', recoveryCodeHashes: ['h1', 'h2'] }),
    event('MfaFailed', { method: 'totp', reason: 'wrong_code', failedAt: at }),
    event('UserAuthenticated', { method: 'totp', sessionId: randomUUID(), totpStep: 59_000_000, recoveryCodeIndex: null, otpId: null }),
    event('OtpCodeSent', {
      otpId: randomUUID(),
      method: 'email',
      destination: 'u***@example.test',
      destinationHash: 'keyed-destination',
      codeHash: 'keyed-code',
      sentAt: at,
      expiresAt: at,
    }),
    event('UserAuthenticated', { method: 'email', sessionId: null, totpStep: null, recoveryCodeIndex: null, otpId: randomUUID() }),
    event('MfaRecoveryCodesRegenerated', { recoveryCodeHashes: ['h3'] }),
    event('MfaDisabled', { method: 'totp' }),
  ];
}

describe('second-factor events in the sync feed and realtime audience', () => {
  let stores: Awaited<ReturnType<typeof openStores>>;
  let reader: LogFeedReader;
  let audience: AccessHistoryAudience;
  const [alice, bob] = [randomUUID(), randomUUID()];

  beforeEach(async () => {
    stores = await openStores();
    for (const userId of [alice, bob])
      await stores.eventStore.append(`user-${userId}`, secondFactorEvents(userId), { expectedRevision: 'no_stream' });
    const horizon: HorizonWatch = {
      current: async (): Promise<Position | null> =>
        (await stores.eventStore.readAll({ after: null, limit: 1000 })).at(-1)?.position ?? null,
      onAdvance: () => () => undefined,
    };
    audience = new AccessHistoryAudience(stores.readStore);
    reader = new LogFeedReader(stores.eventStore, horizon, audience);
  });

  afterEach(() => stores.close());

  it('shows the user their user.authenticated and user.mfa_failed, like user.registered, and none of the internal MFA events', async () => {
    const page = await reader.page(alice, null, 100);
    expect(page.items.map((item) => item.type)).toEqual(['user.registered', 'user.mfa_failed', 'user.authenticated', 'user.authenticated']);
    expect(page.items.every((item) => item.user_id === alice)).toBe(true);
    expect(page.items[1]?.payload).toEqual({ userId: alice, method: 'totp', reason: 'wrong_code', failedAt: '2026-12-01T02:00:00.000Z' });
    expect(page.items[2]?.payload).toMatchObject({ userId: alice, method: 'totp' });
  });

  it('never shows another user their login events', async () => {
    const page = await reader.page(bob, null, 100);
    expect(page.items).toHaveLength(4);
    expect(page.items.every((item) => item.payload.userId === bob)).toBe(true);
  });

  it('names only the user as the realtime audience of each public second-factor event', async () => {
    const events = await stores.eventStore.readAll({ after: null, limit: 1000 });
    const reached = await audience.of(events);
    const shown = events.filter((event) => event.type === 'UserAuthenticated' || event.type === 'MfaFailed');
    expect(shown).toHaveLength(6);
    for (const event of shown) expect([...(reached.get(event.id) ?? [])]).toEqual([event.data.userId]);
  });

  it('publishes no stored secret or hash of the user stream', async () => {
    const page = await reader.page(alice, null, 100);
    const published = JSON.stringify(page.items);
    for (const secret of ['scrypt$x', 'sealed', 'keyed-code', 'keyed-destination', '"h1"', '"h3"']) expect(published).not.toContain(secret);
    expect(PUBLIC_EVENT_NAMES.OtpCodeSent).toBeUndefined();
  });
});
