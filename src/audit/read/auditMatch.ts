import { categoryOf } from '../../domain/publicEvents';
import type { RecordedEvent } from '../../ports/eventStore';
import type { AuditFilter } from '../auditPorts';
import { storedTypesOf } from './storedTypes';

/** Whether an event passes every part of the filter (they combine with AND); the stream itself is chosen by the read. */
export function auditMatcher(filter: AuditFilter): (event: RecordedEvent) => boolean {
  const types = filter.types === undefined ? null : new Set(storedTypesOf(filter.types));
  const { category, actor, since, until, afterPosition, afterRevision } = filter;
  return (event) =>
    (filter.stream === undefined || event.streamId === filter.stream) &&
    (category === undefined || categoryOf(event.streamId) === category) &&
    (types === null || types.has(event.type)) &&
    (actor === undefined || event.metadata.actor === actor) &&
    (since === undefined || event.createdAt >= since) &&
    (until === undefined || event.createdAt < until) &&
    (afterPosition === undefined || afterPosition === null || event.position > afterPosition) &&
    (afterRevision === undefined || event.revision > afterRevision);
}
