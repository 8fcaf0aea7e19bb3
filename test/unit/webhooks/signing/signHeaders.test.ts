import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret } from '../../../../src/security/webhookSecrets';
import { signHeaders } from '../../../../src/webhooks/signing/signHeaders';
import { serializeWebhookBody } from '../../../../src/webhooks/payloads/toWebhookBody';
import { version } from '../../../../package.json';

/** The Filora seed's snippet, as its clients run it: on the parsed body. */
function verifyWebhookSignature(payload: unknown, signature: string | undefined, secret: string): boolean {
  const expectedSignature = createHmac('sha256', secret).update(JSON.stringify(payload)).digest('hex');
  return signature === `sha256=${expectedSignature}`;
}

const messageId = '0b0f8c4e-6a0a-4d8e-9f59-0d3c8a3b2f11';
const body = serializeWebhookBody({
  id: messageId,
  event: 'upload.completed',
  timestamp: '2026-01-20T10:30:00.000Z',
  data: { file_id: '123e4567-e89b-12d3-a456-426614174000', file_name: 'résumé “final”.pdf', file_size: 1024000 },
});

describe('signHeaders', () => {
  it('signs so that the standardwebhooks library and the seed snippet both verify, with the same id on every attempt', () => {
    const secret = newWebhookSecret();
    const now = new Date();
    const headers = signHeaders(body, messageId, now, [secret]);
    expect(headers['webhook-id']).toBe(messageId);
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(now.getTime() / 1000)));
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(verifyWebhookSignature(JSON.parse(body), headers['x-filora-signature'], secret)).toBe(true);
    expect(signHeaders(body, messageId, new Date(now.getTime() + 5000), [secret])['webhook-id']).toBe(messageId);
  });

  it('refuses a body altered in transit, with either scheme', () => {
    const secret = newWebhookSecret();
    const headers = signHeaders(body, messageId, new Date(), [secret]);
    const altered = body.replace('1024000', '1024001');
    expect(() => new Webhook(secret).verify(altered, headers)).toThrow();
    expect(verifyWebhookSignature(JSON.parse(altered), headers['x-filora-signature'], secret)).toBe(false);
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
  });

  it('carries one signature per secret during a rotation, each verifying on its own; X-Filora-Signature is the newest secret’s', () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const headers = signHeaders(body, messageId, new Date(), [current, previous]);
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=* v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(current).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, headers)).toEqual(JSON.parse(body));
    expect(verifyWebhookSignature(JSON.parse(body), headers['x-filora-signature'], current)).toBe(true);
    expect(verifyWebhookSignature(JSON.parse(body), headers['x-filora-signature'], previous)).toBe(false);
  });

  it('names Filora and its version, and says the body is JSON', () => {
    const headers = signHeaders(body, messageId, new Date(), [newWebhookSecret()]);
    expect(headers['user-agent']).toBe(`Filora-Webhooks/${version}`);
    expect(headers['content-type']).toBe('application/json');
  });

  it('needs a secret', () => {
    expect(() => signHeaders(body, messageId, new Date(), [])).toThrow(/signing secret/);
  });
});
