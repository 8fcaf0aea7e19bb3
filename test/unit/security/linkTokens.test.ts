import { LinkTokens } from '../../../src/security/linkTokens';

const linkId = '77777777-7777-4777-8777-777777777777';
const otherId = '11111111-1111-4111-8111-111111111111';
const tokens = new LinkTokens('a server key of at least thirty-two characters');

describe('link tokens', () => {
  it('are the same every time for a link, different across links, and 65 URL-safe characters', () => {
    const token = tokens.tokenOf(linkId);
    expect(token).toMatch(/^[A-Za-z0-9_-]{65}$/);
    expect(tokens.tokenOf(linkId)).toBe(token);
    expect(tokens.tokenOf(otherId)).not.toBe(token);
  });

  it('give back the link id, and only for tokens issued under this key', () => {
    const token = tokens.tokenOf(linkId);
    expect(tokens.linkIdOf(token)).toBe(linkId);
    expect(new LinkTokens('another server key, also thirty-two characters').linkIdOf(token)).toBeNull();
    const forged = tokens.tokenOf(otherId).slice(0, 22) + token.slice(22);
    expect(tokens.linkIdOf(forged)).toBeNull();
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(tokens.linkIdOf(flipped)).toBeNull();
  });

  it('refuse malformed tokens without throwing', () => {
    for (const bad of ['', 'short', linkId, `${tokens.tokenOf(linkId)}x`, `${tokens.tokenOf(linkId).slice(0, 64)}!`]) {
      expect(tokens.linkIdOf(bad)).toBeNull();
    }
  });

  it('refuse another spelling of the same bytes', () => {
    const token = tokens.tokenOf(linkId);
    // The 22nd character of a 16-byte base64url value carries 4 unused bits.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(token[21]!);
    const respelled = token.slice(0, 21) + alphabet[last ^ 1]! + token.slice(22);
    expect(Buffer.from(respelled.slice(0, 22), 'base64url')).toEqual(Buffer.from(token.slice(0, 22), 'base64url'));
    expect(tokens.linkIdOf(respelled)).toBeNull();
  });

  describe('access proofs', () => {
    const now = 1_800_000_000_000;

    it('hold for their link and password version until they expire', () => {
      const proof = tokens.accessProof(linkId, 2, now + 60_000);
      expect(tokens.isValidAccessProof(proof, linkId, 2, now)).toBe(true);
      expect(tokens.isValidAccessProof(proof, linkId, 2, now + 60_000)).toBe(false);
      expect(tokens.isValidAccessProof(proof, linkId, 3, now)).toBe(false);
      expect(tokens.isValidAccessProof(proof, otherId, 2, now)).toBe(false);
    });

    it('cannot have their expiry moved on, and malformed ones are refused', () => {
      const proof = tokens.accessProof(linkId, 0, now + 60_000);
      const [, mac] = proof.split('.');
      expect(tokens.isValidAccessProof(`${now + 3_600_000}.${mac}`, linkId, 0, now)).toBe(false);
      for (const bad of ['', '.', 'abc', `${now + 60_000}.`, `${now + 60_000}.${mac}x`]) {
        expect(tokens.isValidAccessProof(bad, linkId, 0, now)).toBe(false);
      }
    });
  });
});
