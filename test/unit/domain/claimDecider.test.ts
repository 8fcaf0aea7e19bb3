import { ABANDONED_CLAIM_AFTER_MS, claimDecider } from '../../../src/domain/claim/claimDecider';
import type { ClaimEvent } from '../../../src/domain/claim/claimEvents';
import { FIXED_NOW, given } from '../../support/givenWhenThen';

const alice = '11111111-1111-4111-8111-111111111111';
const bob = '22222222-2222-4222-8222-222222222222';
const claimed = (ownerId: string, claimedAt: Date): ClaimEvent => ({
  type: 'NameClaimed',
  data: { kind: 'username', value: 'alice', ownerId, claimedAt: claimedAt.toISOString() },
});
const claim = (holderId: string, currentHolderUsesIt: boolean) => ({
  type: 'Claim' as const,
  kind: 'username' as const,
  value: 'alice',
  holderId,
  currentHolderUsesIt,
});
const longAgo = new Date(FIXED_NOW.getTime() - ABANDONED_CLAIM_AFTER_MS - 1);

describe('claim decider', () => {
  it('claims a free value', () => {
    given(claimDecider, [])
      .when(claim(alice, false))
      .then([claimed(alice, FIXED_NOW)]);
  });

  it("records the holder's claim again, so a release prepared against the older claim fails its revision check", () => {
    given(claimDecider, [claimed(alice, FIXED_NOW)])
      .when(claim(alice, true))
      .then([claimed(alice, FIXED_NOW)]);
    given(claimDecider, [claimed(alice, longAgo)])
      .when(claim(alice, false))
      .then([claimed(alice, FIXED_NOW)]);
  });

  it('refuses a value another owner uses', () => {
    given(claimDecider, [claimed(alice, longAgo)])
      .when(claim(bob, true))
      .thenFails('conflict', /already taken/);
  });

  it('refuses a fresh claim even if its owner does not use it yet (registration in progress)', () => {
    given(claimDecider, [claimed(alice, FIXED_NOW)])
      .when(claim(bob, false))
      .thenFails('conflict');
  });

  it('lets another owner take over an abandoned claim', () => {
    given(claimDecider, [claimed(alice, longAgo)])
      .when(claim(bob, false))
      .then([claimed(bob, FIXED_NOW)]);
  });

  it('frees a released value', () => {
    const released: ClaimEvent = { type: 'NameReleased', data: { kind: 'username', value: 'alice', ownerId: alice } };
    given(claimDecider, [claimed(alice, FIXED_NOW), released])
      .when(claim(bob, false))
      .then([claimed(bob, FIXED_NOW)]);
  });

  it('releases only for the owner', () => {
    given(claimDecider, [claimed(alice, FIXED_NOW)])
      .when({ type: 'Release', kind: 'username', value: 'alice', holderId: bob })
      .then([]);
    given(claimDecider, [claimed(alice, FIXED_NOW)])
      .when({ type: 'Release', kind: 'username', value: 'alice', holderId: alice })
      .then([{ type: 'NameReleased', data: { kind: 'username', value: 'alice', ownerId: alice } }]);
  });
});
