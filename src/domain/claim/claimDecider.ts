import type { Decider } from '../shared/decider';
import { conflict } from '../shared/domainError';
import type { ClaimEvent, ClaimKind } from './claimEvents';

/** Who holds the value now (events call the holder `ownerId`). */
export interface ClaimState {
  holderId: string | null;
  claimedAt: Date | null;
}

/**
 * A claim whose holder does not use the value (its registration or rename crashed half-way) is
 * abandoned; another holder may take it over once it is older than this, far longer than any
 * registration or rename takes, so a claim whose holder is still mid-way is never taken.
 */
export const ABANDONED_CLAIM_AFTER_MS = 60_000;

/**
 * `Release` with `holderId` gives the value up if that holder has it. A release that must not undo a
 * newer claim by the same holder (a rename back to the name being released) is appended at the claim
 * stream's revision it read before; any claim since, even by the same holder, makes it fail.
 */
export type ClaimCommand =
  | { type: 'Claim'; kind: ClaimKind; value: string; holderId: string; currentHolderUsesIt: boolean }
  | { type: 'Release'; kind: ClaimKind; value: string; holderId: string };

function evolve(state: ClaimState, event: ClaimEvent): ClaimState {
  if (event.type === 'NameClaimed') return { holderId: event.data.ownerId, claimedAt: new Date(event.data.claimedAt) };
  const releasedBy = event.data.ownerId;
  return releasedBy === state.holderId ? { holderId: null, claimedAt: null } : state;
}

const isAbandoned = (state: ClaimState, now: Date) =>
  state.claimedAt !== null && now.getTime() - state.claimedAt.getTime() > ABANDONED_CLAIM_AFTER_MS;

export const claimDecider: Decider<ClaimCommand, ClaimEvent, ClaimState> = {
  initialState: { holderId: null, claimedAt: null },
  evolve,
  decide(command, state, { now }) {
    const { kind, value, holderId } = command;
    if (command.type === 'Release') {
      return state.holderId === holderId ? [{ type: 'NameReleased', data: { kind, value, ownerId: holderId } }] : [];
    }
    // The holder claiming again records it too: that keeps its claim fresh, and moves the stream past any release
    // prepared against the older claim.
    const taken = state.holderId !== null && state.holderId !== holderId;
    if (taken && (command.currentHolderUsesIt || !isAbandoned(state, now))) throw conflict(`${kind} is already taken`, kind);
    return [{ type: 'NameClaimed', data: { kind, value, ownerId: holderId, claimedAt: now.toISOString() } }];
  },
};
