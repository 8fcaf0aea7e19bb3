import type { StatusClass } from '../../domain/usage/statusClass';
import { noStatusCounts } from '../../domain/usage/statusClass';
import type { ReadStore } from '../../ports/readStore';
import type { TokenUsageView } from './tokenUsageView';
import { TOKEN_USAGE } from './tokenUsageView';

export interface TokenUsage {
  request_count: number;
  last_used_at: string | null;
  last_used_ip: string | null;
  by_status_class: Record<StatusClass, number>;
}

/** Ids read per query: a token list page holds at most 100. */
const CHUNK = 100;

const unused = (): TokenUsage => ({ request_count: 0, last_used_at: null, last_used_ip: null, by_status_class: noStatusCounts() });

/**
 * The usage of each token asked for, by token id; a token that has made no request (or whose requests are
 * not projected yet) answers zero counts and nulls, so every id asked for is in the map.
 */
export async function findTokenUsage(readStore: ReadStore, tokenIds: readonly string[]): Promise<Map<string, TokenUsage>> {
  const ids = [...new Set(tokenIds)];
  const usage = new Map<string, TokenUsage>(ids.map((id) => [id, unused()]));
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const rows = await readStore.find<TokenUsageView>(TOKEN_USAGE, { _id: { $in: chunk } }, { limit: chunk.length });
    for (const row of rows) {
      usage.set(row._id, {
        request_count: row.request_count,
        last_used_at: row.last_used_at,
        last_used_ip: row.last_used_ip,
        by_status_class: { ...noStatusCounts(), ...row.by_status_class },
      });
    }
  }
  return usage;
}
