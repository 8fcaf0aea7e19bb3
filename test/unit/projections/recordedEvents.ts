import { randomUUID } from 'node:crypto';
import { sequencePosition } from '../../../src/adapters/eventStore/sequencePosition';
import type { RecordedEvent } from '../../../src/ports/eventStore';

const START = Date.parse('2026-01-01T00:00:00.000Z');

/** Recorded events as the log would hand them over: positions in order, one second apart. */
export class RecordedEvents {
  private sequence = 0;

  record(type: string, data: Record<string, unknown>, streamId = `test-${randomUUID()}`): RecordedEvent {
    this.sequence++;
    return {
      streamId,
      revision: 0n,
      position: sequencePosition(this.sequence),
      id: randomUUID(),
      type,
      data,
      metadata: {},
      createdAt: new Date(START + this.sequence * 1000),
    };
  }
}

/** The timestamp a projection writes for an event. */
export const at = (event: RecordedEvent) => event.createdAt.toISOString();

export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const sha = (n: number) => String(n).padStart(64, '0');
