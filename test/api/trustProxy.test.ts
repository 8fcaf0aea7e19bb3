import { createToken } from '../support/apiTokens';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

const me = (platform: TestPlatform, secret: string, forwardedFor: string) =>
  call(platform.url, 'GET', '/api/v1/users/me', { token: secret, headers: { 'x-forwarded-for': forwardedFor } });

/** A token that may be used from 10.0.0.0/8 only, on a platform started with the FILORA_TRUST_PROXY given. */
async function allowlistedToken(trustProxy: string) {
  const platform = await startTestPlatform({ FILORA_TRUST_PROXY: trustProxy });
  const { token: session } = await registerAndLogin(platform.url);
  const { secret } = await createToken(platform.url, session, { ip_allowlist: ['10.0.0.0/8'] });
  return { platform, secret };
}

describe('X-Forwarded-For is believed only as far as FILORA_TRUST_PROXY says', () => {
  it('is ignored when no proxy is trusted: a client cannot claim an allowed address', async () => {
    const { platform, secret } = await allowlistedToken('false');
    try {
      expect((await me(platform, secret, '10.1.2.3')).status).toBe(403);
    } finally {
      await platform.close();
    }
  });

  it('names the client when the proxy in front (here, loopback) is trusted', async () => {
    const { platform, secret } = await allowlistedToken('127.0.0.1');
    try {
      expect((await me(platform, secret, '10.1.2.3')).status).toBe(200);
      expect((await me(platform, secret, '203.0.113.7')).status).toBe(403);
      // Only the hop the trusted proxy added counts: what the client put before it is not believed.
      expect((await me(platform, secret, '10.1.2.3, 203.0.113.7')).status).toBe(403);
    } finally {
      await platform.close();
    }
  });
});
