import type { ClaimCommand, ClaimState } from '../domain/claim/claimDecider';
import { claimDecider } from '../domain/claim/claimDecider';
import type { ClaimEvent } from '../domain/claim/claimEvents';
import { claimEvent } from '../domain/claim/claimEvents';
import type { SessionCommand, SessionState } from '../domain/session/sessionDecider';
import { sessionDecider } from '../domain/session/sessionDecider';
import type { SessionEvent } from '../domain/session/sessionEvents';
import { sessionEvent } from '../domain/session/sessionEvents';
import type { UserCommand, UserState } from '../domain/user/userDecider';
import { userDecider } from '../domain/user/userDecider';
import type { UserEvent } from '../domain/user/userEvents';
import { userEvent } from '../domain/user/userEvents';
import type { Aggregate } from './pipeline';

export const userAggregate: Aggregate<UserCommand, UserEvent, UserState> = { category: 'user', eventSchema: userEvent, decider: userDecider };
export const claimAggregate: Aggregate<ClaimCommand, ClaimEvent, ClaimState> = { category: 'claim', eventSchema: claimEvent, decider: claimDecider };
export const sessionAggregate: Aggregate<SessionCommand, SessionEvent, SessionState> = { category: 'session', eventSchema: sessionEvent, decider: sessionDecider };
