import type { EventStore, Position } from '../ports/eventStore';
import type { ReadStore } from '../ports/readStore';
import type { Checkpoint } from './checkpoints';
import { CHECKPOINTS, readCheckpoint } from './checkpoints';
import { measureLag } from './projectionLag';
import type { ProjectionProgress, ProjectionStatus } from './projectionProgress';
import type { Projection } from './projection';

const POLL_MS = 25;

/** Projection progress as seen by a process that does not run them (the `api` role): read from the checkpoints. */
export class CheckpointObserver implements ProjectionProgress {
  constructor(
    private readonly projections: readonly Projection[],
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
  ) {}

  async statuses(): Promise<ProjectionStatus[]> {
    const checkpoints = await this.checkpoints();
    return Promise.all(
      this.projections.map(async (projection) => {
        const checkpoint = checkpoints.get(projection.name);
        const position = checkpoint?.version === projection.version ? checkpoint.position : null;
        const state = checkpoint?.failure ? 'failed' : checkpoint ? 'running' : 'unknown';
        return {
          name: projection.name,
          version: projection.version,
          state,
          position,
          failure: checkpoint?.failure ?? null,
          ...(await measureLag(this.eventStore, position)),
        };
      }),
    );
  }

  async waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const checkpoints = await this.checkpoints();
      const reached = this.projections.every((projection) => {
        const checkpointPosition = checkpoints.get(projection.name)?.position;
        return checkpointPosition != null && checkpointPosition >= position;
      });
      if (reached) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))));
    }
  }

  async checkpointOf(name: string): Promise<Position | null> {
    const projection = this.projections.find((candidate) => candidate.name === name);
    if (!projection) return null;
    const checkpoint = await readCheckpoint(this.readStore, name);
    return checkpoint?.version === projection.version ? checkpoint.position : null;
  }

  private async checkpoints(): Promise<Map<string, Checkpoint>> {
    const docs = await this.readStore.find<Checkpoint>(
      CHECKPOINTS,
      { _id: { $in: this.projections.map((projection) => projection.name) } },
      { limit: this.projections.length },
    );
    return new Map(docs.map((doc) => [doc._id, doc]));
  }
}
