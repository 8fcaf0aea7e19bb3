import { blobEvent } from '../../domain/blob/blobEvents';
import type { BlobPhase } from '../../domain/blob/blobDecider';
import type { RecordedEvent } from '../../ports/eventStore';
import type { Document, ReadStore } from '../../ports/readStore';
import type { Projection } from '../projection';

export const BLOB_REFS = 'blob_refs';

export interface BlobRefsView extends Document {
  refs: number;
  size: number;
  phase: BlobPhase;
  /** When the last reference was released; the sweeper waits a grace period after it. */
  released_at: string | null;
  collecting_since: string | null;
  updated_at: string;
}

/** Reference counts of stored content, by sha256: where the blob sweeper finds what nothing uses. */
export const blobRefsProjection: Projection = {
  name: 'blob_refs',
  version: 1,
  collections: [BLOB_REFS],
  handles: blobEvent.options.map((option) => option.shape.type.value),

  async setup(store) {
    await store.ensureIndex(BLOB_REFS, {
      fields: [
        ['phase', 1],
        ['refs', 1],
        ['released_at', 1],
      ],
    });
    await store.ensureIndex(BLOB_REFS, {
      fields: [
        ['phase', 1],
        ['collecting_since', 1],
      ],
    });
  },

  async apply(recorded: RecordedEvent, tx: ReadStore) {
    const event = blobEvent.parse({ type: recorded.type, data: recorded.data });
    const at = recorded.createdAt.toISOString();
    const key = event.data.sha256;
    const current = (await tx.get<BlobRefsView>(BLOB_REFS, key)) ?? {
      _id: key,
      refs: 0,
      size: 0,
      phase: 'live',
      released_at: null,
      collecting_since: null,
      updated_at: at,
    };
    const next: BlobRefsView = { ...current, updated_at: at };
    switch (event.type) {
      case 'BlobReferenced':
        Object.assign(next, { refs: current.refs + 1, size: event.data.size, phase: 'live', collecting_since: null });
        break;
      case 'BlobReleased':
        Object.assign(next, { refs: Math.max(0, current.refs - 1), released_at: event.data.releasedAt });
        break;
      case 'BlobCollectionStarted':
        Object.assign(next, { phase: 'collecting', collecting_since: event.data.startedAt });
        break;
      case 'BlobCollected':
        Object.assign(next, { phase: 'collected', collecting_since: null });
        break;
    }
    await tx.upsert(BLOB_REFS, next);
  },
};
