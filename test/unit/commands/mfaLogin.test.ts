import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { userAggregate } from '../../../src/commands/aggregates';
import { Sessions } from '../../../src/commands/auth/sessions';
import { NameClaims } from '../../../src/commands/claims/nameClaims';
import { PipelinePasswordCheck } from '../../../src/commands/mfa/passwordCheck';
import { totpAggregate } from '../../../src/commands/mfa/totpAggregate';
import { totpCodeAt } from '../../../src/commands/mfa/totpCodes';
import { TotpEnrollment } from '../../../src/commands/mfa/totpEnrollment';
import { CommandPipeline } from '../../../src/commands/pipeline';
import { RegisterUser } from '../../../src/commands/users/registerUser';
import { userClaimUsage } from '../../../src/commands/users/userClaimUsage';
import { entryClaimUsage } from '../../../src/commands/entries/entryNames';
import { PasswordHasher } from '../../../src/security/passwordHasher';
import { WebhookSecretBox } from '../../../src/security/webhookSecrets';

const metadata = { requestId: 'r', correlationId: 'c', causationId: 'r' };
const credentials = { username: 'erin', password: 'password1' };

async function setup() {
  const eventStore = new MemoryEventStore();
  const pipeline = new CommandPipeline(eventStore);
  const claims = new NameClaims(pipeline, {
    username: userClaimUsage(pipeline, 'username'),
    email: userClaimUsage(pipeline, 'email'),
    entry: entryClaimUsage(pipeline),
  });
  const passwords = new PasswordHasher(4);
  const { user } = await new RegisterUser(pipeline, claims, passwords).run({ ...credentials, email: 'erin@example.com' }, metadata);
  const enrollment = new TotpEnrollment(pipeline, new WebhookSecretBox('k'));
  const enable = async () => {
    const { secret } = await enrollment.start(user.userId, metadata);
    await enrollment.confirm(user.userId, totpCodeAt(secret, new Date()), metadata);
  };
  const types = async () => (await eventStore.readStream(`user-${user.userId}`)).map((event) => event.type);
  return {
    userId: user.userId,
    pipeline,
    passwords,
    check: new PipelinePasswordCheck(pipeline, claims, passwords),
    sessions: new Sessions(pipeline, claims, passwords, 60_000),
    enable,
    types,
  };
}

describe('password check and login with a second factor', () => {
  it('says whether a second factor is required, and refuses wrong or unknown credentials alike', async () => {
    const { check, userId, enable, passwords } = await setup();
    await expect(check.check(credentials)).resolves.toEqual({ userId, mfaRequired: false, credentialsVersion: 0 });
    await enable();
    await expect(check.check({ username: 'ERIN@example.com', password: 'password1' })).resolves.toEqual({
      userId,
      mfaRequired: true,
      credentialsVersion: 0,
    });
    await expect(check.check({ ...credentials, password: 'wrong-one' })).rejects.toMatchObject({ kind: 'unauthorized' });
    const nothing = jest.spyOn(passwords, 'verifyNothing');
    await expect(check.check({ username: 'nobody', password: 'password1' })).rejects.toMatchObject({
      kind: 'unauthorized',
      message: 'invalid username or password',
    });
    expect(nothing).toHaveBeenCalledWith('password1');
  });

  it('logs in by password alone as UserAuthenticated, and starts no session once TOTP is on', async () => {
    const { sessions, userId, enable, types } = await setup();
    const session = await sessions.login(credentials, metadata);
    expect(session).toMatchObject({ mfaRequired: false, userId, refreshToken: expect.any(String) });
    expect((await types()).filter((type) => type === 'UserAuthenticated' || type === 'UserLoggedIn')).toEqual(['UserAuthenticated']);
    await enable();
    const before = await types();
    await expect(sessions.login(credentials, metadata)).resolves.toEqual({
      mfaRequired: true,
      userId,
      loginId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      credentialsVersion: 0,
    });
    expect(await types()).toEqual(before);
  });

  it('completes a pending login once: a second use is refused before its proof is checked or spent', async () => {
    const { sessions, userId, enable } = await setup();
    await enable();
    const pending = await sessions.login(credentials, metadata);
    if (!pending.mfaRequired) throw new Error('expected the second step');
    const secondFactor = jest.fn(async (_sessionId: string) => undefined);
    const session = await sessions.completeLogin(pending, secondFactor, metadata);
    expect(session).toMatchObject({ userId, sessionId: secondFactor.mock.calls[0]![0] });
    await expect(sessions.completeLogin(pending, secondFactor, metadata)).rejects.toMatchObject({
      kind: 'unauthorized',
      message: expect.stringMatching(/already used/),
    });
    expect(secondFactor).toHaveBeenCalledTimes(1);
    const another = await sessions.login(credentials, metadata);
    if (!another.mfaRequired) throw new Error('expected the second step');
    expect((await sessions.completeLogin(another, secondFactor, metadata)).sessionId).not.toBe(session.sessionId);
  });

  it('refuses a pending login once the password changed, before its proof is checked', async () => {
    const { sessions, enable, userId, pipeline, passwords } = await setup();
    await enable();
    const pending = await sessions.login(credentials, metadata);
    if (!pending.mfaRequired) throw new Error('expected the second step');
    await pipeline.execute(userAggregate, userId, { type: 'ChangeProfile', passwordHash: await passwords.hash('password2') }, metadata);
    const secondFactor = jest.fn(async (_sessionId: string) => undefined);
    await expect(sessions.completeLogin(pending, secondFactor, metadata)).rejects.toMatchObject({
      kind: 'unauthorized',
      message: expect.stringMatching(/password changed/),
    });
    expect(secondFactor).not.toHaveBeenCalled();
  });

  it('refuses a pending login whose password changed while its proof was being checked', async () => {
    const { sessions, enable, userId, pipeline, passwords } = await setup();
    await enable();
    const pending = await sessions.login(credentials, metadata);
    if (!pending.mfaRequired) throw new Error('expected the second step');
    const changePassword = async () => {
      await pipeline.execute(userAggregate, userId, { type: 'ChangeProfile', passwordHash: await passwords.hash('password2') }, metadata);
    };
    await expect(sessions.completeLogin(pending, changePassword, metadata)).rejects.toMatchObject({ kind: 'unauthorized' });
  });

  it('refuses to record a password-only login once TOTP is on (enabled after the password was checked)', async () => {
    const { pipeline, userId, enable } = await setup();
    await enable();
    await expect(
      pipeline.execute(totpAggregate, userId, { type: 'RecordPasswordLogin', sessionId: '99999999-9999-4999-8999-999999999999' }, metadata),
    ).rejects.toMatchObject({ kind: 'unauthorized' });
  });
});
