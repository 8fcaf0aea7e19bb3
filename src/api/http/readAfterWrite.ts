import type { Response } from 'express';
import type { ProjectionProgress } from '../../projections/projectionProgress';

/**
 * A write is stored, but the read models have not caught up with it within the wait bound: the
 * answer is 202 with the position to read after, rather than a view that would not show the write.
 */
export class WriteNotYetVisible {
  constructor(
    readonly position: string,
    readonly id?: string,
  ) {}
}

/** Lets a write's answer show its own effect: waits (bounded) until the read models hold `position`. */
export async function settle(progress: ProjectionProgress, position: string | null, maxMs: number, id?: string): Promise<void> {
  if (position !== null && !(await progress.waitFor(position, maxMs))) throw new WriteNotYetVisible(position, id);
}

/** The 202's body, for a route that must add to it (a secret shown this once). */
export const notYetVisibleBody = (pending: WriteNotYetVisible) => ({
  ...(pending.id ? { id: pending.id } : {}),
  status: 'accepted',
  position: pending.position,
  message: 'the change is stored; read it with ?after_position= once the read models have caught up',
});

export function answerNotYetVisible(res: Response, pending: WriteNotYetVisible): void {
  res.status(202).set({ 'X-Filora-Position': pending.position, 'X-Filora-Stale': 'true' }).json(notYetVisibleBody(pending));
}
