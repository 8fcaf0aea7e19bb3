import { useEffect, useRef, useState } from 'preact/hooks';
import { Empty } from '../../../components/Empty';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { LoadMore } from '../../../components/LoadMore';
import { Loading } from '../../../components/Loading';
import { ScrollTable } from '../../../components/ScrollTable';
import { useLiveChanges } from '../../../hooks/useLive';
import { usePagedList } from '../../../hooks/usePagedList';
import { paths } from '../../../routes';
import { causedByCall, describeCounts } from './callOutcomes';
import { CreateHookForm } from './CreateHookForm';
import { HookStateBadge } from './HookStateBadge';
import { IssuedSecrets } from './IssuedSecrets';
import type { IncomingWebhookSummary, IssuedIncomingWebhook } from './types';
import { ACTION_LABELS, INCOMING_PATH } from './types';
import './incoming.css';

/** Your incoming webhooks: what each runs, whether it is on, its calls; and a form for a new one. */
export function IncomingWebhooksPage() {
  const hooks = usePagedList<IncomingWebhookSummary>(INCOMING_PATH);
  // The list answers each hook's call counts: a call that ran reloads them.
  useLiveChanges(
    () => hooks.reload(true),
    (item) => causedByCall(item.type),
  );
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<IssuedIncomingWebhook | null>(null);
  const createdNotice = useRef<HTMLDivElement>(null);
  // The form that had focus is gone: focus goes to what it made, the URL to copy.
  useEffect(() => createdNotice.current?.focus(), [created]);
  return (
    <section class="incoming">
      <div class="toolbar incoming-heading">
        <h1>Incoming webhooks</h1>
        {!creating && (
          <button type="button" class="button" onClick={() => setCreating(true)}>
            New incoming webhook
          </button>
        )}
      </div>
      <p class="muted">A secret URL another system posts JSON to; each call becomes a folder or file command, run as you.</p>
      {created !== null && (
        <div class="banner banner-success" ref={createdNotice} tabIndex={-1} role="region" aria-label={`${created.name} created`}>
          <p>
            <strong>{created.name}</strong> is ready. <a href={paths.incomingWebhook(created.id)}>Open {created.name}</a> to try its mapping
            with a dry run.
          </p>
          <IssuedSecrets shown={created} />
        </div>
      )}
      {creating && (
        <CreateHookForm
          onCancel={() => setCreating(false)}
          onCreated={(hook) => {
            setCreated(hook);
            setCreating(false);
            hooks.reload(true);
          }}
        />
      )}
      <h2>Your incoming webhooks</h2>
      <ErrorBanner error={hooks.error} title="The incoming webhooks could not be listed" />
      {hooks.loading && <Loading />}
      {hooks.data !== undefined && hooks.data.length === 0 && (
        <Empty title="No incoming webhooks yet">
          <p>Create one to let a form tool or another service create and update your files.</p>
        </Empty>
      )}
      {hooks.data !== undefined && hooks.data.length > 0 && (
        <ScrollTable label="Your incoming webhooks" columns={['Name', 'Command', 'State', 'Calls', 'URL starts']}>
          {hooks.data.map((hook) => (
            <tr key={hook.id}>
              <td>
                <a href={paths.incomingWebhook(hook.id)}>{hook.name}</a>
              </td>
              <td>{ACTION_LABELS[hook.action]}</td>
              <td>
                <HookStateBadge enabled={hook.enabled} />
              </td>
              <td>{describeCounts(hook.stats)}</td>
              <td>
                <code>{hook.token_prefix}…</code>
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
      <LoadMore list={hooks} />
    </section>
  );
}
