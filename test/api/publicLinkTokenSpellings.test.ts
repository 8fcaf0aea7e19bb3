import { readFileSync, rmSync } from 'node:fs';
import { captureStdout, filesUnder } from '../support/leakScan';
import { uploadJson } from '../support/files';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

const logged = captureStdout();

/** Spellings of a link's path: those Express routes (any case, a trailing slash, `%2F` in the token) and those it logs as 404s. */
const spellings = (token: string): string[] => [
  `/api/v1/Public/links/${token}`,
  `/API/V1/PUBLIC/LINKS/${token}/download`,
  `/api/v1/public/links/${token}/`,
  `/api/v1/public/links/${token}%2Fdownload`,
  `/api/v1/public//links/${token}`,
  `/api/v1/public/links//${token}`,
  `//api/v1/public/links/${token}`,
  `/api/v1/public%2Flinks/${token}`,
  `/api/v1/public%2flinks%2F${token}`,
  `/api/v1/%70ublic/links/${token}`,
];

describe('a public link’s token in paths spelled otherwise', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ FILORA_LOG_LEVEL: 'debug' });
  });
  afterAll(() => rmSync(platform.dataDir, { recursive: true, force: true }));

  it('appears in no log line, usage record, or file of the data directory', async () => {
    const owner = await registerAndLogin(platform.url);
    const holder = await registerAndLogin(platform.url);
    const uploaded = await uploadJson(platform.url, owner.token, { name: 'spelled.txt', content: 'x' });
    const link = await call<{ token: string }>(platform.url, 'POST', `/api/v1/files/${uploaded.body.id}/links`, {
      token: owner.token,
      body: { permission: 'download' },
    });
    expect(link.status).toBe(201);
    const { token } = link.body;

    const routed: Record<string, number> = {};
    for (const path of spellings(token)) {
      // Anonymous, and signed in: only a signed-in holder's requests make usage records.
      const anonymous = await fetch(`${platform.url}${path}`);
      const signedIn = await fetch(`${platform.url}${path}`, { headers: { authorization: `Bearer ${holder.token}` } });
      routed[path] = signedIn.status;
      expect(anonymous.status).toBe(signedIn.status);
    }
    expect(routed[`/api/v1/Public/links/${token}`]).toBe(200);
    expect(routed[`/API/V1/PUBLIC/LINKS/${token}/download`]).toBe(200);
    expect(routed[`/api/v1/public/links/${token}/`]).toBe(200);

    await platform.close(true);
    const lines = logged.join('');
    expect(lines).toContain(':token');
    expect(lines).toContain('"status":404');
    for (const value of [token]) {
      expect(lines.includes(value)).toBe(false);
      for (const file of filesUnder(platform.dataDir))
        expect({ file, found: readFileSync(file).includes(value) }).toEqual({ file, found: false });
    }
  });
});
