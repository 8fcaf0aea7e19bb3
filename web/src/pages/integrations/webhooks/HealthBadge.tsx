import { Badge } from '../../../components/Badge';
import { healthOf } from './present';
import type { Webhook } from './types';

/** Healthy, degraded, failing or disabled. */
export function HealthBadge({ webhook }: { webhook: Webhook }) {
  const { label, tone } = healthOf(webhook);
  return <Badge tone={tone}>{label}</Badge>;
}
