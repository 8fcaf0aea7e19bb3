import { download, uploadJson } from '../support/files';
import { call, registerAndLogin, uniqueUser } from '../support/http';
import type { ServerProcess } from '../support/serverProcess';
import { startServer } from '../support/serverProcess';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

/**
 * A revoke is exact across API replicas: once DELETE …/shares/:userId answers, no process serves the
 * resource to that user. The in-process platform runs the projections (the projector's part) and serves
 * too; a `filora api` process serves on the same data and reads the same read models.
 */
let platform: TestPlatform;
let replica: ServerProcess;

beforeAll(async () => {
  platform = await startTestPlatform();
  replica = await startServer(platform.dataDir, {}, 'api');
}, 60_000);
afterAll(async () => {
  replica?.child.kill('SIGTERM');
  await replica?.exited;
  await platform.close();
});

describe('revoking a share with two API processes', () => {
  it('the other process refuses the grantee on the very next request, whichever process revoked', async () => {
    const [alice, bob] = [
      await registerAndLogin(platform.url, uniqueUser('owner')),
      await registerAndLogin(platform.url, uniqueUser('grantee')),
    ];
    const uploaded = await uploadJson(platform.url, alice.token, { name: 'shared.txt', content: 'both processes' });
    const fileId = uploaded.body.id;
    const shareWithBob = () =>
      call(platform.url, 'POST', `/api/v1/files/${fileId}/shares`, { token: alice.token, body: { usernames: bob.user.username } });

    for (const [revoker, reader] of [
      [platform.url, replica.url],
      [replica.url, platform.url],
    ] as const) {
      expect((await shareWithBob()).status).toBe(201);
      const before = await call(
        reader,
        'GET',
        `/api/v1/files/${fileId}?after_position=${(await platform.platform.eventStore.headPosition())!}`,
        {
          token: bob.token,
        },
      );
      expect(before.status).toBe(200);

      const revoked = await call(revoker, 'DELETE', `/api/v1/files/${fileId}/shares/${bob.id}`, { token: alice.token });
      expect(revoked.status).toBe(200);
      expect((await call(reader, 'GET', `/api/v1/files/${fileId}`, { token: bob.token })).status).toBe(404);
      expect((await download(reader, bob.token, fileId)).status).toBe(404);
    }
  });
});
