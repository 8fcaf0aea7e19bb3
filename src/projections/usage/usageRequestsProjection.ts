import type { UsageRecord } from '../../domain/usage/usageEvents';
import type { UsageRequestView } from './usageRequestView';
import { USAGE_REQUESTS, usageRequestId } from './usageRequestView';
import { usageRecordsProjection } from './usageRecordsProjection';

const toRow = (record: UsageRecord, id: string): UsageRequestView => ({
  _id: id,
  user_id: record.userId,
  token_id: record.tokenId,
  request_id: record.requestId,
  at: record.at,
  method: record.method,
  route: record.route,
  route_matched: record.routeMatched ?? true,
  path: record.path,
  status: record.status,
  duration_ms: record.durationMs,
  bytes_in: record.bytesIn,
  bytes_out: record.bytesOut,
  completed: record.completed ?? true,
  ip: record.ip,
  user_agent: record.userAgent,
});

/**
 * The request log: one row per usage record, read newest first per token (GET /tokens/:id/logs) and per
 * user. It keeps every record it is given; rows past the retention are deleted by the usage log pruner
 * (projector role), and queries never show them meanwhile.
 */
export const usageRequestsProjection = usageRecordsProjection({
  name: 'usage_requests',
  version: 1,
  collections: [USAGE_REQUESTS],

  async setup(store) {
    await store.ensureIndex(USAGE_REQUESTS, {
      fields: [
        ['token_id', 1],
        ['at', -1],
      ],
    });
    await store.ensureIndex(USAGE_REQUESTS, {
      fields: [
        ['user_id', 1],
        ['at', -1],
      ],
    });
    await store.ensureIndex(USAGE_REQUESTS, { fields: [['at', 1]] });
  },
  async applyRecords(tx, records, recorded) {
    for (const [index, record] of records.entries()) await tx.upsert(USAGE_REQUESTS, toRow(record, usageRequestId(recorded.id, index)));
  },
});
