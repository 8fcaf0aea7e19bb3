import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { VerificationSettings } from '../../../../src/domain/incoming/incomingWebhookEvents';
import type { SignedRequest } from '../../../../src/incoming/verify/signatureCheck';
import { verifyCall } from '../../../../src/incoming/verify/verifyCall';
import { newWebhookSecret } from '../../../../src/security/webhookSecrets';

const now = new Date('2026-11-30T12:00:00.000Z');
const body = Buffer.from(JSON.stringify({ contact: { name: 'Zoë Ünal', email: 'zoe@example.com' } }), 'utf8');

function request(headers: Record<string, string>, sent: Buffer = body): SignedRequest {
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { header: (name) => lower[name.toLowerCase()], body: sent };
}

/** Headers the standardwebhooks library signs `sent` with, as a sender using it would send them. */
function standardHeaders(secret: string, at: Date, messageId = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', sent: Buffer = body) {
  const signature = new Webhook(secret).sign(messageId, at, sent.toString('utf8'));
  return { 'webhook-id': messageId, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature };
}

describe('verifyCall: none', () => {
  it('lets every call through, signed or not', () => {
    expect(verifyCall({ kind: 'none' }, null, request({}), now)).toEqual({ valid: true });
  });
});

describe('verifyCall: Standard Webhooks', () => {
  const standard: VerificationSettings = { kind: 'standard_webhooks' };
  const secret = newWebhookSecret();

  it('verifies a call signed by the standardwebhooks library', () => {
    expect(verifyCall(standard, secret, request(standardHeaders(secret, now)), now)).toEqual({ valid: true });
  });

  it('verifies when one of several space-separated entries matches (a sender rotating its secret)', () => {
    const headers = standardHeaders(secret, now);
    const other = standardHeaders(newWebhookSecret(), now)['webhook-signature'];
    const rotating = { ...headers, 'webhook-signature': `${other} v2,abc ${headers['webhook-signature']}` };
    expect(verifyCall(standard, secret, request(rotating), now)).toEqual({ valid: true });
  });

  it('refuses a tampered body, another secret, another id, and a v1 entry of another body', () => {
    const headers = standardHeaders(secret, now);
    const tampered = Buffer.from(body.toString('utf8').replace('zoe@', 'eve@'), 'utf8');
    expect(verifyCall(standard, secret, request(headers, tampered), now)).toMatchObject({ valid: false });
    expect(verifyCall(standard, newWebhookSecret(), request(headers), now)).toMatchObject({ valid: false });
    expect(verifyCall(standard, secret, request({ ...headers, 'webhook-id': 'msg_other' }), now)).toMatchObject({ valid: false });
    const otherBody = standardHeaders(secret, now, headers['webhook-id'], Buffer.from('{}'));
    expect(verifyCall(standard, secret, request(otherBody), now)).toMatchObject({ valid: false });
  });

  it('verifies over the raw bytes, not a re-serialised body', () => {
    const spaced = Buffer.from('{ "a" : 1 }', 'utf8');
    const headers = standardHeaders(secret, now, 'msg_1', spaced);
    expect(verifyCall(standard, secret, request(headers, spaced), now)).toEqual({ valid: true });
    expect(verifyCall(standard, secret, request(headers, Buffer.from('{"a":1}')), now)).toMatchObject({ valid: false });
  });

  it('accepts a timestamp up to 5 minutes either side of now, and refuses one further off', () => {
    for (const offsetSeconds of [-300, 300]) {
      const at = new Date(now.getTime() + offsetSeconds * 1000);
      expect(verifyCall(standard, secret, request(standardHeaders(secret, at)), now)).toEqual({ valid: true });
    }
    for (const offsetSeconds of [-301, 301]) {
      const at = new Date(now.getTime() + offsetSeconds * 1000);
      const check = verifyCall(standard, secret, request(standardHeaders(secret, at)), now);
      expect(check).toEqual({ valid: false, reason: expect.stringContaining('5 minutes') });
    }
  });

  it('refuses calls missing a header, or with a timestamp that is not Unix seconds', () => {
    const headers = standardHeaders(secret, now);
    for (const missing of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const without = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== missing));
      expect(verifyCall(standard, secret, request(without), now)).toEqual({ valid: false, reason: expect.stringContaining('required') });
    }
    const iso = { ...headers, 'webhook-timestamp': now.toISOString() };
    expect(verifyCall(standard, secret, request(iso), now)).toEqual({ valid: false, reason: expect.stringContaining('Unix seconds') });
    expect(verifyCall(standard, secret, request({ ...headers, 'webhook-signature': 'v1' }), now)).toMatchObject({ valid: false });
  });

  it('refuses every call of a hook that lost its secret', () => {
    expect(verifyCall(standard, null, request(standardHeaders(secret, now)), now)).toMatchObject({ valid: false });
  });
});

describe('verifyCall: HMAC-SHA256 of the body', () => {
  const hmac: VerificationSettings = { kind: 'hmac_sha256', header: 'X-Hub-Signature-256' };
  const secret = 'a shared secret';
  const hex = createHmac('sha256', secret).update(body).digest('hex');

  it('verifies the hex HMAC in the configured header, with or without sha256=, in any case', () => {
    for (const value of [hex, `sha256=${hex}`, `SHA256=${hex.toUpperCase()}`, ` ${hex} `])
      expect(verifyCall(hmac, secret, request({ 'x-hub-signature-256': value }), now)).toEqual({ valid: true });
  });

  it('refuses another secret, a tampered body, a truncated signature, the default header, or none', () => {
    const other = createHmac('sha256', 'another secret').update(body).digest('hex');
    expect(verifyCall(hmac, secret, request({ 'X-Hub-Signature-256': other }), now)).toMatchObject({ valid: false });
    expect(verifyCall(hmac, secret, request({ 'X-Hub-Signature-256': hex }, Buffer.from('{}')), now)).toMatchObject({ valid: false });
    expect(verifyCall(hmac, secret, request({ 'X-Hub-Signature-256': hex.slice(0, 63) }), now)).toMatchObject({ valid: false });
    expect(verifyCall(hmac, secret, request({ 'X-Signature': hex }), now)).toEqual({
      valid: false,
      reason: expect.stringContaining('X-Hub-Signature-256'),
    });
    expect(verifyCall(hmac, secret, request({}), now)).toMatchObject({ valid: false });
  });
});
