import type { AppendResult, EventToAppend, ExpectedRevision } from '../../ports/eventStore';
import { assertExpectedRevision, idempotentResult } from './appendRules';
import { sequencePosition } from './sequencePosition';
import type { writerStatements } from './sqliteEventTable';
import { toStoredRef } from './sqliteEventTable';

export interface AppendRequest {
  stream: string;
  events: readonly EventToAppend[];
  expectedRevision: ExpectedRevision;
}

export interface AppendOutcome {
  result: AppendResult;
  /** False for a retry of a batch already stored, which writes nothing. */
  written: boolean;
}

/** Checks and writes one append inside the caller's transaction; throws WrongExpectedRevisionError without writing. */
export function appendInTransaction(writer: ReturnType<typeof writerStatements>, request: AppendRequest, createdAt: number): AppendOutcome {
  const { stream, events, expectedRevision } = request;
  const stored = events.map((event) => {
    const row = writer.refById.get(event.id);
    return row && toStoredRef(row);
  });
  const retry = idempotentResult(stream, events, stored);
  if (retry) return { result: retry, written: false };
  const last = writer.lastRevision.get(stream)?.revision ?? null;
  assertExpectedRevision(stream, expectedRevision, last === null ? 'no_stream' : BigInt(last));
  let revision = last ?? -1;
  let position = 0;
  for (const event of events) {
    revision += 1;
    const info = writer.insert.run(
      stream,
      revision,
      event.id,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      createdAt,
    );
    position = Number(info.lastInsertRowid);
  }
  return { result: { nextExpectedRevision: BigInt(revision), position: sequencePosition(position) }, written: true };
}
