import { Badge } from '../../../components/Badge';
import { useState } from 'preact/hooks';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useAction } from '../../../hooks/useAction';
import { paths } from '../../../routes';
import { attemptOutcome, formatDuration } from './present';
import { ResponseView } from './ResponseView';
import type { TestDelivery } from './types';
import { webhooksApi } from './webhooksApi';

/** "Send test event": a signed `webhook.test` sent now, and how the endpoint answered it, right here. */
export function TestSend({ webhookId, enabled, onSent }: { webhookId: string; enabled: boolean; onSent: () => void }) {
  const [sent, setSent] = useState<TestDelivery | null>(null);
  const send = useAction(async () => {
    setSent(await webhooksApi.test(webhookId));
    onSent();
  });
  return (
    <section class="card" aria-labelledby="webhooks-test-title">
      <h2 id="webhooks-test-title">Test</h2>
      <p class="actions">
        <button type="button" class="button" onClick={() => void send.run()} disabled={send.running || !enabled}>
          {send.running ? 'Sending…' : 'Send test event'}
        </button>
        {!enabled && <span class="muted">Enable the webhook to test it.</span>}
      </p>
      <ErrorBanner error={send.error} title="The test event could not be sent" />
      {sent !== null && (
        <div class="webhooks-test-result">
          <p class="actions">
            <span role="status">
              <Badge tone={sent.success ? 'success' : 'danger'}>{sent.success ? 'Delivered' : 'Failed'}</Badge> {attemptOutcome(sent)} in{' '}
              {formatDuration(sent.duration_ms)}
            </span>
            <a href={paths.delivery(webhookId, sent.delivery_id)}>Open this delivery</a>
          </p>
          <ResponseView context="Test" result={{ ...sent, headers: sent.response.headers, body: sent.response.body }} />
        </div>
      )}
    </section>
  );
}
