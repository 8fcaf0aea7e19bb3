import { sha256Hex } from '../../../src/security/secretHash';
import {
  hashIncomingWebhookToken,
  isWellFormedIncomingWebhookToken,
  issueIncomingWebhookToken,
} from '../../../src/security/incomingWebhookTokens';
import { isWellFormedApiToken, issueApiToken } from '../../../src/security/apiTokenSecrets';
import { newVerificationSecret } from '../../../src/security/verificationSecrets';

describe('incoming webhook tokens', () => {
  it('are fwh_ + 43 base62 characters of randomness + a 6-character checksum, stored as their SHA-256', () => {
    const issued = Array.from({ length: 100 }, () => issueIncomingWebhookToken());
    for (const { secret, secretHash, prefix } of issued) {
      expect(secret).toMatch(/^fwh_[0-9A-Za-z]{49}$/);
      expect(isWellFormedIncomingWebhookToken(secret)).toBe(true);
      expect(secretHash).toBe(hashIncomingWebhookToken(secret));
      expect(secretHash).toBe(sha256Hex(secret));
      expect(prefix).toBe(secret.slice(0, 12));
    }
    expect(new Set(issued.map(({ secret }) => secret)).size).toBe(issued.length);
  });

  it('are told apart from API tokens and mistyped ones offline', () => {
    const { secret } = issueIncomingWebhookToken();
    const flipped = `${secret.slice(0, 20)}${secret[20] === '0' ? '1' : '0'}${secret.slice(21)}`;
    expect(isWellFormedIncomingWebhookToken(flipped)).toBe(false);
    expect(isWellFormedIncomingWebhookToken(secret.slice(0, -1))).toBe(false);
    expect(isWellFormedApiToken(secret)).toBe(false);
    expect(isWellFormedIncomingWebhookToken(issueApiToken().secret)).toBe(false);
  });
});

describe('verification secrets', () => {
  it('are Standard Webhooks secrets, 32-byte hex HMAC keys, or none', () => {
    expect(newVerificationSecret('standard_webhooks')).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(newVerificationSecret('hmac_sha256')).toMatch(/^[0-9a-f]{64}$/);
    expect(newVerificationSecret('none')).toBeNull();
    expect(newVerificationSecret('hmac_sha256')).not.toBe(newVerificationSecret('hmac_sha256'));
  });
});
