import { useId, useState } from 'preact/hooks';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { Field } from '../../../components/Field';
import type { Action } from '../../../hooks/useAction';
import { EventPicker } from './EventPicker';
import type { Ordering, WebhookSettings } from './types';

/** A new webhook's settings: the API's defaults. */
export const DEFAULT_SETTINGS: WebhookSettings = {
  url: '',
  events: [],
  name: null,
  description: null,
  rate_limit_per_minute: 100,
  max_concurrency: 10,
  ordering: 'none',
  verify_ssl: true,
};

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** The settings of a webhook, to create one or to change one; `action` sends them and holds the API's refusal. */
export function WebhookForm({
  initial,
  submitLabel,
  action,
}: {
  initial: WebhookSettings;
  submitLabel: string;
  action: Action<[WebhookSettings]>;
}) {
  const [settings, setSettings] = useState<WebhookSettings>(initial);
  const id = useId();
  const set = <K extends keyof WebhookSettings>(key: K, value: WebhookSettings[K]) => setSettings((old) => ({ ...old, [key]: value }));
  return (
    <form
      class="webhooks-form"
      onSubmit={(event) => {
        event.preventDefault();
        void action.run(settings);
      }}
    >
      <Field id={`${id}-url`} label="Endpoint URL" hint="Filora POSTs each event here, signed.">
        <input
          id={`${id}-url`}
          type="url"
          required
          maxLength={2048}
          placeholder="https://example.com/webhooks/filora"
          value={settings.url}
          aria-describedby={`${id}-url-hint`}
          onInput={(event) => set('url', event.currentTarget.value)}
        />
      </Field>
      <div class="webhooks-form-row">
        <Field id={`${id}-name`} label="Name (optional)">
          <input
            id={`${id}-name`}
            type="text"
            maxLength={100}
            value={settings.name ?? ''}
            onInput={(event) => set('name', orNull(event.currentTarget.value))}
          />
        </Field>
        <Field id={`${id}-description`} label="Description (optional)">
          <input
            id={`${id}-description`}
            type="text"
            maxLength={1000}
            value={settings.description ?? ''}
            onInput={(event) => set('description', orNull(event.currentTarget.value))}
          />
        </Field>
      </div>
      <EventPicker value={settings.events} onChange={(events) => set('events', events)} />
      <div class="webhooks-form-row">
        <Field id={`${id}-rate`} label="Rate limit (deliveries per minute)" hint="1 to 60000.">
          <input
            id={`${id}-rate`}
            type="number"
            min={1}
            max={60000}
            required
            value={settings.rate_limit_per_minute}
            aria-describedby={`${id}-rate-hint`}
            onInput={(event) => set('rate_limit_per_minute', event.currentTarget.valueAsNumber)}
          />
        </Field>
        <Field id={`${id}-concurrency`} label="Deliveries in flight at once" hint="1 to 100.">
          <input
            id={`${id}-concurrency`}
            type="number"
            min={1}
            max={100}
            required
            value={settings.max_concurrency}
            aria-describedby={`${id}-concurrency-hint`}
            onInput={(event) => set('max_concurrency', event.currentTarget.valueAsNumber)}
          />
        </Field>
        <Field id={`${id}-ordering`} label="Ordering">
          <select
            id={`${id}-ordering`}
            value={settings.ordering}
            onChange={(event) => set('ordering', event.currentTarget.value as Ordering)}
          >
            <option value="none">None (fastest)</option>
            <option value="per_resource">Per file or folder, in order</option>
          </select>
        </Field>
      </div>
      <label class="checkbox">
        <input type="checkbox" checked={settings.verify_ssl} onChange={(event) => set('verify_ssl', event.currentTarget.checked)} />
        Require a valid TLS certificate
      </label>
      <ErrorBanner error={action.error} />
      <p>
        <button type="submit" class="button" disabled={action.running || settings.events.length === 0}>
          {action.running ? 'Saving…' : submitLabel}
        </button>
        {settings.events.length === 0 && <span class="muted webhooks-inline-note">Choose at least one event.</span>}
      </p>
    </form>
  );
}
