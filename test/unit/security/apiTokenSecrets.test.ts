import { hashApiToken, isWellFormedApiToken, issueApiToken } from '../../../src/security/apiTokenSecrets';

describe('API token secrets', () => {
  it('are fl_ + 43 base62 characters of randomness + a 6-character checksum, and differ every time', () => {
    const issued = Array.from({ length: 200 }, () => issueApiToken());
    for (const { secret, secretHash, prefix } of issued) {
      expect(secret).toMatch(/^fl_[0-9A-Za-z]{49}$/);
      expect(isWellFormedApiToken(secret)).toBe(true);
      expect(secretHash).toBe(hashApiToken(secret));
      expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
      expect(prefix).toBe(secret.slice(0, 11));
    }
    expect(new Set(issued.map(({ secret }) => secret)).size).toBe(issued.length);
  });

  it('tells a mistyped, truncated or foreign token from a real one offline', () => {
    const { secret } = issueApiToken();
    const flipped = (at: number) => `${secret.slice(0, at)}${secret[at] === '0' ? '1' : '0'}${secret.slice(at + 1)}`;
    for (const at of [3, 20, 45, secret.length - 1]) expect(isWellFormedApiToken(flipped(at))).toBe(false);
    expect(isWellFormedApiToken(secret.slice(0, -1))).toBe(false);
    expect(isWellFormedApiToken(`${secret}0`)).toBe(false);
    expect(isWellFormedApiToken(`gh_${secret.slice(3)}`)).toBe(false);
    expect(isWellFormedApiToken('eyJhbGciOiJIUzI1NiJ9.e30.sig')).toBe(false);
  });
});
