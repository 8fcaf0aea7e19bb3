import type { Decider } from '../shared/decider';
import { conflict } from '../shared/domainError';
import type { BlobEvent } from './blobEvents';

export type BlobPhase = 'live' | 'collecting' | 'collected';

export interface BlobState {
  /** `<fileId>:<versionId>` of every version that references the content. */
  holders: readonly string[];
  phase: BlobPhase;
  lastReleasedAt: Date | null;
  collectionStartedAt: Date | null;
}

/**
 * `StartCollection` may begin only when nothing references the blob; a collector deletes the content only
 * after its own BlobCollectionStarted was appended, and finishes with BlobCollected. A reference is refused
 * while a collection runs (the upload waits for it to finish), and a reference appended after a finished
 * collection is marked `revived`, telling the upload to check the content is still there. Because both sides
 * append to this stream with an expected revision, a collection never deletes content that a reference
 * recorded before it relies on.
 */
export type BlobCommand =
  | { type: 'Reference'; sha256: string; size: number; fileId: string; versionId: string }
  | { type: 'Release'; sha256: string; fileId: string; versionId: string }
  /** `graceMs`: how long the last release must be past; `takeOverAfterMs`: when a collection someone else started counts as abandoned. */
  | { type: 'StartCollection'; sha256: string; graceMs: number; takeOverAfterMs: number }
  | { type: 'FinishCollection'; sha256: string };

const holderKey = (fileId: string, versionId: string) => `${fileId}:${versionId}`;

const initialState: BlobState = { holders: [], phase: 'live', lastReleasedAt: null, collectionStartedAt: null };

function evolve(state: BlobState, event: BlobEvent): BlobState {
  switch (event.type) {
    case 'BlobReferenced':
      return { ...state, phase: 'live', holders: [...state.holders, holderKey(event.data.fileId, event.data.versionId)] };
    case 'BlobReleased': {
      const released = holderKey(event.data.fileId, event.data.versionId);
      return { ...state, holders: state.holders.filter((holder) => holder !== released), lastReleasedAt: new Date(event.data.releasedAt) };
    }
    case 'BlobCollectionStarted':
      return { ...state, phase: 'collecting', collectionStartedAt: new Date(event.data.startedAt) };
    case 'BlobCollected':
      return { ...state, phase: 'collected', collectionStartedAt: null };
  }
}

function startCollection(command: Extract<BlobCommand, { type: 'StartCollection' }>, state: BlobState, now: Date): BlobEvent[] {
  if (state.holders.length > 0) throw conflict('the blob is referenced');
  if (
    state.phase === 'collecting' &&
    state.collectionStartedAt !== null &&
    now.getTime() - state.collectionStartedAt.getTime() <= command.takeOverAfterMs
  ) {
    throw conflict('the blob is already being collected');
  }
  if (state.lastReleasedAt !== null && now.getTime() - state.lastReleasedAt.getTime() < command.graceMs)
    throw conflict('the blob was released too recently');
  return [{ type: 'BlobCollectionStarted', data: { sha256: command.sha256, startedAt: now.toISOString() } }];
}

export const blobDecider: Decider<BlobCommand, BlobEvent, BlobState> = {
  initialState,
  evolve,
  decide(command, state, { now }) {
    switch (command.type) {
      case 'Reference': {
        if (state.phase === 'collecting') throw conflict('the blob is being collected');
        const { sha256, size, fileId, versionId } = command;
        if (state.holders.includes(holderKey(fileId, versionId))) return [];
        return [{ type: 'BlobReferenced', data: { sha256, size, fileId, versionId, revived: state.phase === 'collected' } }];
      }
      case 'Release': {
        const { sha256, fileId, versionId } = command;
        if (!state.holders.includes(holderKey(fileId, versionId))) return [];
        return [{ type: 'BlobReleased', data: { sha256, fileId, versionId, releasedAt: now.toISOString() } }];
      }
      case 'StartCollection':
        return startCollection(command, state, now);
      case 'FinishCollection':
        return state.phase === 'collecting' ? [{ type: 'BlobCollected', data: { sha256: command.sha256 } }] : [];
    }
  },
};
