import type { UsageRecord } from '../../domain/usage/usageEvents';
import type { Counts } from './analyticsViews';
import { tokenHourId, userHourId } from './analyticsViews';
import { hourOf } from './timeBuckets';

/** The requests of one batch that fall on one row: a user's hour, or a token's part of it. */
export interface UsageRowCounts {
  id: string;
  userId: string;
  tokenId: string | null;
  hour: string;
  counts: Counts;
}

const countsOf = (status: number): Counts => ({ requests: 1, errors: status >= 400 ? 1 : 0, server_errors: status >= 500 ? 1 : 0 });

function add(into: Counts, counts: Counts): void {
  for (const [counter, by] of Object.entries(counts) as Array<[keyof Counts, number]>) into[counter] = (into[counter] ?? 0) + by;
}

/**
 * A batch of usage records added up per row, so that each row is written once per event (a second
 * position-guarded write of the same event would be ignored). Requests count in the hour they were made.
 */
export function usageRowCounts(records: readonly UsageRecord[]): UsageRowCounts[] {
  const rows = new Map<string, UsageRowCounts>();
  const addTo = (id: string, row: Omit<UsageRowCounts, 'id' | 'counts'>, counts: Counts) => {
    const existing = rows.get(id) ?? { id, ...row, counts: {} };
    add(existing.counts, counts);
    rows.set(id, existing);
  };
  for (const record of records) {
    const hour = hourOf(new Date(record.at));
    const counts = countsOf(record.status);
    addTo(userHourId(record.userId, hour), { userId: record.userId, tokenId: null, hour }, counts);
    if (record.tokenId !== null)
      addTo(tokenHourId(record.userId, hour, record.tokenId), { userId: record.userId, tokenId: record.tokenId, hour }, counts);
  }
  return [...rows.values()];
}
