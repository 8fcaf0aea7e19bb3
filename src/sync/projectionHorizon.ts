import type { Position } from '../ports/eventStore';
import type { ProjectionProgress } from '../projections/projectionProgress';
import type { HorizonWatch } from './feedTypes';

/** How often a process that does not run the projections reads the checkpoint while someone follows the horizon. */
export const HORIZON_POLL_MS = 25;

/**
 * The feed's horizon: the checkpoint of the projection that keeps who may see what (`access`). It
 * commits its rows with its checkpoint, so every access row an audience at or below the horizon needs is
 * final. Where that projection runs in this process, listeners are called after each batch it applies;
 * elsewhere (the `api` role) the checkpoint is read every HORIZON_POLL_MS while anyone listens.
 */
export class ProjectionHorizon implements HorizonWatch {
  private readonly listeners = new Set<() => void>();
  private stopFollowing: (() => void) | null = null;

  constructor(
    private readonly progress: ProjectionProgress,
    private readonly projection: string,
    private readonly pollMs = HORIZON_POLL_MS,
  ) {}

  current(): Promise<Position | null> {
    return this.progress.checkpointOf(this.projection);
  }

  onAdvance(listener: () => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.stopFollowing = this.follow();
    return () => {
      if (!this.listeners.delete(listener) || this.listeners.size > 0) return;
      this.stopFollowing?.();
      this.stopFollowing = null;
    };
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private follow(): () => void {
    return this.progress.onProgress ? this.progress.onProgress(() => this.notify()) : this.poll();
  }

  private poll(): () => void {
    let seen: Position | null | undefined;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const tick = async (): Promise<void> => {
      try {
        const position = await this.current();
        if (!stopped && seen !== undefined && position !== seen) this.notify();
        seen = position;
      } catch {
        // The read store is unreachable for now: the next tick tries again, and listeners wait meanwhile.
      }
      if (stopped) return;
      timer = setTimeout(() => void tick(), this.pollMs);
      timer.unref();
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }
}
