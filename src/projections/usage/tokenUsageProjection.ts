import { statusClassOf } from '../../domain/usage/statusClass';
import { noStatusCounts } from '../../domain/usage/statusClass';
import type { UsageRecord } from '../../domain/usage/usageEvents';
import { evolveDocument } from '../evolveDocument';
import type { TokenUsageView } from './tokenUsageView';
import { TOKEN_USAGE } from './tokenUsageView';
import { usageRecordsProjection } from './usageRecordsProjection';

/** Adds a request to a token's row; the newest request (by arrival) gives last_used_at and last_used_ip. */
function withRequest(row: TokenUsageView | null, record: UsageRecord & { tokenId: string }): TokenUsageView {
  const current = row ?? {
    _id: record.tokenId,
    user_id: record.userId,
    request_count: 0,
    last_used_at: record.at,
    last_used_ip: record.ip,
    by_status_class: noStatusCounts(),
  };
  const statusClass = statusClassOf(record.status);
  const newer = record.at >= current.last_used_at;
  return {
    ...current,
    request_count: current.request_count + 1,
    by_status_class: statusClass
      ? { ...current.by_status_class, [statusClass]: current.by_status_class[statusClass] + 1 }
      : current.by_status_class,
    last_used_at: newer ? record.at : current.last_used_at,
    last_used_ip: newer ? record.ip : current.last_used_ip,
  };
}

const byToken = (records: readonly UsageRecord[]): Map<string, Array<UsageRecord & { tokenId: string }>> => {
  const groups = new Map<string, Array<UsageRecord & { tokenId: string }>>();
  for (const record of records) {
    if (record.tokenId === null) continue;
    const group = groups.get(record.tokenId) ?? [];
    group.push({ ...record, tokenId: record.tokenId });
    groups.set(record.tokenId, group);
  }
  return groups;
};

/** Per API token: requests made, when and from where it was last used, counts by status class (see findTokenUsage). */
export const tokenUsageProjection = usageRecordsProjection({
  name: 'usage_tokens',
  version: 1,
  collections: [TOKEN_USAGE],

  async setup() {
    // Rows are read by token id only.
  },
  async applyRecords(tx, records) {
    for (const [tokenId, requests] of byToken(records)) {
      await evolveDocument<TokenUsageView>(tx, TOKEN_USAGE, tokenId, (current) => requests.reduce(withRequest, current) as TokenUsageView);
    }
  },
});
