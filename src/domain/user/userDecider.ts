import type { Decider } from '../shared/decider';
import { conflict, DomainError, notFound } from '../shared/domainError';
import { passwordLogin } from './mfa/passwordLogin';
import type { PlanName } from './plans';
import type { Role } from './roles';
import type { UserEvent } from './userEvents';

export interface UserState {
  exists: boolean;
  userId: string | null;
  username: string;
  email: string;
  displayName: string;
  passwordHash: string;
  /** Counts password changes: sessions started under an older version end at their next refresh. */
  credentialsVersion: number;
  /** null until an operator sets one: the default plan applies. */
  plan: PlanName | null;
  /** Roles an operator granted and has not revoked, in the order granted. */
  roles: readonly Role[];
}

/** A user as commands may hand it outward: everything but the password hash. */
export type UserProfile = Omit<UserState, 'passwordHash'>;

export function profileOf({ passwordHash: _secret, ...profile }: UserState): UserProfile {
  return profile;
}

/** Commands carry facts the handler gathered outside the domain (hashes, claim outcomes). */
export type UserCommand =
  | { type: 'RegisterUser'; userId: string; username: string; email: string; displayName: string; passwordHash: string }
  | { type: 'RecordLogin'; sessionId: string }
  | { type: 'ChangeProfile'; displayName?: string; username?: string; email?: string; passwordHash?: string }
  | { type: 'ChangePlan'; plan: PlanName }
  | { type: 'GrantRole'; role: Role }
  | { type: 'RevokeRole'; role: Role };

const initialState: UserState = {
  exists: false,
  userId: null,
  username: '',
  email: '',
  displayName: '',
  passwordHash: '',
  credentialsVersion: 0,
  plan: null,
  roles: [],
};

function evolve(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserRegistered': {
      const { userId, username, email, displayName, passwordHash } = event.data;
      return { exists: true, userId, username, email, displayName, passwordHash, credentialsVersion: 0, plan: null, roles: [] };
    }
    case 'UserLoggedIn':
      return state;
    case 'UserProfileChanged':
      return { ...state, displayName: event.data.displayName };
    case 'UsernameChanged':
      return { ...state, username: event.data.username };
    case 'EmailChanged':
      return { ...state, email: event.data.email };
    case 'PasswordChanged':
      return { ...state, passwordHash: event.data.passwordHash, credentialsVersion: state.credentialsVersion + 1 };
    case 'UserPlanChanged':
      return { ...state, plan: event.data.plan };
    case 'UserRoleGranted':
      return { ...state, roles: [...state.roles, event.data.role] };
    case 'UserRoleRevoked':
      return { ...state, roles: state.roles.filter((role) => role !== event.data.role) };
    // Second factors are decided by their own deciders over this stream (src/domain/user/mfa).
    case 'UserAuthenticated':
    case 'MfaFailed':
    case 'MfaEnrollmentStarted':
    case 'MfaEnabled':
    case 'MfaDisabled':
    case 'MfaRecoveryCodesRegenerated':
    case 'OtpCodeSent':
      return state;
  }
}

function changeProfile(command: Extract<UserCommand, { type: 'ChangeProfile' }>, state: UserState, userId: string): UserEvent[] {
  const events: UserEvent[] = [];
  if (command.displayName !== undefined && command.displayName !== state.displayName) {
    events.push({ type: 'UserProfileChanged', data: { userId, displayName: command.displayName } });
  }
  if (command.username !== undefined && command.username !== state.username) {
    events.push({ type: 'UsernameChanged', data: { userId, username: command.username, previousUsername: state.username } });
  }
  if (command.email !== undefined && command.email !== state.email) {
    events.push({ type: 'EmailChanged', data: { userId, email: command.email, previousEmail: state.email } });
  }
  if (command.passwordHash !== undefined) events.push({ type: 'PasswordChanged', data: { userId, passwordHash: command.passwordHash } });
  return events;
}

export const userDecider: Decider<UserCommand, UserEvent, UserState> = {
  initialState,
  evolve,
  decide(command, state) {
    if (command.type === 'RegisterUser') {
      if (state.exists) throw conflict('user already exists');
      const { userId, username, email, displayName, passwordHash } = command;
      return [{ type: 'UserRegistered', data: { userId, username, email, displayName, passwordHash } }];
    }
    if (!state.exists || state.userId === null) throw notFound('user not found');
    if (command.type === 'RecordLogin') return [passwordLogin(state.userId, command.sessionId)];
    if (command.type === 'ChangeProfile') return changeProfile(command, state, state.userId);
    if (command.type === 'ChangePlan') {
      if (command.plan === state.plan) return [];
      return [{ type: 'UserPlanChanged', data: { userId: state.userId, plan: command.plan, previousPlan: state.plan } }];
    }
    // Granting a role already held, or revoking one not held, changes nothing: no event.
    if (command.type === 'GrantRole') {
      if (state.roles.includes(command.role)) return [];
      return [{ type: 'UserRoleGranted', data: { userId: state.userId, role: command.role } }];
    }
    if (command.type === 'RevokeRole') {
      if (!state.roles.includes(command.role)) return [];
      return [{ type: 'UserRoleRevoked', data: { userId: state.userId, role: command.role } }];
    }
    throw new DomainError('invalid', 'unknown command');
  },
};
