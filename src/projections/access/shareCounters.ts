import type { Document, ReadStore } from '../../ports/readStore';

/**
 * Reference counts behind /shares/stats, kept by the `access` projection: live direct grants per
 * (owner, principal) pair and per shared resource. A row goes when its count reaches zero, so counting
 * rows counts distinct users and distinct resources.
 */
export const SHARE_PAIRS = 'share_pairs';
export const SHARED_RESOURCES = 'shared_resources';

export interface SharePairRow extends Document {
  owner_id: string;
  principal_id: string;
  grants: number;
}

export interface SharedResourceRow extends Document {
  owner_id: string;
  resource_kind: 'file' | 'folder';
  grants: number;
}

interface CountedGrant {
  ownerId: string;
  principalId: string;
  resourceId: string;
  resourceKind: 'file' | 'folder';
}

async function adjust(tx: ReadStore, collection: string, id: string, fields: Record<string, unknown>, by: 1 | -1): Promise<void> {
  const current = await tx.get<Document & { grants: number }>(collection, id);
  if (by < 0 && (current?.grants ?? 0) <= 1) {
    await tx.delete(collection, id);
    return;
  }
  await tx.patch(collection, id, { $set: fields, $inc: { grants: by } }, { upsert: true });
}

/** Counts a grant that starts (1) or ends (-1). */
export async function countGrant(tx: ReadStore, grant: CountedGrant, by: 1 | -1): Promise<void> {
  await adjust(tx, SHARE_PAIRS, `${grant.ownerId}:${grant.principalId}`, { owner_id: grant.ownerId, principal_id: grant.principalId }, by);
  await adjust(tx, SHARED_RESOURCES, grant.resourceId, { owner_id: grant.ownerId, resource_kind: grant.resourceKind }, by);
}

/** Forgets a deleted resource's grants: each pair loses one, and the resource's row goes. */
export async function uncountResource(tx: ReadStore, resourceId: string, grants: readonly CountedGrant[]): Promise<void> {
  for (const grant of grants)
    await adjust(
      tx,
      SHARE_PAIRS,
      `${grant.ownerId}:${grant.principalId}`,
      { owner_id: grant.ownerId, principal_id: grant.principalId },
      -1,
    );
  await tx.delete(SHARED_RESOURCES, resourceId);
}
