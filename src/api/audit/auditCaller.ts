import type { Request } from 'express';
import type { AuditFilter, RoleLookup, StreamAccess } from '../../audit/auditPorts';
import type { Actor } from '../../domain/access/accessPolicy';
import { notFound } from '../../domain/shared/domainError';
import { readsEveryStream } from '../../domain/user/roles';
import type { EventStore, Position } from '../../ports/eventStore';
import type { AuditExportQuery } from './auditSchemas';

/** Whom the log is filtered for: null for a caller whose roles read every stream, else the caller. */
export async function auditVisibility(roles: RoleLookup, caller: Actor): Promise<Actor | null> {
  return readsEveryStream(await roles.rolesOf(caller.userId)) ? null : caller;
}

/** A stream the caller may not read answers 404, whether it exists or not. */
export async function requireReadableStream(access: StreamAccess, caller: Actor, stream: string): Promise<void> {
  if (!(await access.mayRead(caller, stream))) throw notFound('stream not found');
}

/** The same, and a stream without events answers 404 to everyone (auditors too). */
export async function requireExistingStream(access: StreamAccess, eventStore: EventStore, caller: Actor, stream: string): Promise<void> {
  await requireReadableStream(access, caller, stream);
  if ((await eventStore.readStream(stream, { limit: 1 })).length === 0) throw notFound('stream not found');
}

const later = (a: Position | null, b: Position | null): Position | null => (a === null ? b : b === null || a > b ? a : b);

/**
 * The filter a query asks for. `after_position` is a parameter of every read (read-your-writes, see
 * mountRoutes): validated and waited for there, it is read here from the request, and the audit log starts
 * after it; a cursor starts after the later of the two.
 */
export function auditFilterOf(query: AuditExportQuery, req: Request, cursorPosition: Position | null = null): AuditFilter {
  const afterPosition = typeof req.query.after_position === 'string' ? req.query.after_position : null;
  return {
    stream: query.stream,
    category: query.category,
    types: query.type,
    actor: query.actor,
    since: query.since === undefined ? undefined : new Date(query.since),
    until: query.until === undefined ? undefined : new Date(query.until),
    afterPosition: later(afterPosition, cursorPosition),
  };
}
