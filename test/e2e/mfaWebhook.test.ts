import { Authenticator } from '../support/authenticator';
import { call } from '../support/http';
import { createWebhook } from '../support/webhookApi';
import { useWebhookServer } from '../support/webhookServer';
import { verifiedDelivery } from '../support/webhookSignatures';

/** user.mfa_failed and user.authenticated reach a webhook, through `filora serve` (its dispatcher) to a local receiver. */
const world = useWebhookServer('filora-mfa-webhooks-', { FILORA_WEBHOOK_ALLOW_PRIVATE: 'true' });

describe('second-factor webhooks', () => {
  it('delivers user.mfa_failed for a wrong code at login, and user.authenticated for the right one', async () => {
    const api = (method: string, path: string, options: Parameters<typeof call>[3] = {}) =>
      call(world.server.url, method, `/api/v1${path}`, options);
    const { token, user, id } = world.session;
    const webhook = await createWebhook(world.server.url, token, {
      url: world.receiver.urlFor('/mfa'),
      events: ['user.mfa_failed', 'user.authenticated'],
    });
    const started = await api('POST', '/auth/mfa/totp', { token });
    const app = new Authenticator(started.body.secret as string);
    expect((await api('POST', '/auth/mfa/totp/confirm', { token, body: { code: await app.nextCode() } })).status).toBe(200);
    const login = await api('POST', '/auth/login', { body: { username: user.username, password: user.password } });
    const mfa_token = login.body.mfa_token as string;

    expect((await api('POST', '/auth/mfa/verify', { body: { mfa_token, code: '000000' } })).status).toBe(401);
    expect((await api('POST', '/auth/mfa/verify', { body: { mfa_token, code: await app.nextCode() } })).status).toBe(200);

    // The confirmation's code counted as a check of its own (user.authenticated, no session), then the failure and the login;
    // deliveries to one endpoint may arrive in any order.
    const requests = await world.receiver.waitForRequests(3, { path: '/mfa', timeoutMs: 30_000 });
    const bodies = requests.map((request) => verifiedDelivery(request, webhook.secret) as { event: string; data: Record<string, unknown> });
    const summary = bodies.map((body) => `${body.event} ${String(body.data.method)} session:${body.data.session_id ? 'yes' : 'no'}`);
    expect(summary.sort()).toEqual([
      'user.authenticated totp session:no',
      'user.authenticated totp session:yes',
      'user.mfa_failed totp session:no',
    ]);
    expect(bodies.find((body) => body.event === 'user.mfa_failed')?.data).toMatchObject({
      user_id: id,
      reason: 'wrong_code',
      failed_at: expect.any(String),
    });
  });
});
