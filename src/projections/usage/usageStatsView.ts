import type { LatencyHistogram } from '../../domain/usage/latencyHistogram';
import { mergeHistograms, recordLatency } from '../../domain/usage/latencyHistogram';
import type { StatusClass } from '../../domain/usage/statusClass';
import { noStatusCounts, STATUS_CLASSES, statusClassOf } from '../../domain/usage/statusClass';
import type { UsageRecord } from '../../domain/usage/usageEvents';
import type { Document } from '../../ports/readStore';
import { uuidV5 } from '../../shared/uuidV5';

export const USAGE_STATS = 'usage_stats';

/**
 * What a statistics row sums up, per user and UTC day:
 * - `day`: all of the user's requests;
 * - `token`: per credential (a token, or `token_id` null for login sessions);
 * - `route`: per method and route template (`route` null for requests no route matched, whatever their path);
 * - `detail`: per credential, method, route and exact status.
 */
export type UsageStatsGrain = 'day' | 'token' | 'route' | 'detail';

export interface UsageCounts {
  requests: number;
  by_status_class: Record<StatusClass, number>;
  bytes_in: number;
  bytes_out: number;
  latency: LatencyHistogram;
}

export interface UsageStatsView extends Document, UsageCounts {
  grain: UsageStatsGrain;
  user_id: string;
  /** `YYYY-MM-DD`, UTC, of the requests' arrival. */
  day: string;
  token_id: string | null;
  method: string | null;
  route: string | null;
  status: number | null;
}

export const noCounts = (): UsageCounts => ({ requests: 0, by_status_class: noStatusCounts(), bytes_in: 0, bytes_out: 0, latency: {} });

export function addCounts<C extends UsageCounts>(into: C, more: UsageCounts): C {
  const byStatusClass = noStatusCounts();
  for (const statusClass of STATUS_CLASSES)
    byStatusClass[statusClass] = into.by_status_class[statusClass] + more.by_status_class[statusClass];
  return {
    ...into,
    requests: into.requests + more.requests,
    by_status_class: byStatusClass,
    bytes_in: into.bytes_in + more.bytes_in,
    bytes_out: into.bytes_out + more.bytes_out,
    latency: mergeHistograms(into.latency, more.latency),
  };
}

/** Counts one more record into `counts`, in place: a batch's hundreds of records add up in one object per row. */
export function countInto(counts: UsageCounts, record: UsageRecord): void {
  counts.requests += 1;
  const statusClass = statusClassOf(record.status);
  if (statusClass) counts.by_status_class[statusClass] += 1;
  counts.bytes_in += record.bytesIn;
  counts.bytes_out += record.bytesOut;
  counts.latency = recordLatency(counts.latency, record.durationMs);
}

/** Requests answered 4xx or 5xx. */
export const errorsOf = (counts: UsageCounts): number => counts.by_status_class['4xx'] + counts.by_status_class['5xx'];

const ROW_NAMESPACE = '3f1c2a0e-6d0b-5e53-9a51-0c6b2f0d7a41';

export type UsageStatsKey = Pick<UsageStatsView, 'grain' | 'user_id' | 'day' | 'token_id' | 'method' | 'route' | 'status'>;

/** The rows a record counts in, one per grain. */
export function rowKeysOf(record: UsageRecord): UsageStatsKey[] {
  const common = { user_id: record.userId, day: record.at.slice(0, 10) };
  const route = record.routeMatched === false ? null : record.route;
  const none = { token_id: null, method: null, route: null, status: null };
  return [
    { ...common, ...none, grain: 'day' },
    { ...common, ...none, grain: 'token', token_id: record.tokenId },
    { ...common, ...none, grain: 'route', method: record.method, route },
    { ...common, grain: 'detail', token_id: record.tokenId, method: record.method, route, status: record.status },
  ];
}

/** The key as one string: what tells rows apart. */
export const rowKeyText = (key: UsageStatsKey): string =>
  JSON.stringify([key.grain, key.user_id, key.day, key.token_id, key.method, key.route, key.status]);

export const statsRowId = (key: UsageStatsKey): string => uuidV5(rowKeyText(key), ROW_NAMESPACE);
