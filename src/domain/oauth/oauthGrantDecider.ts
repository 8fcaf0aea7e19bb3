import type { Scope } from '../access/scopes';
import type { Decider } from '../shared/decider';
import { conflict, DomainError, unauthorized } from '../shared/domainError';
import type { OAuthGrantEvent } from './oauthGrantEvents';
import { grantIdOf } from './oauthGrantEvents';
import { familyIdOfCode, OAUTH_CODE_TTL_MS, OAUTH_REFRESH_TTL_MS } from './oauthGrantLifetimes';
import type { OAuthGrantState } from './oauthGrantState';
import { evolveOAuthGrant, grantIsLive, initialOAuthGrantState, isCurrentRefresh, isSpentRefresh, liveFamily } from './oauthGrantState';

export type FamilyRevocationReason = Extract<OAuthGrantEvent, { type: 'OAuthTokenFamilyRevoked' }>['data']['reason'];
export type GrantRevocationReason = Extract<OAuthGrantEvent, { type: 'OAuthGrantRevoked' }>['data']['reason'];

export type OAuthGrantCommand =
  | {
      type: 'GiveConsentAndIssueCode';
      grantId: string;
      userId: string;
      appId: string;
      scopes: readonly Scope[];
      codeHash: string;
      redirectUri: string;
      codeChallenge: string | null;
      codeChallengeMethod: 'S256' | null;
    }
  | { type: 'SpendCode'; codeHash: string }
  | { type: 'IssueRefreshToken'; familyId: string; fromCodeHash: string | null; refreshTokenHash: string; scopes: readonly Scope[] }
  | { type: 'SpendRefreshToken'; familyId: string; refreshTokenHash: string }
  | { type: 'RevokeFamily'; familyId: string; reason: FamilyRevocationReason }
  | { type: 'RevokeGrant'; reason: GrantRevocationReason };

const INVALID_CODE = 'the authorization code is not valid';
const INVALID_REFRESH = 'the refresh token is not valid';

const sameScopes = (a: readonly Scope[], b: readonly Scope[]) => a.length === b.length && a.every((scope) => b.includes(scope));
const within = (asked: readonly Scope[], allowed: readonly Scope[]) => asked.every((scope) => allowed.includes(scope));

function requireLive(state: OAuthGrantState, message: string): string {
  if (!grantIsLive(state)) throw unauthorized(message);
  return state.grantId!;
}

/** Stops a family, or the family a spent code would start; nothing when it has stopped already. */
function revokeFamily(state: OAuthGrantState, familyId: string, reason: FamilyRevocationReason): OAuthGrantEvent[] {
  if (!grantIsLive(state)) return [];
  const family = state.families.get(familyId);
  const pendingCode = family ? undefined : [...state.codes.values()].find((code) => code.familyId === familyId && !code.familyRevoked);
  if (family ? family.revoked : pendingCode === undefined) return [];
  return [{ type: 'OAuthTokenFamilyRevoked', data: { grantId: state.grantId!, familyId, reason } }];
}

function giveConsent(command: Extract<OAuthGrantCommand, { type: 'GiveConsentAndIssueCode' }>, state: OAuthGrantState, now: Date) {
  const { grantId, userId, appId, codeHash, redirectUri, codeChallenge, codeChallengeMethod } = command;
  const scopes = [...command.scopes];
  if (grantIdOf(userId, appId) !== grantId) throw new DomainError('invalid', 'the grant id is not the one of this user and app');
  if (state.codes.has(codeHash)) throw conflict('this authorization code exists already');
  const consentChanged = !grantIsLive(state) || !sameScopes(state.scopes, scopes);
  const expiresAt = new Date(now.getTime() + OAUTH_CODE_TTL_MS).toISOString();
  const events: OAuthGrantEvent[] = consentChanged ? [{ type: 'OAuthGrantGiven', data: { grantId, userId, appId, scopes } }] : [];
  events.push({
    type: 'OAuthCodeIssued',
    data: { grantId, codeHash, redirectUri, scopes, codeChallenge, codeChallengeMethod, expiresAt },
  });
  return events;
}

/** A spent code presented again revokes the family it started (RFC 6749 §10.5) instead of failing. */
function spendCode(codeHash: string, state: OAuthGrantState, now: Date): OAuthGrantEvent[] {
  const grantId = requireLive(state, INVALID_CODE);
  const code = state.codes.get(codeHash);
  if (code && !code.spent && code.expiresAt > now) return [{ type: 'OAuthCodeRedeemed', data: { grantId, codeHash } }];
  if (code?.spent) return revokeFamily(state, code.familyId, 'code_reused');
  if (code) throw unauthorized(INVALID_CODE);
  // The code itself is forgotten once expired; the family it started still tells that it was spent.
  const familyId = familyIdOfCode(codeHash);
  if (state.families.has(familyId)) return revokeFamily(state, familyId, 'code_reused');
  throw unauthorized(INVALID_CODE);
}

function issueRefreshToken(command: Extract<OAuthGrantCommand, { type: 'IssueRefreshToken' }>, state: OAuthGrantState, now: Date) {
  const { familyId, fromCodeHash: codeHash, refreshTokenHash } = command;
  const scopes = [...command.scopes];
  const grantId = requireLive(state, codeHash === null ? INVALID_REFRESH : INVALID_CODE);
  if (codeHash !== null) {
    const code = state.codes.get(codeHash);
    const startable = code?.spent && !code.familyRevoked && code.familyId === familyId && !state.families.has(familyId);
    if (!startable || !within(scopes, code.scopes)) throw unauthorized(INVALID_CODE);
  } else {
    const family = liveFamily(state, familyId);
    if (!family || family.expiresAt <= now || !within(scopes, family.scopes)) throw unauthorized(INVALID_REFRESH);
  }
  const refreshExpiresAt = new Date(now.getTime() + OAUTH_REFRESH_TTL_MS).toISOString();
  return [{ type: 'OAuthTokenIssued' as const, data: { grantId, familyId, codeHash, refreshTokenHash, refreshExpiresAt, scopes } }];
}

/** A spent refresh token presented again revokes its family instead of failing. */
function spendRefreshToken(familyId: string, hash: string, state: OAuthGrantState, now: Date): OAuthGrantEvent[] {
  const grantId = requireLive(state, INVALID_REFRESH);
  const family = liveFamily(state, familyId);
  if (!family) throw unauthorized(INVALID_REFRESH);
  if (isSpentRefresh(family, hash)) return revokeFamily(state, familyId, 'refresh_token_reused');
  if (!isCurrentRefresh(family, hash) || family.expiresAt <= now) throw unauthorized(INVALID_REFRESH);
  return [{ type: 'OAuthRefreshTokenSpent', data: { grantId, familyId, refreshTokenHash: hash } }];
}

/**
 * One user's grant to one app, its authorization codes and token families (see oauthGrantEvents.ts).
 * Spending something already spent decides a revocation: the caller must look at the decided events
 * and refuse the request after appending them.
 */
export const oauthGrantDecider: Decider<OAuthGrantCommand, OAuthGrantEvent, OAuthGrantState> = {
  initialState: initialOAuthGrantState,
  evolve: evolveOAuthGrant,
  decide(command, state, { now }) {
    switch (command.type) {
      case 'GiveConsentAndIssueCode':
        return giveConsent(command, state, now);
      case 'SpendCode':
        return spendCode(command.codeHash, state, now);
      case 'IssueRefreshToken':
        return issueRefreshToken(command, state, now);
      case 'SpendRefreshToken':
        return spendRefreshToken(command.familyId, command.refreshTokenHash, state, now);
      case 'RevokeFamily':
        return revokeFamily(state, command.familyId, command.reason);
      case 'RevokeGrant':
        return grantIsLive(state) ? [{ type: 'OAuthGrantRevoked', data: { grantId: state.grantId!, reason: command.reason } }] : [];
    }
  },
};
