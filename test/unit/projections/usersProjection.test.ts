import { USERS, usersProjection } from '../../../src/projections/users/usersProjection';
import { projectionSpec } from './projectionSpec';
import { at, RecordedEvents, uuid } from './recordedEvents';

const spec = projectionSpec(usersProjection);
const USER = uuid(1);

describe('users projection', () => {
  const log = new RecordedEvents();
  const registered = log.record('UserRegistered', {
    userId: USER,
    username: 'Alice',
    email: 'Alice@Example.com',
    displayName: 'Alice A.',
    passwordHash: 'scrypt$secret',
  });
  const loggedIn = log.record('UserLoggedIn', { userId: USER, sessionId: uuid(50) });
  const profile = log.record('UserProfileChanged', { userId: USER, displayName: 'Ally' });
  const username = log.record('UsernameChanged', { userId: USER, username: 'ALLY2', previousUsername: 'Alice' });
  const email = log.record('EmailChanged', { userId: USER, email: 'ally@example.com', previousEmail: 'Alice@Example.com' });
  const password = log.record('PasswordChanged', { userId: USER, passwordHash: 'scrypt$other' });

  const registeredRow = {
    _id: USER,
    username: 'Alice',
    username_lower: 'alice',
    email: 'Alice@Example.com',
    email_lower: 'alice@example.com',
    display_name: 'Alice A.',
    search_text: 'alice alice a.',
    created_at: at(registered),
    updated_at: at(registered),
    last_login_at: null,
  };
  const changedRow = {
    ...registeredRow,
    username: 'ALLY2',
    username_lower: 'ally2',
    email: 'ally@example.com',
    email_lower: 'ally@example.com',
    display_name: 'Ally',
    search_text: 'ally2 ally',
    updated_at: at(password),
    last_login_at: at(loggedIn),
  };

  it('writes a registered user without the password hash', () => spec.given([registered]).then(USERS, [registeredRow]));

  it('records logins without counting them as updates', () =>
    spec.given([registered, loggedIn]).then(USERS, [{ ...registeredRow, last_login_at: at(loggedIn) }]));

  it('follows profile, username, email and password changes, keeping search text in step', () =>
    spec.given([registered, loggedIn, profile, username, email, password]).then(USERS, [changedRow]));

  it('keeps the plan an operator set; a user never given one has none (the default applies)', () => {
    const plan = log.record('UserPlanChanged', { userId: USER, plan: 'professional', previousPlan: null });
    return spec.given([registered, plan]).then(USERS, [{ ...registeredRow, plan: 'professional', updated_at: at(plan) }]);
  });

  it('keeps the roles granted and not revoked, in the order granted; a user never granted one has none', async () => {
    const auditor = log.record('UserRoleGranted', { userId: USER, role: 'auditor' });
    const admin = log.record('UserRoleGranted', { userId: USER, role: 'admin' });
    const revoked = log.record('UserRoleRevoked', { userId: USER, role: 'auditor' });
    await spec.given([registered, auditor, admin]).then(USERS, [{ ...registeredRow, roles: ['auditor', 'admin'], updated_at: at(admin) }]);
    await spec.given([registered, auditor, admin, revoked]).then(USERS, [{ ...registeredRow, roles: ['admin'], updated_at: at(revoked) }]);
  });

  it('ignores a replay of events it has applied', () => {
    const history = [registered, loggedIn, profile, username, email, password];
    return spec.given([...history, ...history]).then(USERS, [changedRow]);
  });

  it('ignores a login of a user it has no row for, but stops on a profile change of one', async () => {
    await spec.given([loggedIn]).then(USERS, []);
    await spec.given([profile]).thenFails('UserProfileChanged', /no read model row/);
  });
});
