import { useRoute } from 'preact-iso';
import { api } from '../../../api/client';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { Loading } from '../../../components/Loading';
import { formatTime } from '../../../format';
import { useResource } from '../../../hooks/useResource';
import { paths } from '../../../routes';
import { CallLog } from './CallLog';
import { describeCounts } from './callOutcomes';
import { HookSettingsCard } from './HookSettingsCard';
import { HookUrlCard } from './HookUrlCard';
import { MappingCard } from './MappingCard';
import type { IncomingWebhook } from './types';
import { ACTION_LABELS, hookPath } from './types';
import './incoming.css';

/** One incoming webhook: its mapping with a dry run, its settings and URL, and its calls. */
export function IncomingWebhookPage() {
  const { params } = useRoute();
  const hookId = params.hookId ?? '';
  const hook = useResource((signal) => api<IncomingWebhook>('GET', hookPath(hookId), { signal }), [hookId]);
  const reload = () => hook.reload(true);
  const current = hook.data;
  return (
    <section class="incoming">
      <p>
        <a href={paths.incomingWebhooks}>← Incoming webhooks</a>
      </p>
      {current === undefined ? (
        <>
          <h1>Incoming webhook</h1>
          {hook.loading && <Loading />}
          <ErrorBanner error={hook.error} title="The incoming webhook could not be loaded" />
        </>
      ) : (
        <>
          <h1>{current.name}</h1>
          <p class="muted">
            {ACTION_LABELS[current.action]} · {describeCounts(current.stats)}
            {current.stats.last_call_at !== null && ` · last call ${formatTime(current.stats.last_call_at)}`}
          </p>
          <ErrorBanner error={hook.error} title="The incoming webhook could not be reloaded" />
          <MappingCard key={`${current.action}:${current.upsert_field}`} hook={current} onChanged={reload} />
          <CallLog hookId={current.id} action={current.action} onCallsChanged={reload} />
          <HookSettingsCard hook={current} onChanged={reload} />
          <HookUrlCard hook={current} onChanged={reload} />
        </>
      )}
    </section>
  );
}
