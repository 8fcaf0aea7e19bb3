import type { Actor } from '../../domain/access/accessPolicy';
import type { AuditFilter, AuditLogReader } from '../../audit/auditPorts';
import type { Position, RecordedEvent } from '../../ports/eventStore';

/**
 * Most events one page looks at, matching or not, before it answers: a filter that matches little (or a user
 * who sees little of the log) gets a short page and a cursor past what was looked at, never an unbounded scan.
 */
export const AUDIT_SCAN_LIMIT = 10_000;

export interface AuditPageRead {
  /** At most `limit` events. */
  events: RecordedEvent[];
  /** Where the next page starts after: the last event answered, or the last one looked at; null at the end. */
  resumeAfter: RecordedEvent | Position | null;
}

/** One page of the audit log: `limit` events and one more to tell whether another page follows. */
export async function readAuditPage(
  reader: AuditLogReader,
  filter: AuditFilter,
  visibleTo: Actor | null,
  limit: number,
  scanLimit = AUDIT_SCAN_LIMIT,
): Promise<AuditPageRead> {
  const scanStop = new AbortController();
  let lookedAt: Position | null = null;
  const onProgress = ({ scanned, position }: { scanned: number; position: Position | null }) => {
    lookedAt = position;
    if (scanned >= scanLimit) scanStop.abort();
  };
  const events: RecordedEvent[] = [];
  for await (const event of reader.events(filter, { visibleTo, onProgress, signal: scanStop.signal })) {
    if (events.length === limit) return { events, resumeAfter: events[limit - 1]! };
    events.push(event);
  }
  return { events, resumeAfter: scanStop.signal.aborted ? lookedAt : null };
}
