import { ANY, NO_STREAM, STREAM_EXISTS, jsonEvent } from '@eventstore/db-client';
import type {
  AppendExpectedRevision,
  EventData,
  Position as EsdbPosition,
  RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { EventMetadata, EventToAppend, ExpectedRevision, Position, RecordedEvent } from '../../ports/eventStore';

const WIDTH = 20;
const ESDB_POSITION = /^(\d{20})\/(\d{20})$/;

/** Commit and prepare positions, each zero-padded, so that string order is $all order. */
export function formatEsdbPosition(position: EsdbPosition): Position {
  return `${position.commit.toString().padStart(WIDTH, '0')}/${position.prepare.toString().padStart(WIDTH, '0')}`;
}

export function parseEsdbPosition(position: Position): EsdbPosition {
  const match = ESDB_POSITION.exec(position);
  if (!match?.[1] || !match[2]) throw new Error(`invalid EventStoreDB position: ${JSON.stringify(position)}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'any':
      return ANY;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

export function toEventData(event: EventToAppend): EventData {
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: { ...event.metadata } });
}

/** Events Filora wrote: not system or link events (types starting with '$'), JSON content. */
export function isFiloraEvent(event: EsdbRecordedEvent): boolean {
  return !event.type.startsWith('$') && event.isJson;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  if (!event.isJson || !isRecord(event.data)) {
    throw new Error(`event ${event.id} in ${event.streamId} does not hold a JSON object`);
  }
  // A stream read of an old server may carry no $all position; Filora needs one for every event.
  if (!event.position || event.position.commit === 0n) {
    throw new Error(`event ${event.id} in ${event.streamId} came without its $all position (EventStoreDB 21.10 or newer is needed)`);
  }
  return {
    streamId: event.streamId,
    revision: event.revision,
    position: formatEsdbPosition(event.position),
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: isRecord(event.metadata) ? (event.metadata as EventMetadata) : {},
    createdAt: event.created,
  };
}
