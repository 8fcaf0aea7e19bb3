import type { Actor } from '../access/accessPolicy';
import { requireAccess, resourceOf } from '../access/accessPolicy';
import type { Decider } from '../shared/decider';
import { conflict, DomainError } from '../shared/domainError';
import type { TokenEvent, TokenSettings } from './tokenEvents';

export interface TokenState {
  tokenId: string | null;
  exists: boolean;
  deleted: boolean;
  ownerId: string | null;
  revoked: boolean;
  expiresAt: Date | null;
}

/** A new secret: its hash and the prefix shown in lists (the secret itself stays with the caller). */
export interface IssuedSecret {
  prefix: string;
  secretHash: string;
}

export type TokenCommand =
  | ({ type: 'CreateToken'; tokenId: string; ownerId: string } & IssuedSecret & TokenSettings)
  | ({ type: 'ChangeToken'; actor: Actor } & Partial<TokenSettings>)
  | { type: 'RevokeToken'; actor: Actor }
  | ({ type: 'RegenerateToken'; actor: Actor } & IssuedSecret)
  | { type: 'DeleteToken'; actor: Actor };

const initialState: TokenState = { tokenId: null, exists: false, deleted: false, ownerId: null, revoked: false, expiresAt: null };

function evolve(state: TokenState, event: TokenEvent): TokenState {
  switch (event.type) {
    case 'TokenCreated':
      return {
        ...state,
        tokenId: event.data.tokenId,
        exists: true,
        ownerId: event.data.ownerId,
        expiresAt: event.data.expiresAt === null ? null : new Date(event.data.expiresAt),
      };
    case 'TokenChanged':
      if (event.data.expiresAt === undefined) return state;
      return { ...state, expiresAt: event.data.expiresAt === null ? null : new Date(event.data.expiresAt) };
    case 'TokenRevoked':
      return { ...state, revoked: true };
    case 'TokenRegenerated':
      return state;
    case 'TokenDeleted':
      return { ...state, deleted: true };
  }
}

function requireFutureExpiry(expiresAt: string | null | undefined, now: Date): void {
  if (expiresAt && new Date(expiresAt) <= now) throw new DomainError('invalid', 'expires_at must be in the future', 'expires_at');
}

/** The settings a change names; one naming none appends nothing. */
function givenSettings(command: Partial<TokenSettings>): Partial<TokenSettings> {
  const { name, scopes, ipAllowlist, rateLimitPerHour, expiresAt } = command;
  const given = { name, scopes, ipAllowlist, rateLimitPerHour, expiresAt };
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
}

/** A token is owned by the user who created it; only that user, through a login session, manages it. */
export const tokenDecider: Decider<TokenCommand, TokenEvent, TokenState> = {
  initialState,
  evolve,
  decide(command, state, { now }) {
    if (command.type === 'CreateToken') {
      if (state.exists) throw conflict('token already exists');
      requireFutureExpiry(command.expiresAt, now);
      const { type: _type, ...data } = command;
      return [{ type: 'TokenCreated', data }];
    }
    requireAccess(command.actor, 'manage', resourceOf(state), 'token', now);
    const identity = { tokenId: state.tokenId!, ownerId: state.ownerId! };
    switch (command.type) {
      case 'DeleteToken':
        return [{ type: 'TokenDeleted', data: identity }];
      case 'RevokeToken':
        return state.revoked ? [] : [{ type: 'TokenRevoked', data: identity }];
      case 'RegenerateToken':
        if (state.revoked) throw conflict('a revoked token cannot be regenerated; create a new one');
        if (state.expiresAt !== null && state.expiresAt <= now) throw conflict('the token has expired; set a later expires_at first');
        return [{ type: 'TokenRegenerated', data: { ...identity, prefix: command.prefix, secretHash: command.secretHash } }];
      case 'ChangeToken': {
        if (state.revoked) throw conflict('a revoked token cannot be changed');
        requireFutureExpiry(command.expiresAt, now);
        const changes = givenSettings(command);
        return Object.keys(changes).length === 0 ? [] : [{ type: 'TokenChanged', data: { tokenId: identity.tokenId, ...changes } }];
      }
    }
  },
};

/** A token's own limit when its creator sets none (the Filora integrations seed). */
export const DEFAULT_TOKEN_RATE_LIMIT_PER_HOUR = 1000;
