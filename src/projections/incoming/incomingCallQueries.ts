import type { CallOutcome } from '../../domain/incoming/incomingCallEvents';
import type { Document, FieldConditions, Filter, ReadStore } from '../../ports/readStore';
import type { IncomingCallRow } from '../../incoming/incomingPorts';
import { INCOMING_WEBHOOK_CALLS } from '../../incoming/incomingPorts';

/** Per-hook counts of the call log, kept by the calls projection so a hook's stats are one read. */
export const INCOMING_WEBHOOK_CALL_STATS = 'incoming_webhook_call_stats';
export interface IncomingCallStatsRow extends Document {
  /** `_id` is the hook's id. */
  total: number;
  succeeded: number;
  /** Finished with any other outcome. */
  failed: number;
  lastCallAt: string | null;
}

export interface CallStats {
  /** Calls received, running ones included. */
  total: number;
  succeeded: number;
  failed: number;
  /** succeeded / (succeeded + failed); null before any call finished. */
  successRate: number | null;
  lastCallAt: string | null;
}

/** A hook's calls, newest first: the order of `GET /incoming-webhooks/{id}/logs` (see the projection's index). */
export const CALL_LIST_SORT = [
  ['receivedAt', -1],
  ['_id', -1],
] as const;

export interface CallCriteria {
  outcome?: CallOutcome | 'running';
  /** Received at or after. */
  since?: Date;
  /** Received at or before. */
  until?: Date;
}

/** The filter of a hook's calls that meet the criteria. */
export function callsFilter(incomingWebhookId: string, criteria: CallCriteria): Filter {
  const filter: Filter = { incomingWebhookId };
  if (criteria.outcome) filter.outcome = criteria.outcome;
  const received: FieldConditions = {};
  if (criteria.since) received.$gte = criteria.since.toISOString();
  if (criteria.until) received.$lte = criteria.until.toISOString();
  if (Object.keys(received).length > 0) filter.receivedAt = received;
  return filter;
}

/** The hook's `n` newest calls. */
export const recentCalls = (readStore: ReadStore, incomingWebhookId: string, n: number): Promise<IncomingCallRow[]> =>
  readStore.find<IncomingCallRow>(INCOMING_WEBHOOK_CALLS, { incomingWebhookId }, { sort: CALL_LIST_SORT, limit: n });

/** The stats of a hook no call reached yet. */
export const NO_CALLS: CallStats = { total: 0, succeeded: 0, failed: 0, successRate: null, lastCallAt: null };

export async function callStats(readStore: ReadStore, incomingWebhookId: string): Promise<CallStats> {
  const row = await readStore.get<IncomingCallStatsRow>(INCOMING_WEBHOOK_CALL_STATS, incomingWebhookId);
  return row ? statsOf(row) : NO_CALLS;
}

/** The stats of the hooks of a list page (at most 100) in one query, by hook id; a hook no call reached is absent (NO_CALLS). */
export async function callStatsOfHooks(readStore: ReadStore, incomingWebhookIds: readonly string[]): Promise<Map<string, CallStats>> {
  if (incomingWebhookIds.length === 0) return new Map();
  const filter = { _id: { $in: incomingWebhookIds } };
  const rows = await readStore.find<IncomingCallStatsRow>(INCOMING_WEBHOOK_CALL_STATS, filter, { limit: incomingWebhookIds.length });
  return new Map(rows.map((row) => [row._id, statsOf(row)]));
}

function statsOf(row: IncomingCallStatsRow): CallStats {
  const finished = row.succeeded + row.failed;
  return {
    total: row.total,
    succeeded: row.succeeded,
    failed: row.failed,
    successRate: finished === 0 ? null : row.succeeded / finished,
    lastCallAt: row.lastCallAt,
  };
}
