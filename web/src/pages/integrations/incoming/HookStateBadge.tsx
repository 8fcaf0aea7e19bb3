import { Badge } from '../../../components/Badge';

/** Whether a hook takes calls: a disabled one answers 403 to every call. */
export function HookStateBadge({ enabled }: { enabled: boolean }) {
  return <Badge tone={enabled ? 'success' : 'warning'}>{enabled ? 'Enabled' : 'Disabled'}</Badge>;
}
