import type { StatusClassCounts } from '../tokens/types';

/** The answer of GET /integrations/stats (components.schemas.IntegrationStats). */

export const PERIODS = [
  { value: '24h', label: 'Today' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
] as const;

export type Period = (typeof PERIODS)[number]['value'];

/** Milliseconds; null without requests. */
export interface UsageLatency {
  p50: number | null;
  p95: number | null;
}

export interface UsageFigures {
  requests: number;
  errors: number;
  error_rate: number;
  latency_ms: UsageLatency;
}

export interface IntegrationStats {
  period: Period;
  from: string;
  to: string;
  totals: UsageFigures & { bytes_in: number; bytes_out: number; by_status_class: StatusClassCounts };
  by_day: (UsageFigures & { day: string })[];
  top_tokens: (UsageFigures & { token_id: string })[];
  top_routes: (UsageFigures & { method: string; route: string | null })[];
}
