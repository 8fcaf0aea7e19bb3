import { fold } from '../../../src/domain/shared/decider';
import { userDecider } from '../../../src/domain/user/userDecider';
import type { UserEvent } from '../../../src/domain/user/userEvents';
import { given } from '../../support/givenWhenThen';

const userId = '55555555-5555-4555-8555-555555555555';
const registered: UserEvent = {
  type: 'UserRegistered',
  data: { userId, username: 'alice', email: 'a@example.com', displayName: 'Alice', passwordHash: 'x' },
};
const register = {
  type: 'RegisterUser' as const,
  userId,
  username: 'alice',
  email: 'a@example.com',
  displayName: 'Alice',
  passwordHash: 'x',
};

describe('user decider', () => {
  it('registers a new user once', () => {
    given(userDecider, []).when(register).then([registered]);
    given(userDecider, [registered]).when(register).thenFails('conflict');
  });

  it('records logins of existing users only', () => {
    const sessionId = '66666666-6666-4666-8666-666666666666';
    given(userDecider, [registered])
      .when({ type: 'RecordLogin', sessionId })
      .then([
        {
          type: 'UserAuthenticated',
          data: { userId, method: 'password', sessionId, totpStep: null, recoveryCodeIndex: null, otpId: null },
        },
      ]);
    given(userDecider, []).when({ type: 'RecordLogin', sessionId }).thenFails('not_found');
  });

  it('emits only the changes a profile update makes', () => {
    given(userDecider, [registered])
      .when({ type: 'ChangeProfile', displayName: 'Alice', username: 'alicia' })
      .then([{ type: 'UsernameChanged', data: { userId, username: 'alicia', previousUsername: 'alice' } }]);
    given(userDecider, [registered])
      .when({ type: 'ChangeProfile', displayName: 'Al', email: 'b@example.com', passwordHash: 'y' })
      .then([
        { type: 'UserProfileChanged', data: { userId, displayName: 'Al' } },
        { type: 'EmailChanged', data: { userId, email: 'b@example.com', previousEmail: 'a@example.com' } },
        { type: 'PasswordChanged', data: { userId, passwordHash: 'y' } },
      ]);
  });

  it('changes the plan of an existing user, and records nothing when it is the same', () => {
    const professional: UserEvent = { type: 'UserPlanChanged', data: { userId, plan: 'professional', previousPlan: null } };
    given(userDecider, [registered]).when({ type: 'ChangePlan', plan: 'professional' }).then([professional]);
    given(userDecider, [registered, professional]).when({ type: 'ChangePlan', plan: 'professional' }).then([]);
    given(userDecider, [registered, professional])
      .when({ type: 'ChangePlan', plan: 'basic' })
      .then([{ type: 'UserPlanChanged', data: { userId, plan: 'basic', previousPlan: 'professional' } }]);
    given(userDecider, []).when({ type: 'ChangePlan', plan: 'basic' }).thenFails('not_found');
  });

  describe('roles', () => {
    const grantedAuditor: UserEvent = { type: 'UserRoleGranted', data: { userId, role: 'auditor' } };
    const grantedAdmin: UserEvent = { type: 'UserRoleGranted', data: { userId, role: 'admin' } };
    const revokedAuditor: UserEvent = { type: 'UserRoleRevoked', data: { userId, role: 'auditor' } };

    it('grants a role not held, and records nothing for one already held', () => {
      given(userDecider, [registered]).when({ type: 'GrantRole', role: 'auditor' }).then([grantedAuditor]);
      given(userDecider, [registered, grantedAuditor]).when({ type: 'GrantRole', role: 'auditor' }).then([]);
      given(userDecider, [registered, grantedAuditor]).when({ type: 'GrantRole', role: 'admin' }).then([grantedAdmin]);
    });

    it('revokes a role held, and records nothing for one not held', () => {
      given(userDecider, [registered, grantedAuditor]).when({ type: 'RevokeRole', role: 'auditor' }).then([revokedAuditor]);
      given(userDecider, [registered]).when({ type: 'RevokeRole', role: 'auditor' }).then([]);
      given(userDecider, [registered, grantedAdmin]).when({ type: 'RevokeRole', role: 'auditor' }).then([]);
      given(userDecider, [registered, grantedAuditor, revokedAuditor]).when({ type: 'RevokeRole', role: 'auditor' }).then([]);
    });

    it('grants again a role that was revoked', () => {
      given(userDecider, [registered, grantedAuditor, revokedAuditor]).when({ type: 'GrantRole', role: 'auditor' }).then([grantedAuditor]);
    });

    it('keeps the roles granted and not revoked in the state', () => {
      const state = fold(userDecider, [registered, grantedAuditor, grantedAdmin, revokedAuditor]);
      expect(state.roles).toEqual(['admin']);
      expect(fold(userDecider, [registered]).roles).toEqual([]);
    });

    it('refuses roles of a user who does not exist', () => {
      given(userDecider, []).when({ type: 'GrantRole', role: 'auditor' }).thenFails('not_found');
      given(userDecider, []).when({ type: 'RevokeRole', role: 'auditor' }).thenFails('not_found');
    });
  });
});
