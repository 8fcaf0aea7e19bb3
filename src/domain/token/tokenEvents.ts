import { z } from 'zod';
import { SCOPES } from '../access/scopes';

const scopes = z.array(z.enum(SCOPES));

/** What a token may do and from where; every field an update can change. */
const tokenSettings = {
  name: z.string(),
  scopes,
  /** CIDR blocks (IPv4 or IPv6) requests must come from; empty allows any address. */
  ipAllowlist: z.array(z.string()),
  rateLimitPerHour: z.int().positive(),
  expiresAt: z.iso.datetime().nullable(),
};

export const tokenCreated = z.object({
  type: z.literal('TokenCreated'),
  data: z.object({
    tokenId: z.uuid(),
    ownerId: z.uuid(),
    /** The secret's first characters, shown in lists so a holder can tell which token is which. */
    prefix: z.string(),
    /** SHA-256 of the secret; the secret itself is never stored. */
    secretHash: z.string(),
    ...tokenSettings,
  }),
});

export const tokenChanged = z.object({
  type: z.literal('TokenChanged'),
  data: z.object({ tokenId: z.uuid(), ...z.object(tokenSettings).partial().shape }),
});

export const tokenRevoked = z.object({
  type: z.literal('TokenRevoked'),
  data: z.object({ tokenId: z.uuid(), ownerId: z.uuid() }),
});

export const tokenRegenerated = z.object({
  type: z.literal('TokenRegenerated'),
  data: z.object({ tokenId: z.uuid(), ownerId: z.uuid(), prefix: z.string(), secretHash: z.string() }),
});

export const tokenDeleted = z.object({
  type: z.literal('TokenDeleted'),
  data: z.object({ tokenId: z.uuid(), ownerId: z.uuid() }),
});

export const tokenEvent = z.discriminatedUnion('type', [tokenCreated, tokenChanged, tokenRevoked, tokenRegenerated, tokenDeleted]);
export type TokenEvent = z.infer<typeof tokenEvent>;
export type TokenSettings = z.infer<z.ZodObject<typeof tokenSettings>>;
