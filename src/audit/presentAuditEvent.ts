import { PUBLIC_EVENT_NAMES, SECRET_FIELDS } from '../domain/publicEvents';
import type { RecordedEvent } from '../ports/eventStore';

/** What stands where a secret, or its hash, was: the auditor sees the field existed, never its value. */
export const REDACTED = '[redacted]';

/** One event as the audit API, its NDJSON export and `filora replay` answer it (snake_case; `data` as stored). */
export interface AuditEventAnswer {
  id: string;
  stream: string;
  revision: number;
  position: string;
  type: string;
  /** The public name (DESIGN §4), or null for events that never leave the platform under one. */
  event: string | null;
  time: string;
  actor: string | null;
  token_id: string | null;
  request_id: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  ip: string | null;
  incoming_webhook_id: string | null;
  oauth_client_id: string | null;
  prev_hash: string | null;
  hash: string | null;
  data: Record<string, unknown>;
}

/** A copy of a stored value with every secret field, at any depth, replaced by REDACTED. */
export function redactDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, member]) => [key, SECRET_FIELDS.has(key) ? REDACTED : redactDeep(member)]),
  );
}

export function presentAuditEvent(event: RecordedEvent): AuditEventAnswer {
  const { metadata } = event;
  return {
    id: event.id,
    stream: event.streamId,
    revision: Number(event.revision),
    position: event.position,
    type: event.type,
    event: PUBLIC_EVENT_NAMES[event.type] ?? null,
    time: event.createdAt.toISOString(),
    actor: metadata.actor ?? null,
    token_id: metadata.tokenId ?? null,
    request_id: metadata.requestId ?? null,
    correlation_id: metadata.correlationId ?? null,
    causation_id: metadata.causationId ?? null,
    ip: metadata.ip ?? null,
    incoming_webhook_id: metadata.incomingWebhookId ?? null,
    oauth_client_id: metadata.oauthClientId ?? null,
    prev_hash: metadata.prevHash ?? null,
    hash: metadata.hash ?? null,
    data: redactDeep(event.data) as Record<string, unknown>,
  };
}
