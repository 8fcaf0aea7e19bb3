import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { PasswordHasher } from '../../../src/security/passwordHasher';
import { Sessions } from '../../../src/commands/auth/sessions';
import { NameClaims } from '../../../src/commands/claims/nameClaims';
import { CommandPipeline } from '../../../src/commands/pipeline';
import { RegisterUser } from '../../../src/commands/users/registerUser';
import { ChangePlan } from '../../../src/commands/users/changePlan';
import { ChangeRole } from '../../../src/commands/users/changeRole';
import { UserRoles } from '../../../src/commands/users/userRoles';
import { UpdateProfile } from '../../../src/commands/users/updateProfile';
import { userClaimUsage } from '../../../src/commands/users/userClaimUsage';
import { entryClaimUsage } from '../../../src/commands/entries/entryNames';

const metadata = { requestId: 'r', correlationId: 'c', causationId: 'r' };

function setup() {
  const eventStore = new MemoryEventStore();
  const pipeline = new CommandPipeline(eventStore);
  const claims = new NameClaims(pipeline, {
    username: userClaimUsage(pipeline, 'username'),
    email: userClaimUsage(pipeline, 'email'),
    entry: entryClaimUsage(pipeline),
  });
  const passwords = new PasswordHasher(4);
  return {
    claims,
    register: new RegisterUser(pipeline, claims, passwords),
    update: new UpdateProfile(pipeline, claims, passwords),
    sessions: new Sessions(pipeline, claims, passwords, 60_000),
    changePlan: new ChangePlan(pipeline, claims),
    changeRole: new ChangeRole(pipeline, claims),
    // A pipeline of its own, as another process's would be: its folded states cannot hide a newer event.
    roles: new UserRoles(new CommandPipeline(eventStore)),
  };
}

describe('user commands', () => {
  it("lets exactly one of two concurrent registrations of one username win, and frees the loser's email", async () => {
    const { register, claims } = setup();
    const outcomes = await Promise.allSettled([
      register.run({ username: 'alice', email: 'one@example.com', password: 'password1' }, metadata),
      register.run({ username: 'ALICE', email: 'two@example.com', password: 'password2' }, metadata),
    ]);
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ kind: 'conflict' });
    const loserEmail = won[0] === outcomes[0] ? 'two@example.com' : 'one@example.com';
    expect(await claims.holderOf('email', loserEmail)).toBeNull();
    await expect(register.run({ username: 'bob', email: loserEmail, password: 'password3' }, metadata)).resolves.toBeDefined();
  });

  it('never hands the password hash outward', async () => {
    const { register, update } = setup();
    const { user } = await register.run({ username: 'carol', email: 'carol@example.com', password: 'password1' }, metadata);
    expect(user).not.toHaveProperty('passwordHash');
    const updated = await update.run(user.userId, { password: 'password2', currentPassword: 'password1', displayName: 'Carol' }, metadata);
    expect(updated.user).not.toHaveProperty('passwordHash');
    expect(updated.user).toMatchObject({ displayName: 'Carol' });
  });

  it('frees the previous username on a rename and logs in with the new one only', async () => {
    const { register, update, sessions, claims } = setup();
    const { user } = await register.run({ username: 'dave', email: 'dave@example.com', password: 'password1' }, metadata);
    await update.run(user.userId, { username: 'david' }, metadata);
    expect(await claims.holderOf('username', 'dave')).toBeNull();
    await expect(sessions.login({ username: 'dave', password: 'password1' }, metadata)).rejects.toMatchObject({ kind: 'unauthorized' });
    await expect(sessions.login({ username: 'DAVID', password: 'password1' }, metadata)).resolves.toMatchObject({ userId: user.userId });
  });

  it('puts the user holding a username on a plan, once', async () => {
    const { register, changePlan } = setup();
    const { user } = await register.run({ username: 'erin', email: 'erin@example.com', password: 'password1' }, metadata);
    const first = await changePlan.run('ERIN', 'enterprise', metadata);
    expect(first).toMatchObject({ userId: user.userId, plan: 'enterprise', previousPlan: null });
    expect(first.position).not.toBeNull();
    expect(await changePlan.run('erin', 'enterprise', metadata)).toMatchObject({ previousPlan: 'enterprise', position: null });
  });

  it('finds no user by a username no one has, or one given up by a rename', async () => {
    const { register, update, changePlan } = setup();
    const { user } = await register.run({ username: 'frank', email: 'frank@example.com', password: 'password1' }, metadata);
    await update.run(user.userId, { username: 'francis' }, metadata);
    await expect(changePlan.run('frank', 'basic', metadata)).rejects.toMatchObject({
      kind: 'not_found',
      message: 'no user is named frank',
    });
    await expect(changePlan.run('nobody', 'basic', metadata)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('grants and revokes roles of the user holding a username, appending only changes', async () => {
    const { register, changeRole } = setup();
    const { user } = await register.run({ username: 'gina', email: 'gina@example.com', password: 'password1' }, metadata);
    const granted = await changeRole.run('GINA', 'grant', 'auditor', metadata);
    expect(granted).toMatchObject({ userId: user.userId, roles: ['auditor'] });
    expect(granted.position).not.toBeNull();
    expect(await changeRole.run('gina', 'grant', 'auditor', metadata)).toMatchObject({ roles: ['auditor'], position: null });
    expect(await changeRole.run('gina', 'revoke', 'admin', metadata)).toMatchObject({ roles: ['auditor'], position: null });
    const revoked = await changeRole.run('gina', 'revoke', 'auditor', metadata);
    expect(revoked).toMatchObject({ roles: [] });
    expect(revoked.position).not.toBeNull();
    await expect(changeRole.run('nobody', 'grant', 'admin', metadata)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it("looks roles up in the user's stream, so a grant and a revoke count at once", async () => {
    const { register, changeRole, roles } = setup();
    const { user } = await register.run({ username: 'hank', email: 'hank@example.com', password: 'password1' }, metadata);
    expect(await roles.rolesOf(user.userId)).toEqual(new Set());
    await changeRole.run('hank', 'grant', 'auditor', metadata);
    await changeRole.run('hank', 'grant', 'admin', metadata);
    expect(await roles.rolesOf(user.userId)).toEqual(new Set(['auditor', 'admin']));
    await changeRole.run('hank', 'revoke', 'auditor', metadata);
    expect(await roles.rolesOf(user.userId)).toEqual(new Set(['admin']));
    expect(await roles.rolesOf('00000000-0000-4000-8000-000000000000')).toEqual(new Set());
  });
});
