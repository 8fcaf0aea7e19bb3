import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../../../api/client';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useAction } from '../../../hooks/useAction';
import { paths } from '../../../routes';
import { IssuedSecrets } from './IssuedSecrets';
import type { IncomingWebhook, IssuedIncomingWebhook } from './types';
import { hookPath } from './types';

/** The receive URL (only its start is ever shown again), a new one in its place, and deleting the hook. */
export function HookUrlCard({ hook, onChanged }: { hook: IncomingWebhook; onChanged: () => void }) {
  const { route } = useLocation();
  const [newUrl, setNewUrl] = useState<string | null>(null);
  const regenerate = useAction(async () => {
    const issued = await api<IssuedIncomingWebhook>('POST', `${hookPath(hook.id)}/regenerate-token`);
    setNewUrl(issued.url);
    onChanged();
  });
  const remove = useAction(async () => {
    await api<void>('DELETE', hookPath(hook.id));
    route(paths.incomingWebhooks);
  });
  return (
    <section class="card" aria-labelledby="incoming-url-title">
      <h2 id="incoming-url-title">Receive URL</h2>
      <p>
        Senders POST JSON to a URL whose token starts <code>{hook.token_prefix}</code>. It was shown when it was made; a new one replaces
        it, and the old one answers 404 from then on.
      </p>
      {newUrl !== null && <IssuedSecrets shown={{ url: newUrl }} />}
      <ErrorBanner error={regenerate.error} title="No new URL was made" />
      <ErrorBanner error={remove.error} title="The webhook was not deleted" />
      <div class="actions">
        <ConfirmButton
          label="Regenerate URL"
          confirmLabel="Replace the URL"
          onConfirm={() => void regenerate.run()}
          disabled={regenerate.running}
        />
        <ConfirmButton
          label="Delete"
          name={`Delete ${hook.name}`}
          confirmLabel="Delete"
          onConfirm={() => void remove.run()}
          disabled={remove.running}
        />
      </div>
    </section>
  );
}
