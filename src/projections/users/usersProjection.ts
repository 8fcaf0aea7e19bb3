import type { PlanName } from '../../domain/user/plans';
import type { Role } from '../../domain/user/roles';
import type { UserEvent } from '../../domain/user/userEvents';
import { userEvent } from '../../domain/user/userEvents';
import type { Document } from '../../ports/readStore';
import { documentProjection } from '../documentProjection';

export const USERS = 'users';

export interface UserView extends Document {
  username: string;
  username_lower: string;
  email: string;
  email_lower: string;
  display_name: string;
  /** Lowercased username and display name, for search. */
  search_text: string;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  /** Absent until an operator sets a plan: the default plan applies. */
  plan?: PlanName;
  /** Roles granted and not revoked, in the order granted; absent until an operator grants one. */
  roles?: Role[];
  /** Whether a TOTP second factor is on, and since when; absent until one is first enabled. */
  mfa_enabled?: boolean;
  mfa_enabled_at?: string | null;
}

const lower = (value: string) => value.normalize('NFKC').toLowerCase();

function changed(current: UserView | null, userId: string, at: string, fields: Partial<UserView>): UserView {
  if (!current) throw new Error(`user ${userId} has no read model row: events out of order`);
  const next = { ...current, ...fields, updated_at: at };
  return { ...next, search_text: `${lower(next.username)} ${lower(next.display_name)}` };
}

function evolveUser(current: UserView | null, event: UserEvent, at: string): UserView | null {
  switch (event.type) {
    case 'UserRegistered': {
      const { userId, username, email, displayName } = event.data;
      return {
        _id: userId,
        username,
        username_lower: lower(username),
        email,
        email_lower: lower(email),
        display_name: displayName,
        search_text: `${lower(username)} ${lower(displayName)}`,
        created_at: at,
        updated_at: at,
        last_login_at: null,
      };
    }
    case 'UserLoggedIn':
      return current && { ...current, last_login_at: at };
    case 'UserProfileChanged':
      return changed(current, event.data.userId, at, { display_name: event.data.displayName });
    case 'UsernameChanged':
      return changed(current, event.data.userId, at, { username: event.data.username, username_lower: lower(event.data.username) });
    case 'EmailChanged':
      return changed(current, event.data.userId, at, { email: event.data.email, email_lower: lower(event.data.email) });
    case 'PasswordChanged':
      return changed(current, event.data.userId, at, {});
    case 'UserPlanChanged':
      return changed(current, event.data.userId, at, { plan: event.data.plan });
    case 'UserRoleGranted':
      return changed(current, event.data.userId, at, { roles: [...(current?.roles ?? []), event.data.role] });
    case 'UserRoleRevoked':
      return changed(current, event.data.userId, at, { roles: (current?.roles ?? []).filter((role) => role !== event.data.role) });
    case 'UserAuthenticated':
      return current && event.data.sessionId !== null ? { ...current, last_login_at: at } : current;
    case 'MfaEnabled':
      return changed(current, event.data.userId, at, { mfa_enabled: true, mfa_enabled_at: at });
    case 'MfaDisabled':
      return changed(current, event.data.userId, at, { mfa_enabled: false, mfa_enabled_at: null });
    case 'MfaFailed':
    case 'MfaEnrollmentStarted':
    case 'MfaRecoveryCodesRegenerated':
    case 'OtpCodeSent':
      return current;
  }
}

export const usersProjection = documentProjection<UserEvent, UserView>({
  name: 'users',
  version: 1,
  collection: USERS,
  handles: userEvent.options.map((option) => option.shape.type.value),

  async setup(store) {
    // Uniqueness is enforced by the write side's claims; a read model must never refuse an event.
    await store.ensureIndex(USERS, { fields: [['username_lower', 1]] });
    await store.ensureIndex(USERS, { fields: [['email_lower', 1]] });
  },
  parse: (event) => userEvent.parse(event),
  key: (event) => event.data.userId,
  evolve: evolveUser,
});
