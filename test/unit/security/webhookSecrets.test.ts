import { newWebhookSecret, openSigningSecrets, SealedSecretError, WebhookSecretBox } from '../../../src/security/webhookSecrets';

describe('webhook secrets', () => {
  it('are whsec_ followed by the base64 of 32 random bytes, never twice the same', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
    expect(new WebhookSecretBox('k'.repeat(40)).newSecret()).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  });

  it('are sealed so that only the same server key opens them, and the sealed text does not contain them', () => {
    const secret = newWebhookSecret();
    const box = new WebhookSecretBox('server key one, long enough to be a key');
    const sealed = box.seal(secret);
    expect(sealed).not.toContain(secret.slice('whsec_'.length, 20));
    expect(box.seal(secret)).not.toBe(sealed);
    expect(box.open(sealed)).toBe(secret);
    expect(new WebhookSecretBox('server key one, long enough to be a key').open(sealed)).toBe(secret);
    expect(() => new WebhookSecretBox('another server key entirely').open(sealed)).toThrow(SealedSecretError);
  });

  it('refuses sealed text that was altered or is not sealed at all', () => {
    const box = new WebhookSecretBox('k'.repeat(40));
    const sealed = box.seal(newWebhookSecret());
    // One bit of the ciphertext flipped (a changed last character could touch only base64's unused bits).
    const [version, iv, tag, ciphertext] = sealed.split('.');
    const altered = Buffer.from(ciphertext!, 'base64url');
    altered[0] = altered[0]! ^ 1;
    expect(() => box.open([version, iv, tag, altered.toString('base64url')].join('.'))).toThrow(SealedSecretError);
    expect(() => box.open('whsec_plain')).toThrow(SealedSecretError);
    expect(() => box.open('')).toThrow(SealedSecretError);
  });

  it('sign with the current secret and a rotated-out one until it expires, newest first', () => {
    const box = new WebhookSecretBox('k'.repeat(40));
    const [current, previous, expired] = [newWebhookSecret(), newWebhookSecret(), newWebhookSecret()];
    const stored = [
      { encryptedSecret: box.seal(current), expiresAt: null },
      { encryptedSecret: box.seal(previous), expiresAt: '2026-01-02T00:00:00.000Z' },
      { encryptedSecret: box.seal(expired), expiresAt: '2026-01-01T00:00:00.000Z' },
    ];
    expect(openSigningSecrets(box, stored, new Date('2026-01-01T12:00:00Z'))).toEqual([current, previous]);
    expect(openSigningSecrets(box, stored, new Date('2026-01-02T00:00:00Z'))).toEqual([current]);
  });
});
