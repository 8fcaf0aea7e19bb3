import type { Scope } from '../../../../src/domain/access/scopes';
import type { OAuthGrantCommand } from '../../../../src/domain/oauth/oauthGrantDecider';
import { oauthGrantDecider } from '../../../../src/domain/oauth/oauthGrantDecider';
import type { OAuthGrantEvent } from '../../../../src/domain/oauth/oauthGrantEvents';
import { grantIdOf } from '../../../../src/domain/oauth/oauthGrantEvents';
import { familyIdOfCode, OAUTH_REFRESH_TTL_MS } from '../../../../src/domain/oauth/oauthGrantLifetimes';
import { liveFamily, MAX_SPENT_HASHES } from '../../../../src/domain/oauth/oauthGrantState';
import { fold } from '../../../../src/domain/shared/decider';
import { FIXED_NOW, given } from '../../../support/givenWhenThen';

const userId = '44444444-4444-4444-8444-444444444444';
const appId = '55555555-5555-4555-8555-555555555555';
const grantId = grantIdOf(userId, appId);
const at = (ms: number) => new Date(FIXED_NOW.getTime() + ms);
const iso = (ms: number) => at(ms).toISOString();
const familyOfC1 = familyIdOfCode('c1');

const consent = (scopes: Scope[] = ['files.read']): Extract<OAuthGrantCommand, { type: 'GiveConsentAndIssueCode' }> => ({
  type: 'GiveConsentAndIssueCode',
  grantId,
  userId,
  appId,
  scopes,
  codeHash: 'c1',
  redirectUri: 'https://app.example/cb',
  codeChallenge: 'challenge',
  codeChallengeMethod: 'S256',
});

const given1: OAuthGrantEvent = { type: 'OAuthGrantGiven', data: { grantId, userId, appId, scopes: ['files.read'] } };
const codeIssued = (codeHash = 'c1', issuedAtMs = 0): OAuthGrantEvent => ({
  type: 'OAuthCodeIssued',
  data: {
    grantId,
    codeHash,
    redirectUri: 'https://app.example/cb',
    scopes: ['files.read'],
    codeChallenge: 'challenge',
    codeChallengeMethod: 'S256',
    expiresAt: iso(issuedAtMs + 60_000),
  },
});
const redeemed = (codeHash = 'c1'): OAuthGrantEvent => ({ type: 'OAuthCodeRedeemed', data: { grantId, codeHash } });
const tokenIssued = (refreshTokenHash: string, codeHash: string | null, issuedAtMs = 0, familyId = familyOfC1): OAuthGrantEvent => ({
  type: 'OAuthTokenIssued',
  data: { grantId, familyId, codeHash, refreshTokenHash, refreshExpiresAt: iso(issuedAtMs + OAUTH_REFRESH_TTL_MS), scopes: ['files.read'] },
});
const spent = (refreshTokenHash: string, familyId = familyOfC1): OAuthGrantEvent => ({
  type: 'OAuthRefreshTokenSpent',
  data: { grantId, familyId, refreshTokenHash },
});
const familyRevoked = (reason: 'client_revoked' | 'refresh_token_reused' | 'code_reused', familyId = familyOfC1): OAuthGrantEvent => ({
  type: 'OAuthTokenFamilyRevoked',
  data: { grantId, familyId, reason },
});
const grantRevoked: OAuthGrantEvent = { type: 'OAuthGrantRevoked', data: { grantId, reason: 'user' } };

/** A grant whose code c1 started a family with refresh token r1. */
const withFamily = [given1, codeIssued(), redeemed(), tokenIssued('r1', 'c1')];

describe('oauth grant decider: consent and codes', () => {
  it('records the first consent and issues a 60 s code', () => {
    given(oauthGrantDecider, []).when(consent()).then([given1, codeIssued()]);
  });

  it('issues only a code when the consent is the same, and records a consent with other scopes', () => {
    given(oauthGrantDecider, [given1, codeIssued('c0')])
      .when(consent())
      .then([codeIssued()]);
    given(oauthGrantDecider, [given1])
      .when(consent(['files.read', 'files.write']))
      .then([
        { type: 'OAuthGrantGiven', data: { grantId, userId, appId, scopes: ['files.read', 'files.write'] } },
        { ...codeIssued(), data: { ...codeIssued().data, scopes: ['files.read', 'files.write'] } } as OAuthGrantEvent,
      ]);
  });

  it("refuses a grant id that is not the user's and app's", () => {
    given(oauthGrantDecider, [])
      .when({ ...consent(), grantId: '66666666-6666-4666-8666-666666666666' })
      .thenFails('invalid');
  });

  it('spends a code once', () => {
    given(oauthGrantDecider, [given1, codeIssued()]).when({ type: 'SpendCode', codeHash: 'c1' }).then([redeemed()]);
  });

  it('refuses an unknown code and an expired one (60 s, with a clock)', () => {
    given(oauthGrantDecider, [given1, codeIssued()]).when({ type: 'SpendCode', codeHash: 'other' }).thenFails('unauthorized');
    given(oauthGrantDecider, [given1, codeIssued()], { now: at(59_999) })
      .when({ type: 'SpendCode', codeHash: 'c1' })
      .then([redeemed()]);
    given(oauthGrantDecider, [given1, codeIssued()], { now: at(60_000) })
      .when({ type: 'SpendCode', codeHash: 'c1' })
      .thenFails('unauthorized');
  });

  it('revokes the family a spent code started when the code is presented again (RFC 6749 §10.5)', () => {
    given(oauthGrantDecider, withFamily)
      .when({ type: 'SpendCode', codeHash: 'c1' })
      .then([familyRevoked('code_reused')]);
  });

  it('still finds the family of a spent code after the code itself is forgotten', () => {
    // A later code, issued past c1's expiry, makes the fold forget c1.
    const history = [...withFamily, codeIssued('c2', 120_000)];
    expect(fold(oauthGrantDecider, history).codes.has('c1')).toBe(false);
    given(oauthGrantDecider, history, { now: at(120_000) })
      .when({ type: 'SpendCode', codeHash: 'c1' })
      .then([familyRevoked('code_reused')]);
  });

  it('keeps a family from starting when its code was presented again before its first token', () => {
    const history = [given1, codeIssued(), redeemed()];
    given(oauthGrantDecider, history)
      .when({ type: 'SpendCode', codeHash: 'c1' })
      .then([familyRevoked('code_reused')]);
    given(oauthGrantDecider, [...history, familyRevoked('code_reused')])
      .when({ type: 'IssueRefreshToken', familyId: familyOfC1, fromCodeHash: 'c1', refreshTokenHash: 'r1', scopes: ['files.read'] })
      .thenFails('unauthorized');
  });

  it('forgets expired codes, so that the state stays bounded', () => {
    const history = [given1, ...Array.from({ length: 50 }, (_, i) => codeIssued(`c${i}`, i * 61_000))];
    expect(fold(oauthGrantDecider, history).codes.size).toBe(1);
  });
});

describe('oauth grant decider: token families', () => {
  it('starts a family from a spent code, once', () => {
    const command: OAuthGrantCommand = {
      type: 'IssueRefreshToken',
      familyId: familyOfC1,
      fromCodeHash: 'c1',
      refreshTokenHash: 'r1',
      scopes: ['files.read'],
    };
    given(oauthGrantDecider, [given1, codeIssued(), redeemed()])
      .when(command)
      .then([tokenIssued('r1', 'c1')]);
    given(oauthGrantDecider, [given1, codeIssued()]).when(command).thenFails('unauthorized');
    given(oauthGrantDecider, withFamily).when(command).thenFails('unauthorized');
    given(oauthGrantDecider, [given1, codeIssued(), redeemed()])
      .when({ ...command, scopes: ['files.read', 'files.write'] })
      .thenFails('unauthorized');
    given(oauthGrantDecider, [given1, codeIssued(), redeemed()])
      .when({ ...command, familyId: '77777777-7777-4777-8777-777777777777' })
      .thenFails('unauthorized');
  });

  it('rotates: spends the current refresh token, then issues its successor in the same family', () => {
    given(oauthGrantDecider, withFamily)
      .when({ type: 'SpendRefreshToken', familyId: familyOfC1, refreshTokenHash: 'r1' })
      .then([spent('r1')]);
    given(oauthGrantDecider, [...withFamily, spent('r1')])
      .when({ type: 'IssueRefreshToken', familyId: familyOfC1, fromCodeHash: null, refreshTokenHash: 'r2', scopes: ['files.read'] })
      .then([tokenIssued('r2', null)]);
    const rotated = fold(oauthGrantDecider, [...withFamily, spent('r1'), tokenIssued('r2', null)]);
    expect(liveFamily(rotated, familyOfC1)).toMatchObject({ currentHash: 'r2', spentHashes: ['r1'], revoked: false });
  });

  it('revokes the family when a spent refresh token is presented again', () => {
    const history = [...withFamily, spent('r1'), tokenIssued('r2', null)];
    given(oauthGrantDecider, history)
      .when({ type: 'SpendRefreshToken', familyId: familyOfC1, refreshTokenHash: 'r1' })
      .then([familyRevoked('refresh_token_reused')]);
    const revoked = fold(oauthGrantDecider, [...history, familyRevoked('refresh_token_reused')]);
    expect(liveFamily(revoked, familyOfC1)).toBeNull();
    given(oauthGrantDecider, [...history, familyRevoked('refresh_token_reused')])
      .when({ type: 'SpendRefreshToken', familyId: familyOfC1, refreshTokenHash: 'r2' })
      .thenFails('unauthorized');
  });

  it('refuses an unknown or expired refresh token without revoking', () => {
    given(oauthGrantDecider, withFamily)
      .when({ type: 'SpendRefreshToken', familyId: familyOfC1, refreshTokenHash: 'forged' })
      .thenFails('unauthorized');
    given(oauthGrantDecider, withFamily, { now: at(OAUTH_REFRESH_TTL_MS) })
      .when({ type: 'SpendRefreshToken', familyId: familyOfC1, refreshTokenHash: 'r1' })
      .thenFails('unauthorized');
  });

  it('refuses a rotation that widens the scopes or follows a revocation', () => {
    const history = [...withFamily, spent('r1')];
    const rotate: OAuthGrantCommand = {
      type: 'IssueRefreshToken',
      familyId: familyOfC1,
      fromCodeHash: null,
      refreshTokenHash: 'r2',
      scopes: ['files.write'],
    };
    given(oauthGrantDecider, history).when(rotate).thenFails('unauthorized');
    given(oauthGrantDecider, [...history, familyRevoked('client_revoked')])
      .when({ ...rotate, scopes: ['files.read'] })
      .thenFails('unauthorized');
  });

  it('revokes a family once, at the client’s request', () => {
    given(oauthGrantDecider, withFamily)
      .when({ type: 'RevokeFamily', familyId: familyOfC1, reason: 'client_revoked' })
      .then([familyRevoked('client_revoked')]);
    given(oauthGrantDecider, [...withFamily, familyRevoked('client_revoked')])
      .when({ type: 'RevokeFamily', familyId: familyOfC1, reason: 'client_revoked' })
      .then([]);
  });

  it('remembers a bounded number of spent refresh tokens', () => {
    const rotations = Array.from({ length: MAX_SPENT_HASHES + 5 }, (_, i) => [spent(`r${i + 1}`), tokenIssued(`r${i + 2}`, null)]).flat();
    const family = liveFamily(fold(oauthGrantDecider, [...withFamily, ...rotations]), familyOfC1)!;
    expect(family.spentHashes).toHaveLength(MAX_SPENT_HASHES);
    expect(family.spentHashes.at(-1)).toBe(`r${MAX_SPENT_HASHES + 5}`);
  });

  it('forgets a family once its refresh token has expired', () => {
    const later = [
      codeIssued('c2', OAUTH_REFRESH_TTL_MS),
      redeemed('c2'),
      tokenIssued('s1', 'c2', OAUTH_REFRESH_TTL_MS, familyIdOfCode('c2')),
    ];
    const state = fold(oauthGrantDecider, [...withFamily, ...later]);
    expect([...state.families.keys()]).toEqual([familyIdOfCode('c2')]);
  });
});

describe('oauth grant decider: revoking the grant', () => {
  it('ends every family at once, and is idempotent', () => {
    const second = [codeIssued('c2'), redeemed('c2'), tokenIssued('s1', 'c2', 0, familyIdOfCode('c2'))];
    const history = [...withFamily, ...second];
    given(oauthGrantDecider, history).when({ type: 'RevokeGrant', reason: 'user' }).then([grantRevoked]);
    const revoked = fold(oauthGrantDecider, [...history, grantRevoked]);
    expect(liveFamily(revoked, familyOfC1)).toBeNull();
    expect(liveFamily(revoked, familyIdOfCode('c2'))).toBeNull();
    given(oauthGrantDecider, [...history, grantRevoked])
      .when({ type: 'RevokeGrant', reason: 'user' })
      .then([]);
    given(oauthGrantDecider, [...history, grantRevoked])
      .when({ type: 'SpendRefreshToken', familyId: familyOfC1, refreshTokenHash: 'r1' })
      .thenFails('unauthorized');
  });

  it('starts afresh on a consent after the revocation', () => {
    const history = [...withFamily, grantRevoked];
    given(oauthGrantDecider, history)
      .when({ ...consent(), codeHash: 'c3' })
      .then([given1, codeIssued('c3')]);
    const fresh = fold(oauthGrantDecider, [...history, given1, codeIssued('c3')]);
    expect(fresh.revoked).toBe(false);
    expect(fresh.families.size).toBe(0);
    expect([...fresh.codes.keys()]).toEqual(['c3']);
  });
});
