import type { TokenEvent } from '../../domain/token/tokenEvents';
import { tokenEvent } from '../../domain/token/tokenEvents';
import type { Document } from '../../ports/readStore';
import { documentProjection } from '../documentProjection';

export const TOKENS = 'tokens';

/** An API token as lists show it and authentication finds it (by the hash of the secret presented). */
export interface TokenView extends Document {
  owner_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  scopes: string[];
  ip_allowlist: string[];
  rate_limit_per_hour: number;
  expires_at: string | null;
  created_at: string;
  updated_at: string;
  regenerated_at: string | null;
  revoked_at: string | null;
}

function evolveToken(view: TokenView | null, event: TokenEvent, at: string): TokenView | null {
  switch (event.type) {
    case 'TokenCreated': {
      const { data } = event;
      return {
        _id: data.tokenId,
        owner_id: data.ownerId,
        name: data.name,
        prefix: data.prefix,
        secret_hash: data.secretHash,
        scopes: data.scopes,
        ip_allowlist: data.ipAllowlist,
        rate_limit_per_hour: data.rateLimitPerHour,
        expires_at: data.expiresAt,
        created_at: at,
        updated_at: at,
        regenerated_at: null,
        revoked_at: null,
      };
    }
    case 'TokenChanged': {
      if (!view) return null;
      const { name, scopes, ipAllowlist, rateLimitPerHour, expiresAt } = event.data;
      return {
        ...view,
        name: name ?? view.name,
        scopes: scopes ?? view.scopes,
        ip_allowlist: ipAllowlist ?? view.ip_allowlist,
        rate_limit_per_hour: rateLimitPerHour ?? view.rate_limit_per_hour,
        expires_at: expiresAt === undefined ? view.expires_at : expiresAt,
        updated_at: at,
      };
    }
    case 'TokenRevoked':
      return view && { ...view, revoked_at: at, updated_at: at };
    case 'TokenRegenerated':
      return view && { ...view, prefix: event.data.prefix, secret_hash: event.data.secretHash, regenerated_at: at, updated_at: at };
    case 'TokenDeleted':
      return null;
  }
}

export const tokensProjection = documentProjection<TokenEvent, TokenView>({
  name: 'tokens',
  version: 1,
  collection: TOKENS,
  handles: tokenEvent.options.map((option) => option.shape.type.value),

  async setup(store) {
    // Not unique: two secrets of 256 random bits do not meet, and a constraint here could only stop the projection.
    await store.ensureIndex(TOKENS, { fields: [['secret_hash', 1]] });
    await store.ensureIndex(TOKENS, {
      fields: [
        ['owner_id', 1],
        ['created_at', -1],
        ['_id', -1],
      ],
    });
  },
  parse: (event) => tokenEvent.parse(event),
  key: (event) => event.data.tokenId,
  evolve: evolveToken,
});
