import type { BadgeTone } from '../../../components/Badge';
import { Badge } from '../../../components/Badge';
import type { TokenStatus } from './types';

const TONES: Record<TokenStatus, BadgeTone> = { active: 'success', expired: 'warning', revoked: 'danger' };

/** Whether a token works: active, expired or revoked. */
export function TokenStatusBadge({ status }: { status: TokenStatus }) {
  return <Badge tone={TONES[status]}>{status}</Badge>;
}
