import { webhookById } from '../../src/projections/webhooks/webhookQueries';
import { openSigningSecrets, WebhookSecretBox } from '../../src/security/webhookSecrets';
import { createToken } from '../support/apiTokens';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ FILORA_READ_WAIT_MAX_MS: '300' });
});
afterAll(async () => {
  await platform.close();
});

const url = () => platform.url;

interface Accepted {
  id: string;
  status: string;
  position: string;
  message: string;
  secret: string;
}

/** A secret-making write while the read models are held back: the 202 still carries the secret, uncached. */
async function acceptedWithSecret(token: string, path: string, body?: unknown): Promise<Accepted> {
  const answer = await call<Accepted>(url(), 'POST', path, { token, body });
  expect(answer.status).toBe(202);
  expect(answer.headers.get('cache-control')).toBe('no-store');
  expect(answer.headers.get('x-filora-stale')).toBe('true');
  expect(answer.headers.get('x-filora-position')).toBe(answer.body.position);
  expect(answer.body).toEqual({
    id: expect.any(String),
    status: 'accepted',
    position: expect.any(String),
    message: expect.any(String),
    secret: expect.any(String),
  });
  return answer.body;
}

describe('a secret made while the read models are behind', () => {
  it('is answered in the 202 of a token’s creation and regeneration, and works once they catch up', async () => {
    const { token: session } = await registerAndLogin(url());
    const existing = await createToken(url(), session, { scopes: ['files.read'] });
    await platform.platform.projections.stop();
    let created: Accepted;
    let regenerated: Accepted;
    try {
      created = await acceptedWithSecret(session, '/api/v1/tokens', { name: 'late', scopes: ['files.read'] });
      expect(created.secret).toMatch(/^fl_/);
      regenerated = await acceptedWithSecret(session, `/api/v1/tokens/${existing.id}/regenerate`);
      expect(regenerated.id).toBe(existing.id);
      expect(regenerated.secret).toMatch(/^fl_/);
      expect(regenerated.secret).not.toBe(existing.secret);
    } finally {
      await platform.platform.projections.start();
    }
    const caughtUp = await call(url(), 'GET', `/api/v1/tokens/${created.id}?after_position=${regenerated.position}`, { token: session });
    expect(caughtUp.status).toBe(200);
    expect((await call(url(), 'GET', '/api/v1/users/me', { token: created.secret })).status).toBe(200);
    expect((await call(url(), 'GET', '/api/v1/users/me', { token: regenerated.secret })).status).toBe(200);
    expect((await call(url(), 'GET', '/api/v1/users/me', { token: existing.secret })).status).toBe(401);
  });

  it('is answered in the 202 of a webhook’s registration and secret rotation', async () => {
    const { token } = await registerAndLogin(url());
    await platform.platform.projections.stop();
    let registered: Accepted;
    let rotated: Accepted;
    try {
      registered = await acceptedWithSecret(token, '/api/v1/webhooks', { url: 'https://example.com/hooks', events: ['*'] });
      rotated = await acceptedWithSecret(token, `/api/v1/webhooks/${registered.id}/rotate-secret`);
      expect(rotated.id).toBe(registered.id);
    } finally {
      await platform.platform.projections.start();
    }
    const shown = await call(url(), 'GET', `/api/v1/webhooks/${registered.id}?after_position=${rotated.position}`, { token });
    expect(shown.status).toBe(200);
    const stored = (await webhookById(platform.platform.readStore, registered.id))!.secrets;
    const signing = openSigningSecrets(platform.platform.container.resolve(WebhookSecretBox), stored, new Date());
    expect([...signing].sort()).toEqual([registered.secret, rotated.secret].sort());
  });
});
