import type { Decider } from '../shared/decider';
import { conflict } from '../shared/domainError';
import type { ClaimEvent, ClaimKind } from './claimEvents';

export interface ClaimState {
  ownerId: string | null;
  claimedAt: Date | null;
}

/**
 * A claim whose owner does not use the value (its registration or rename crashed half-way) is
 * abandoned; another owner may take it over once it is older than this, far longer than any
 * registration or rename takes, so a claim whose owner is still mid-way is never taken.
 */
export const ABANDONED_CLAIM_AFTER_MS = 60_000;

export type ClaimCommand =
  | { type: 'Claim'; kind: ClaimKind; value: string; ownerId: string; currentOwnerUsesIt: boolean }
  | { type: 'Release'; kind: ClaimKind; value: string; ownerId: string };

/** A holder's own claim older than this is claimed afresh, so that it cannot count as abandoned mid-write. */
const REFRESH_CLAIM_AFTER_MS = ABANDONED_CLAIM_AFTER_MS / 2;

const isStale = (state: ClaimState, now: Date) =>
  state.claimedAt !== null && now.getTime() - state.claimedAt.getTime() > REFRESH_CLAIM_AFTER_MS;

function evolve(state: ClaimState, event: ClaimEvent): ClaimState {
  if (event.type === 'NameClaimed') return { ownerId: event.data.ownerId, claimedAt: new Date(event.data.claimedAt) };
  return event.data.ownerId === state.ownerId ? { ownerId: null, claimedAt: null } : state;
}

export const claimDecider: Decider<ClaimCommand, ClaimEvent, ClaimState> = {
  initialState: { ownerId: null, claimedAt: null },
  evolve,
  decide(command, state, { now }) {
    const { kind, value, ownerId } = command;
    if (command.type === 'Release') {
      return state.ownerId === ownerId ? [{ type: 'NameReleased', data: { kind, value, ownerId } }] : [];
    }
    const claimed: ClaimEvent[] = [{ type: 'NameClaimed', data: { kind, value, ownerId, claimedAt: now.toISOString() } }];
    // The holder claiming again refreshes a claim old enough to be taken over while its write is under way.
    if (state.ownerId === ownerId) return isStale(state, now) ? claimed : [];
    if (state.ownerId !== null) {
      const abandoned =
        !command.currentOwnerUsesIt && state.claimedAt !== null && now.getTime() - state.claimedAt.getTime() > ABANDONED_CLAIM_AFTER_MS;
      if (!abandoned) throw conflict(`${kind} is already taken`, kind);
    }
    return claimed;
  },
};
