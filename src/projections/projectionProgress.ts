import type { Position } from '../ports/eventStore';
import type { ProjectionFailure } from './checkpoints';

export interface ProjectionStatus {
  name: string;
  version: number;
  state: 'running' | 'failed' | 'stopped' | 'idle' | 'unknown';
  position: Position | null;
  /** Events between the checkpoint and the head, counted up to LAG_COUNT_LIMIT. */
  lag: number;
  lagIsLowerBound: boolean;
  failure: ProjectionFailure | null;
}

export const LAG_COUNT_LIMIT = 1000;

/** What the API needs from the projections: their state, and a bounded wait for read-your-writes. */
export interface ProjectionProgress {
  statuses(): Promise<ProjectionStatus[]>;
  /** Resolves true once every read model has applied `position`, false when `timeoutMs` passes first. */
  waitFor(position: Position, timeoutMs: number): Promise<boolean>;
  /** Where one projection stands: every event at or below it is applied; null before its first batch (or for a name not run). */
  checkpointOf(name: string): Promise<Position | null>;
  /**
   * Calls `listener` each time a projection of this process has applied a batch; returns the unsubscribe
   * function. Absent where the projections run in another process: poll `checkpointOf` there.
   */
  onProgress?(listener: () => void): () => void;
}
