import type { EventStore } from '../ports/eventStore';
import type { ProjectionProgress } from './projectionProgress';

/**
 * Waits (bounded) until the read models hold every event appended so far, for the write side's queries
 * that must not miss a write made a moment ago. Answers whether they got there in time.
 */
export async function readModelsAtHead(eventStore: EventStore, progress: ProjectionProgress, maxWaitMs: number): Promise<boolean> {
  const head = await eventStore.headPosition();
  return head === null || progress.waitFor(head, maxWaitMs);
}
