import type { Request } from 'express';
import type { z } from 'zod';
import { presentAuditEvent } from '../../audit/presentAuditEvent';
import type { VerifyReport } from '../../audit/auditPorts';
import type { Position, RecordedEvent } from '../../ports/eventStore';
import type { ApiServices } from '../apiServices';
import type { Page } from '../http/pagination';
import { pageSchema } from '../http/pagination';
import { route } from '../http/route';
import type { Route } from '../http/route';
import { auditFilterOf, auditVisibility, requireExistingStream, requireReadableStream } from './auditCaller';
import { positionCursor, positionOfCursor, revisionCursor, revisionOfCursor } from './auditCursor';
import type { AuditPageRead } from './auditPage';
import { readAuditPage } from './auditPage';
import {
  auditEventResponse,
  auditEventsQuery,
  auditExportQuery,
  auditPageQuery,
  auditStreamParams,
  auditVerifyQuery,
  chainVerifyResponse,
} from './auditSchemas';
import { ndjsonOf } from './ndjsonExport';

const TAG = 'Audit';

const NOT_READABLE = { description: 'No such stream, or one the caller may not read' };

const WHO_READS =
  'An auditor or admin reads every stream; anyone else the events of what they own or may see through a share (up to where the access read model has caught up).';

type AuditEventAnswer = z.infer<typeof auditEventResponse>;

function pageOf(read: AuditPageRead, limit: number, cursorOf: (resumeAfter: RecordedEvent | Position) => string): Page<AuditEventAnswer> {
  const { events, resumeAfter } = read;
  return {
    data: events.map(presentAuditEvent),
    page: { limit, next_cursor: resumeAfter === null ? null : cursorOf(resumeAfter), has_more: resumeAfter !== null },
  };
}

const afterPositionOf = (resumeAfter: RecordedEvent | Position): string =>
  positionCursor(typeof resumeAfter === 'string' ? resumeAfter : resumeAfter.position);

/** One stream's pages end at an event: every event of the stream matches, so no page stops at the scan limit first. */
const afterRevisionOf = (resumeAfter: RecordedEvent | Position): string => {
  if (typeof resumeAfter === 'string') throw new Error('a stream page ended at a position, not at an event');
  return revisionCursor(resumeAfter.revision);
};

const presentReport = (stream: string, report: VerifyReport): z.infer<typeof chainVerifyResponse> => ({
  stream,
  events: report.events,
  unchained_before_anchor: report.unchainedBeforeAnchor,
  valid: report.breaks.length === 0,
  breaks: report.breaks.map((each) => ({ ...each, revision: Number(each.revision) })),
});

/** Ends the read when the client goes away before the export is complete. */
function readUntilGone(req: Request): AbortSignal {
  const gone = new AbortController();
  req.socket.once('close', () => gone.abort());
  return gone.signal;
}

/** The audit log: events with filters, their NDJSON export, one stream, and one stream's hash chain. */
export function auditRoutes(services: ApiServices): Route[] {
  const { audit, roles, eventStore, chainVerifier } = services;
  return [
    route({
      method: 'get',
      path: '/audit/events',
      summary: 'Events of the log in log order, filtered by stream, category, type, actor and time',
      tag: TAG,
      access: 'audit.read',
      query: auditEventsQuery,
      responses: { 200: { description: `A page of events. ${WHO_READS}`, schema: pageSchema(auditEventResponse) }, 404: NOT_READABLE },
      async handler({ query, principal, req }) {
        if (query.stream !== undefined) await requireReadableStream(audit.streamAccess, principal, query.stream);
        const filter = auditFilterOf(query, req, query.cursor === undefined ? null : positionOfCursor(query.cursor));
        const read = await readAuditPage(audit.reader, filter, await auditVisibility(roles, principal), query.limit);
        return { status: 200, body: pageOf(read, query.limit, afterPositionOf) };
      },
    }),
    route({
      method: 'get',
      path: '/audit/export',
      summary: 'The events of the log the same filters select, streamed as NDJSON',
      tag: TAG,
      access: 'audit.read',
      query: auditExportQuery,
      responses: {
        200: { description: `One audit event a line, in log order. ${WHO_READS}`, mediaType: 'application/x-ndjson' },
        404: NOT_READABLE,
      },
      async handler({ query, principal, req }) {
        if (query.stream !== undefined) await requireReadableStream(audit.streamAccess, principal, query.stream);
        const options = { visibleTo: await auditVisibility(roles, principal), signal: readUntilGone(req) };
        const events = audit.reader.events(auditFilterOf(query, req), options);
        return { status: 200, headers: { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store' }, stream: ndjsonOf(events) };
      },
    }),
    route({
      method: 'get',
      path: '/audit/streams/:stream',
      summary: "One stream's events in revision order",
      tag: TAG,
      access: 'audit.read',
      params: auditStreamParams,
      query: auditPageQuery,
      responses: { 200: { description: 'A page of the stream', schema: pageSchema(auditEventResponse) }, 404: NOT_READABLE },
      async handler({ params, query, principal }) {
        const afterRevision = query.cursor === undefined ? undefined : revisionOfCursor(query.cursor);
        await requireExistingStream(audit.streamAccess, eventStore, principal, params.stream);
        const visibleTo = await auditVisibility(roles, principal);
        const read = await readAuditPage(audit.reader, { stream: params.stream, afterRevision }, visibleTo, query.limit);
        return { status: 200, body: pageOf(read, query.limit, afterRevisionOf) };
      },
    }),
    route({
      method: 'get',
      path: '/audit/verify',
      summary: "Walks one stream's hash chain and names every break",
      tag: TAG,
      access: 'audit.read',
      query: auditVerifyQuery,
      responses: { 200: { description: 'The chain, whole or with its breaks', schema: chainVerifyResponse }, 404: NOT_READABLE },
      async handler({ query, principal }) {
        await requireExistingStream(audit.streamAccess, eventStore, principal, query.stream);
        return { status: 200, body: presentReport(query.stream, await chainVerifier.verifyStream(query.stream)) };
      },
    }),
  ];
}
