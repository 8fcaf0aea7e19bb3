import type { ReadStore } from '../../ports/readStore';
import { BUCKET_MS } from '../analytics/timeBuckets';
import type { UsageRequestView } from './usageRequestView';
import { USAGE_REQUESTS } from './usageRequestView';

/** The oldest arrival time the request log still shows and keeps. */
export const retentionCutoff = (now: Date, retentionDays: number): string =>
  new Date(now.getTime() - retentionDays * BUCKET_MS.day).toISOString();

/**
 * Deletes up to `limit` request-log rows that arrived before `cutoff`, oldest first, in one transaction;
 * answers how many. Only the read model loses them: the UsageRecorded events stay in the event store.
 */
export async function deleteRequestsBefore(readStore: ReadStore, cutoff: string, limit: number): Promise<number> {
  return readStore.transaction(async (tx) => {
    const expired = await tx.find<UsageRequestView>(USAGE_REQUESTS, { at: { $lt: cutoff } }, { sort: [['at', 1]], limit });
    for (const row of expired) await tx.delete(USAGE_REQUESTS, row._id);
    return expired.length;
  });
}
