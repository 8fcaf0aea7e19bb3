import type { Position } from '../ports/eventStore';
import type { Document, ReadStore } from '../ports/readStore';

export const CHECKPOINTS = 'projection_checkpoints';

export interface ProjectionFailure {
  message: string;
  eventId: string;
  eventType: string;
  position: Position;
}

export interface Checkpoint extends Document {
  version: number;
  position: Position | null;
  failure: ProjectionFailure | null;
}

export const readCheckpoint = (store: ReadStore, name: string) => store.get<Checkpoint>(CHECKPOINTS, name);

export function writeCheckpoint(
  store: ReadStore,
  name: string,
  version: number,
  position: Position | null,
  failure: ProjectionFailure | null = null,
): Promise<void> {
  const checkpoint: Checkpoint = { _id: name, version, position, failure };
  return store.upsert(CHECKPOINTS, checkpoint);
}
