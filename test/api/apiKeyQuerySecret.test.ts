import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { filesUnder } from '../support/leakScan';
import { createToken } from '../support/apiTokens';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Shaped like a token (fl_ + base62) but issued by no one: answered 401. */
const forgedSecret = () => `fl_${[...randomBytes(49)].map((byte) => BASE62[byte % 62]).join('')}`;

describe('a ?api_key= secret', () => {
  let platform: TestPlatform;
  const logged: string[] = [];
  let stdout: jest.SpyInstance;
  let closed = false;

  beforeAll(async () => {
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
    platform = await startTestPlatform({ FILORA_LOG_LEVEL: 'debug' });
  });
  afterAll(async () => {
    if (!closed) await platform.close(true);
    stdout.mockRestore();
    rmSync(platform.dataDir, { recursive: true, force: true });
  });

  it('appears in no log line, usage record, error message, or file of the data directory', async () => {
    const { token: session } = await registerAndLogin(platform.url);
    const { id: tokenId, secret } = await createToken(platform.url, session, { scopes: ['files.read', 'files.write', 'audit.read'] });
    const forged = forgedSecret();
    const key = (value: string) => `api_key=${encodeURIComponent(value)}`;

    const answers = [
      await call(platform.url, 'GET', `/api/v1/files?${key(secret)}`),
      await call(platform.url, 'POST', `/api/v1/folders?${key(secret)}`, { body: { name: 'via query' } }),
      await call(platform.url, 'GET', `/api/v1/files/not-a-uuid?${key(secret)}`),
      await call(platform.url, 'GET', `/api/v1/files?${key(secret)}&unknown=1`),
      await call(platform.url, 'GET', `/api/v1/no-such-route?${key(secret)}`),
      await call(platform.url, 'GET', `/api/v1/tokens?${key(secret)}`),
      await call(platform.url, 'GET', `/api/integrations/stats?${key(secret)}`),
      await call(platform.url, 'GET', `/api/v1/files?${key(forged)}`),
      await call(platform.url, 'GET', `/api/v1/no-such-route?${key(forged)}`),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 201, 400, 400, 404, 403, 200, 401, 404]);
    for (const answer of answers) expect(JSON.stringify(answer.body)).not.toMatch(/fl_[0-9A-Za-z]{20}/);

    // The usage log has the token's requests, by path without the query string.
    const log = await call<{ data: Array<{ path: string; status: number }> }>(platform.url, 'GET', `/api/v1/tokens/${tokenId}/logs`, {
      token: session,
    });
    expect(log.body.data.map((row) => row.status)).toEqual([200, 403, 404, 400, 400, 201, 200]);
    expect(log.body.data.every((row) => !row.path.includes('?'))).toBe(true);
    const head = await platform.platform.eventStore.headPosition();
    expect(await platform.platform.projections.waitFor(head!, 5000)).toBe(true);

    await platform.close(true);
    closed = true;
    const lines = logged.join('');
    expect(lines).toContain('"msg":"request"');
    expect(lines).toContain('/api/v1/no-such-route');
    const files = filesUnder(platform.dataDir);
    expect(files.some((file) => file.endsWith('filora.db'))).toBe(true);
    for (const value of [secret, forged, encodeURIComponent(secret)]) {
      expect(lines.includes(value)).toBe(false);
      for (const file of files) expect({ file, found: readFileSync(file).includes(value) }).toEqual({ file, found: false });
    }
  });
});
