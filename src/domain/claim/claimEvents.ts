import { z } from 'zod';

/** A claim reserves a unique value (a username, an email, an entry name in a folder) for one owner across concurrent writers. */
export const claimKind = z.enum(['username', 'email', 'entry']);
export type ClaimKind = z.infer<typeof claimKind>;

export const nameClaimed = z.object({
  type: z.literal('NameClaimed'),
  data: z.object({ kind: claimKind, value: z.string(), ownerId: z.uuid(), claimedAt: z.iso.datetime() }),
});

export const nameReleased = z.object({
  type: z.literal('NameReleased'),
  data: z.object({ kind: claimKind, value: z.string(), ownerId: z.uuid() }),
});

export const claimEvent = z.discriminatedUnion('type', [nameClaimed, nameReleased]);
export type ClaimEvent = z.infer<typeof claimEvent>;
