import { usageRecorded } from '../../domain/usage/usageEvents';
import type { RecordedEvent } from '../../ports/eventStore';
import type { ReadStore } from '../../ports/readStore';
import type { Projection } from '../projection';
import type { Counts, StoredBytesView } from './analyticsViews';
import { ANALYTICS_HOURS, STORED_BYTES, STORED_BYTES_HOURS, userHourId } from './analyticsViews';
import { COUNTED_FILE_EVENT_TYPES, fileActivityOf } from './fileActivityCounts';
import { hourOf } from './timeBuckets';
import { usageRowCounts } from './usageCounts';

const USAGE_RECORDED = usageRecorded.shape.type.value;

const addToRow = (tx: ReadStore, id: string, row: { userId: string; tokenId: string | null; hour: string }, counts: Counts) =>
  tx.patch(
    ANALYTICS_HOURS,
    id,
    { $set: { user_id: row.userId, token_id: row.tokenId, hour: row.hour }, $inc: { ...counts } },
    { upsert: true },
  );

/**
 * A file event adds to its owner's row of the hour it was recorded in. One that changes the stored bytes
 * also writes the new level for that hour, and the user's current level last: a store without transactions
 * that replays the event after a crash skips the rows already written (their guard holds the event's
 * position) and moves the current level, read before, only once.
 */
async function applyFileEvent(recorded: RecordedEvent, tx: ReadStore): Promise<void> {
  const { ownerId, counts, storedBytesChange } = fileActivityOf(recorded);
  const hour = hourOf(recorded.createdAt);
  const id = userHourId(ownerId, hour);
  await addToRow(tx, id, { userId: ownerId, tokenId: null, hour }, counts);
  if (storedBytesChange === undefined) return;
  const before = (await tx.get<StoredBytesView>(STORED_BYTES, ownerId))?.bytes_stored ?? 0;
  const bytesStored = before + storedBytesChange;
  await tx.upsert(STORED_BYTES_HOURS, { _id: id, user_id: ownerId, hour, bytes_stored: bytesStored });
  await tx.upsert(STORED_BYTES, { _id: ownerId, bytes_stored: bytesStored });
}

async function applyUsage(recorded: RecordedEvent, tx: ReadStore): Promise<void> {
  const { data } = usageRecorded.parse({ type: recorded.type, data: recorded.data });
  for (const row of usageRowCounts(data.records)) await addToRow(tx, row.id, row, row.counts);
}

/**
 * Per-user, per-hour counters for the analytics dashboards: uploads, downloads, deletes, shares and bytes
 * from the file events (the owner's rows) and the stored-bytes level, requests and errors from the usage
 * records (the user's rows, and each token's). Daily series add the hourly rows up when they are read.
 */
export const analyticsProjection: Projection = {
  name: 'analytics',
  version: 1,
  collections: [ANALYTICS_HOURS, STORED_BYTES_HOURS, STORED_BYTES],
  handles: [...COUNTED_FILE_EVENT_TYPES, USAGE_RECORDED],

  async setup(store) {
    await store.ensureIndex(ANALYTICS_HOURS, {
      fields: [
        ['user_id', 1],
        ['token_id', 1],
        ['hour', 1],
      ],
    });
    await store.ensureIndex(STORED_BYTES_HOURS, {
      fields: [
        ['user_id', 1],
        ['hour', 1],
      ],
    });
  },

  apply: (recorded, tx) => (recorded.type === USAGE_RECORDED ? applyUsage(recorded, tx) : applyFileEvent(recorded, tx)),
};
