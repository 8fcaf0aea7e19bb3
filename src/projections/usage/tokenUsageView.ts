import type { StatusClass } from '../../domain/usage/statusClass';
import type { Document } from '../../ports/readStore';

export const TOKEN_USAGE = 'usage_tokens';

/** One row per API token that has made a request: what the token list shows of its use. */
export interface TokenUsageView extends Document {
  user_id: string;
  request_count: number;
  /** When the newest request seen started, and the address it came from. */
  last_used_at: string;
  last_used_ip: string | null;
  by_status_class: Record<StatusClass, number>;
}
