import { useState } from 'preact/hooks';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { formatTime } from '../../../format';
import { useAction } from '../../../hooks/useAction';
import { webhookTitle } from './present';
import type { Webhook } from './types';
import { SecretOnce } from '../../../components/SecretOnce';
import { webhooksApi } from './webhooksApi';

/** A new signing secret, shown once; the old one keeps signing beside it for 24 h so receivers can switch. */
export function RotateSecret({ webhook, onRotated }: { webhook: Webhook; onRotated: () => void }) {
  const [secret, setSecret] = useState<string | null>(null);
  const rotate = useAction(async () => {
    setSecret((await webhooksApi.rotateSecret(webhook.id)).secret);
    onRotated();
  });
  return (
    <section class="card" aria-labelledby="webhooks-secret-title">
      <h2 id="webhooks-secret-title">Signing secret</h2>
      <p>
        Rotating gives the webhook a new secret. The old one keeps signing beside it for 24 hours (each delivery carries both signatures),
        so you can update your receiver without losing deliveries.
      </p>
      {webhook.previous_secret_expires_at !== null && (
        <p class="muted">The previous secret signs until {formatTime(webhook.previous_secret_expires_at)}.</p>
      )}
      <ConfirmButton
        label="Rotate secret"
        name={`Rotate secret of ${webhookTitle(webhook)}`}
        confirmLabel="Rotate now"
        onConfirm={() => void rotate.run()}
        disabled={rotate.running}
      />
      <ErrorBanner error={rotate.error} title="The secret could not be rotated" />
      {secret !== null && <SecretOnce takesFocus label="New signing secret" secret={secret} />}
    </section>
  );
}
