import { useState } from 'preact/hooks';
import { useAction } from '../../../hooks/useAction';
import { paths } from '../../../routes';
import { SecretOnce } from '../../../components/SecretOnce';
import { webhooksApi } from './webhooksApi';
import type { WebhookSettings } from './types';
import { DEFAULT_SETTINGS, WebhookForm } from './WebhookForm';

/** The "new webhook" form; once created, its signing secret, shown this once. */
export function CreateWebhook({ onCreated, onClose }: { onCreated: () => void; onClose: () => void }) {
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  const create = useAction(async (settings: WebhookSettings) => {
    const webhook = await webhooksApi.create(settings);
    setCreated({ id: webhook.id, secret: webhook.secret });
    onCreated();
  });
  return (
    <section class="card" aria-labelledby="webhooks-create-title">
      <h2 id="webhooks-create-title">New webhook</h2>
      {created === null ? (
        <>
          <WebhookForm initial={DEFAULT_SETTINGS} submitLabel="Create webhook" failure="Could not create the webhook" action={create} />
          <button type="button" class="button button-ghost" onClick={onClose}>
            Cancel
          </button>
        </>
      ) : (
        <>
          <SecretOnce takesFocus label="Signing secret" secret={created.secret} />
          <p>
            Verify every delivery with it (the <code>webhook-signature</code> header, Standard Webhooks).
          </p>
          <p class="actions">
            <a class="button" href={paths.webhook(created.id)}>
              Open the webhook
            </a>
            <button type="button" class="button button-secondary" onClick={onClose}>
              Done
            </button>
          </p>
        </>
      )}
    </section>
  );
}
