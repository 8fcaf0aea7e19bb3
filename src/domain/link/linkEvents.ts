import { z } from 'zod';

/** Public links live in their own `link-<linkId>` streams, so downloads through a link never serialise the file's commands. */
export const LINK_CATEGORY = 'link';

export const LINK_PERMISSIONS = ['view', 'download'] as const;
export type LinkPermission = (typeof LINK_PERMISSIONS)[number];

/** Every setting an update can change. */
const linkSettings = {
  permission: z.enum(LINK_PERMISSIONS),
  expiresAt: z.iso.datetime().nullable(),
  /** Scrypt hash of the link's password (PasswordHasher); null when the link needs none. Never published. */
  passwordHash: z.string().nullable(),
  maxDownloads: z.int().positive().nullable(),
};

export const publicLinkCreated = z.object({
  type: z.literal('PublicLinkCreated'),
  data: z.object({
    linkId: z.uuid(),
    ownerId: z.uuid(),
    resourceKind: z.enum(['file', 'folder']),
    resourceId: z.uuid(),
    ...linkSettings,
    createdAt: z.iso.datetime(),
  }),
});

export const publicLinkUpdated = z.object({
  type: z.literal('PublicLinkUpdated'),
  data: z.object({
    linkId: z.uuid(),
    ownerId: z.uuid(),
    ...linkSettings,
    /** Bumped when the password changes, so access cookies issued for the old one stop working. */
    passwordVersion: z.int().min(0),
  }),
});

export const publicLinkRevoked = z.object({
  type: z.literal('PublicLinkRevoked'),
  data: z.object({ linkId: z.uuid(), ownerId: z.uuid(), revokedAt: z.iso.datetime() }),
});

/**
 * One download through the link, counted in the link's stream so `max_downloads` is exact: the append
 * carries the stream's expected revision. The file's own `FileDownloaded` (with `linkId`) follows it.
 */
export const publicLinkDownloadCounted = z.object({
  type: z.literal('PublicLinkDownloadCounted'),
  data: z.object({ linkId: z.uuid(), ownerId: z.uuid(), fileId: z.uuid(), downloadNumber: z.int().positive() }),
});

export const linkEvent = z.discriminatedUnion('type', [publicLinkCreated, publicLinkUpdated, publicLinkRevoked, publicLinkDownloadCounted]);
export type LinkEvent = z.infer<typeof linkEvent>;
