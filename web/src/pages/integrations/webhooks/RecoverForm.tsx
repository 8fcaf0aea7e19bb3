import { useId, useState } from 'preact/hooks';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { Field } from '../../../components/Field';
import { instantFromLocalInput } from '../../../format';
import { useAction } from '../../../hooks/useAction';
import type { Recovery } from './types';
import { webhooksApi } from './webhooksApi';

const SINCE_LABEL = 'Created from';
const UNTIL_LABEL = 'Up to (optional)';

/** Re-sends the failed deliveries created in a window (after an outage of the endpoint, say). */
export function RecoverForm({ webhookId, enabled, onRecovered }: { webhookId: string; enabled: boolean; onRecovered: () => void }) {
  const id = useId();
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [recovery, setRecovery] = useState<Recovery | null>(null);
  const recover = useAction(async () => {
    // A bad time throws an Error naming its field: the banner below shows it.
    const start = instantFromLocalInput(since, SINCE_LABEL);
    if (start === null) throw new Error(`${SINCE_LABEL}: choose a date and time`);
    const end = instantFromLocalInput(until, UNTIL_LABEL);
    setRecovery(await webhooksApi.recover(webhookId, end === null ? { since: start } : { since: start, until: end }));
    onRecovered();
  });
  return (
    <section class="card" aria-labelledby="webhooks-recover-title">
      <h2 id="webhooks-recover-title">Recover failed deliveries</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void recover.run();
        }}
      >
        <div class="webhooks-form-row">
          <Field id={`${id}-since`} label={SINCE_LABEL}>
            <input
              id={`${id}-since`}
              type="datetime-local"
              required
              value={since}
              onInput={(event) => setSince(event.currentTarget.value)}
            />
          </Field>
          <Field id={`${id}-until`} label={UNTIL_LABEL} hint="Now when left empty.">
            <input
              id={`${id}-until`}
              type="datetime-local"
              value={until}
              aria-describedby={`${id}-until-hint`}
              onInput={(event) => setUntil(event.currentTarget.value)}
            />
          </Field>
        </div>
        <button type="submit" class="button button-secondary" disabled={recover.running || !enabled}>
          {recover.running ? 'Re-sending…' : 'Re-send failed deliveries'}
        </button>
      </form>
      <ErrorBanner error={recover.error} title="The deliveries could not be re-sent" />
      {recovery !== null && (
        <p role="status" class="banner banner-success">
          {recovery.recovered === 1 ? '1 failed delivery is' : `${recovery.recovered} failed deliveries are`} being sent again.
          {recovery.has_more && ' More remain in this window: press again.'}
        </p>
      )}
    </section>
  );
}
