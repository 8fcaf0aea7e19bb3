import { api } from '../../../api/client';
import { useResource } from '../../../hooks/useResource';
import type { CallStats, IncomingWebhook } from './types';
import { hookPath } from './types';

export const describeCounts = (stats: CallStats) =>
  `${stats.total} ${stats.total === 1 ? 'call' : 'calls'}: ${stats.succeeded} succeeded, ${stats.failed} failed`;

/** A list row's call counts: the list answers no stats, so each row reads its hook (a page holds at most 20). */
export function CallCounts({ hookId }: { hookId: string }) {
  const hook = useResource((signal) => api<IncomingWebhook>('GET', hookPath(hookId), { signal }), [hookId]);
  if (hook.data !== undefined) return <>{describeCounts(hook.data.stats)}</>;
  return <span class="muted">{hook.error === null ? 'Counting…' : 'Not available'}</span>;
}
