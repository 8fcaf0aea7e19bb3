import type { ProjectionProgress } from '../../projections/projectionProgress';

/** Lets a write's answer show its own effect: waits (bounded) until the read models hold `position`. */
export async function settle(progress: ProjectionProgress, position: string | null, maxMs: number): Promise<void> {
  if (position !== null) await progress.waitFor(position, maxMs);
}
