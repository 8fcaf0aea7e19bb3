import { z } from 'zod';

/**
 * A blob's stream (`blob-<uuidv5(sha256)>`) records who references the content and whether it is being
 * deleted. Every reference and every deletion goes through this one stream with an expected revision, so
 * a collector and an upload that re-uses the same content cannot both win (see blobDecider).
 */
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const blobReferenced = z.object({
  type: z.literal('BlobReferenced'),
  data: z.object({
    sha256,
    size: z.number().int().min(0),
    fileId: z.uuid(),
    versionId: z.uuid(),
    /** The blob had been collected before: the referencing upload must check that its content is still stored. */
    revived: z.boolean(),
  }),
});

export const blobReleased = z.object({
  type: z.literal('BlobReleased'),
  data: z.object({ sha256, fileId: z.uuid(), versionId: z.uuid(), releasedAt: z.iso.datetime() }),
});

export const blobCollectionStarted = z.object({
  type: z.literal('BlobCollectionStarted'),
  data: z.object({ sha256, startedAt: z.iso.datetime() }),
});

export const blobCollected = z.object({
  type: z.literal('BlobCollected'),
  data: z.object({ sha256 }),
});

export const blobEvent = z.discriminatedUnion('type', [blobReferenced, blobReleased, blobCollectionStarted, blobCollected]);
export type BlobEvent = z.infer<typeof blobEvent>;
