import type { BlobEvent } from '../../domain/blob/blobEvents';
import { blobEvent } from '../../domain/blob/blobEvents';
import type { BlobPhase } from '../../domain/blob/blobDecider';
import type { Document } from '../../ports/readStore';
import { documentProjection } from '../documentProjection';

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

const unreferenced = (key: string, at: string): BlobRefsView => ({
  _id: key,
  refs: 0,
  size: 0,
  phase: 'live',
  released_at: null,
  collecting_since: null,
  updated_at: at,
});

function evolveBlobRefs(view: BlobRefsView | null, event: BlobEvent, at: string): BlobRefsView {
  const current = view ?? unreferenced(event.data.sha256, at);
  const next: BlobRefsView = { ...current, updated_at: at };
  switch (event.type) {
    case 'BlobReferenced':
      return { ...next, refs: current.refs + 1, size: event.data.size, phase: 'live', collecting_since: null };
    case 'BlobReleased':
      return { ...next, refs: Math.max(0, current.refs - 1), released_at: event.data.releasedAt };
    case 'BlobCollectionStarted':
      return { ...next, phase: 'collecting', collecting_since: event.data.startedAt };
    case 'BlobCollected':
      return { ...next, phase: 'collected', collecting_since: null };
  }
}

/** Reference counts of stored content, by sha256: where the blob sweeper finds what nothing uses. */
export const blobRefsProjection = documentProjection<BlobEvent, BlobRefsView>({
  name: 'blob_refs',
  version: 1,
  collection: BLOB_REFS,
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
  parse: (event) => blobEvent.parse(event),
  key: (event) => event.data.sha256,
  evolve: evolveBlobRefs,
});
