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
      .then([{ type: 'UserLoggedIn', data: { userId, sessionId } }]);
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
});
