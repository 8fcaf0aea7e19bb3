import type { Document } from '../../ports/readStore';

export const USAGE_REQUESTS = 'usage_requests';

/** One request in the request log (kept for FILORA_USAGE_RETENTION_DAYS, see the usage log pruner). */
export interface UsageRequestView extends Document {
  user_id: string;
  /** Null for a request made with a login session. */
  token_id: string | null;
  request_id: string;
  /** When the request arrived (ISO, UTC). */
  at: string;
  method: string;
  /** The route template, or the path when no route matched (`route_matched` false). */
  route: string;
  route_matched: boolean;
  path: string;
  status: number;
  duration_ms: number;
  bytes_in: number;
  bytes_out: number;
  completed: boolean;
  ip: string | null;
  user_agent: string | null;
}

/** A record's row: the event's id and the record's place in it, so a replay writes the same rows. */
export const usageRequestId = (eventId: string, index: number): string => `${eventId}:${index}`;
