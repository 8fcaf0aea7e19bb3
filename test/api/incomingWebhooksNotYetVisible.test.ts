import { call, registerAndLogin } from '../support/http';
import { createIncomingWebhook, INCOMING_WEBHOOKS_PATH, SIMPLE_FILE_HOOK } from '../support/incomingWebhookApi';
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
  token: string;
  url: string;
  secret?: string;
}

async function accepted(token: string, path: string, body?: unknown): Promise<Accepted> {
  const answer = await call<Accepted>(url(), 'POST', path, { token, body });
  expect(answer.status).toBe(202);
  expect(answer.headers.get('cache-control')).toBe('no-store');
  expect(answer.body).toMatchObject({ id: expect.any(String), status: 'accepted', position: expect.any(String) });
  expect(answer.body.url).toBe(`${url()}/api/v1/webhooks/incoming/${answer.body.token}`);
  return answer.body;
}

describe('an incoming webhook written while the read models are behind', () => {
  it('answers its token, URL and secret in the 202 of its creation and regeneration; the URL works once they catch up', async () => {
    const { token: session } = await registerAndLogin(url());
    const existing = await createIncomingWebhook(url(), session);
    await platform.platform.projections.stop();
    let created: Accepted;
    let regenerated: Accepted;
    try {
      created = await accepted(session, INCOMING_WEBHOOKS_PATH, { ...SIMPLE_FILE_HOOK, verification: { type: 'standard_webhooks' } });
      expect(created.token).toMatch(/^fwh_/);
      expect(created.secret).toMatch(/^whsec_/);
      regenerated = await accepted(session, `${INCOMING_WEBHOOKS_PATH}/${existing.id}/regenerate-token`);
      expect(regenerated.id).toBe(existing.id);
      expect(regenerated.token).not.toBe(existing.token);
    } finally {
      await platform.platform.projections.start();
    }
    await call(url(), 'GET', `${INCOMING_WEBHOOKS_PATH}/${existing.id}?after_position=${regenerated.position}`, { token: session });
    const received = await call<{ id: string }>(regenerated.url, 'POST', '', { body: { name: 'late.txt', content: 'caught up' } });
    expect(received.status).toBe(201);
    const old = await call(existing.url, 'POST', '', { body: { name: 'old.txt', content: 'x' } });
    expect(old.status).toBe(404);
    const shown = await call(url(), 'GET', `${INCOMING_WEBHOOKS_PATH}/${created.id}?after_position=${created.position}`, {
      token: session,
    });
    expect(shown.status).toBe(200);
  });
});
