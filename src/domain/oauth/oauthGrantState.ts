import type { Scope } from '../access/scopes';
import { constantTimeEqual } from '../shared/constantTimeEqual';
import type { OAuthGrantEvent } from './oauthGrantEvents';
import { familyIdOfCode, OAUTH_CODE_TTL_MS, OAUTH_REFRESH_TTL_MS } from './oauthGrantLifetimes';

export interface OAuthCode {
  /** The family its redemption starts. */
  familyId: string;
  redirectUri: string;
  scopes: readonly Scope[];
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | null;
  expiresAt: Date;
  spent: boolean;
  /** Presented again after it was spent, before its family had a token: the family must never start. */
  familyRevoked: boolean;
}

export interface OAuthTokenFamily {
  /** The refresh token that may be used next; null once spent until its successor is issued. */
  currentHash: string | null;
  /** The most recent refresh tokens rotated away (at most MAX_SPENT_HASHES): presenting one again means it leaked. */
  spentHashes: readonly string[];
  expiresAt: Date;
  scopes: readonly Scope[];
  revoked: boolean;
}

export interface OAuthGrantState {
  grantId: string | null;
  userId: string | null;
  appId: string | null;
  scopes: readonly Scope[];
  revoked: boolean;
  /** By code hash; a code is forgotten once it has expired (a reuse is then found through its family). */
  codes: ReadonlyMap<string, OAuthCode>;
  /** By family id; a family is forgotten once its refresh token has expired (its access tokens expired before). */
  families: ReadonlyMap<string, OAuthTokenFamily>;
}

/**
 * Spent refresh tokens a family remembers. A token spent longer ago (about 10 days of refreshing every
 * 15 minutes) is then merely unknown: refused, without revoking its family.
 */
export const MAX_SPENT_HASHES = 1000;

export const initialOAuthGrantState: OAuthGrantState = {
  grantId: null,
  userId: null,
  appId: null,
  scopes: [],
  revoked: false,
  codes: new Map(),
  families: new Map(),
};

export const grantIsLive = (state: OAuthGrantState): boolean => state.grantId !== null && !state.revoked;

/** The family whose access tokens may act: the grant and the family are live (a rotated family stays live). */
export function liveFamily(state: OAuthGrantState, familyId: string): OAuthTokenFamily | null {
  const family = grantIsLive(state) ? state.families.get(familyId) : undefined;
  return family && !family.revoked ? family : null;
}

export const isCurrentRefresh = (family: OAuthTokenFamily, hash: string): boolean =>
  family.currentHash !== null && constantTimeEqual(family.currentHash, hash);

export const isSpentRefresh = (family: OAuthTokenFamily, hash: string): boolean =>
  family.spentHashes.some((spent) => constantTimeEqual(spent, hash));

const without = <K, V>(entries: ReadonlyMap<K, V>, keep: (value: V) => boolean): Map<K, V> =>
  new Map([...entries].filter(([, value]) => keep(value)));

/** Forgets what has expired by `at`, the moment an event was decided (read back from the expiry it sets). */
function forgetExpired(state: OAuthGrantState, at: number): OAuthGrantState {
  return {
    ...state,
    codes: without(state.codes, (code) => code.expiresAt.getTime() > at),
    families: without(state.families, (family) => family.expiresAt.getTime() > at),
  };
}

const withCode = (state: OAuthGrantState, codeHash: string, change: Partial<OAuthCode>): OAuthGrantState => {
  const code = state.codes.get(codeHash);
  return code ? { ...state, codes: new Map(state.codes).set(codeHash, { ...code, ...change }) } : state;
};

const withFamily = (state: OAuthGrantState, familyId: string, family: OAuthTokenFamily): OAuthGrantState => ({
  ...state,
  families: new Map(state.families).set(familyId, family),
});

const remembered = (spentHashes: readonly string[], hash: string): string[] => [...spentHashes, hash].slice(-MAX_SPENT_HASHES);

function issued(state: OAuthGrantState, event: Extract<OAuthGrantEvent, { type: 'OAuthTokenIssued' }>): OAuthGrantState {
  const { familyId, codeHash, refreshTokenHash, refreshExpiresAt, scopes } = event.data;
  const expiresAt = new Date(refreshExpiresAt);
  const pruned = forgetExpired(state, expiresAt.getTime() - OAUTH_REFRESH_TTL_MS);
  const previous = pruned.families.get(familyId);
  // A rotation not preceded by a spend still retires the token it replaces.
  const spentHashes = previous?.currentHash ? remembered(previous.spentHashes, previous.currentHash) : (previous?.spentHashes ?? []);
  const started = withFamily(pruned, familyId, { currentHash: refreshTokenHash, spentHashes, expiresAt, scopes, revoked: false });
  return codeHash === null ? started : withCode(started, codeHash, { spent: true });
}

function familyRevoked(state: OAuthGrantState, familyId: string): OAuthGrantState {
  const family = state.families.get(familyId);
  if (family) return withFamily(state, familyId, { ...family, revoked: true, currentHash: null, spentHashes: [] });
  const code = [...state.codes].find(([, each]) => each.familyId === familyId);
  return code ? withCode(state, code[0], { familyRevoked: true, spent: true }) : state;
}

export function evolveOAuthGrant(state: OAuthGrantState, event: OAuthGrantEvent): OAuthGrantState {
  switch (event.type) {
    case 'OAuthGrantGiven': {
      const { grantId, userId, appId, scopes } = event.data;
      const fresh = state.revoked ? initialOAuthGrantState : state;
      return { ...fresh, grantId, userId, appId, scopes, revoked: false };
    }
    case 'OAuthCodeIssued': {
      const { codeHash, redirectUri, scopes, codeChallenge, codeChallengeMethod, expiresAt } = event.data;
      const expiry = new Date(expiresAt);
      const pruned = forgetExpired(state, expiry.getTime() - OAUTH_CODE_TTL_MS);
      const code: OAuthCode = {
        familyId: familyIdOfCode(codeHash),
        redirectUri,
        scopes,
        codeChallenge,
        codeChallengeMethod,
        expiresAt: expiry,
        spent: false,
        familyRevoked: false,
      };
      return { ...pruned, codes: new Map(pruned.codes).set(codeHash, code) };
    }
    case 'OAuthCodeRedeemed':
      return withCode(state, event.data.codeHash, { spent: true });
    case 'OAuthTokenIssued':
      return issued(state, event);
    case 'OAuthRefreshTokenSpent': {
      const family = state.families.get(event.data.familyId);
      if (!family) return state;
      return withFamily(state, event.data.familyId, {
        ...family,
        currentHash: null,
        spentHashes: remembered(family.spentHashes, event.data.refreshTokenHash),
      });
    }
    case 'OAuthTokenFamilyRevoked':
      return familyRevoked(state, event.data.familyId);
    case 'OAuthGrantRevoked':
      return { ...state, revoked: true, codes: new Map(), families: new Map() };
  }
}
