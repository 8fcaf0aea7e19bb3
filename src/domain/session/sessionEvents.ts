import { z } from 'zod';

/** A session is one refresh-token family: every rotation stays in it, and reuse of a spent token revokes it. */
export const sessionStarted = z.object({
  type: z.literal('SessionStarted'),
  data: z.object({
    sessionId: z.uuid(),
    userId: z.uuid(),
    refreshTokenHash: z.string(),
    expiresAt: z.iso.datetime(),
    /** The user's credentials version at login; a password change since ends the session. */
    credentialsVersion: z.number().int().min(0).default(0),
  }),
});

export const refreshTokenRotated = z.object({
  type: z.literal('RefreshTokenRotated'),
  data: z.object({ sessionId: z.uuid(), previousHash: z.string(), refreshTokenHash: z.string(), expiresAt: z.iso.datetime() }),
});

export const sessionRevoked = z.object({
  type: z.literal('SessionRevoked'),
  data: z.object({ sessionId: z.uuid(), reason: z.enum(['logout', 'refresh_token_reused', 'credentials_changed']) }),
});

export const sessionEvent = z.discriminatedUnion('type', [sessionStarted, refreshTokenRotated, sessionRevoked]);
export type SessionEvent = z.infer<typeof sessionEvent>;
