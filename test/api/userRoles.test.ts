import { ChangeRole } from '../../src/commands/users/changeRole';
import type { Role } from '../../src/domain/user/roles';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const metadata = { requestId: 'test', correlationId: 'test', causationId: 'test' };

/** What `filora users grant|revoke` runs, in this process; GET /users/me then reads after its event. */
async function rolesAfter(username: string, token: string, action: 'grant' | 'revoke', role: Role) {
  const change = await platform.platform.container.resolve(ChangeRole).run(username, action, role, metadata);
  const query = change.position === null ? '' : `?after_position=${change.position}`;
  const me = await call<{ roles: Role[] }>(platform.url, 'GET', `/api/v1/users/me${query}`, { token });
  expect(me.status).toBe(200);
  return me.body.roles;
}

describe('GET /users/me roles', () => {
  it('answers no roles for a user never granted one', async () => {
    const { token } = await registerAndLogin(platform.url);
    const me = await call(platform.url, 'GET', '/api/v1/users/me', { token });
    expect(me.body).toMatchObject({ roles: [] });
  });

  it('shows a role once granted and no longer once revoked', async () => {
    const { token, user } = await registerAndLogin(platform.url);
    expect(await rolesAfter(user.username, token, 'grant', 'auditor')).toEqual(['auditor']);
    expect(await rolesAfter(user.username, token, 'grant', 'admin')).toEqual(['auditor', 'admin']);
    expect(await rolesAfter(user.username, token, 'revoke', 'auditor')).toEqual(['admin']);
    expect(await rolesAfter(user.username, token, 'revoke', 'admin')).toEqual([]);
  });

  it("shows only the caller's own roles", async () => {
    const auditor = await registerAndLogin(platform.url);
    const other = await registerAndLogin(platform.url);
    expect(await rolesAfter(auditor.user.username, auditor.token, 'grant', 'auditor')).toEqual(['auditor']);
    const me = await call(platform.url, 'GET', '/api/v1/users/me', { token: other.token });
    expect(me.body).toMatchObject({ roles: [] });
  });
});
