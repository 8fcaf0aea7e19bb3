import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { Field, fieldAria, SelectField, TextField } from '../../../components/Field';
import { failureTitle } from '../../../components/failureTitle';
import { useFocusOnMount } from '../../../hooks/useFocusOnMount';
import { fieldErrorsOf } from '../../../components/fieldErrors';
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

const ORDERINGS: { value: Ordering; label: string }[] = [
  { value: 'none', label: 'None (fastest)' },
  { value: 'per_resource', label: 'Per file or folder, in order' },
];

const URL_HINT = 'Filora POSTs each event here, signed.';
const RATE_HINT = '1 to 60000.';
const CONCURRENCY_HINT = '1 to 100.';

/**
 * The settings of a webhook, to create one or to change one; `action` sends them and holds the API's refusal,
 * shown under the fields it names (which take the focus, the first of them) and in a banner titled `failure`.
 */
export function WebhookForm({
  initial,
  submitLabel,
  failure,
  action,
}: {
  initial: WebhookSettings;
  submitLabel: string;
  failure: string;
  action: Action<[WebhookSettings]>;
}) {
  const [settings, setSettings] = useState<WebhookSettings>(initial);
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  // The form replaces the button that opened it: its first field takes the focus.
  const urlInput = useFocusOnMount<HTMLInputElement>();
  const errors = fieldErrorsOf(action.error);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [action.error]);
  const set = <K extends keyof WebhookSettings>(key: K, value: WebhookSettings[K]) => setSettings((old) => ({ ...old, [key]: value }));
  return (
    <form
      ref={form}
      class="webhooks-form"
      onSubmit={(event) => {
        event.preventDefault();
        void action.run(settings);
      }}
    >
      <Field id={`${id}-url`} label="Endpoint URL" hint={URL_HINT} error={errors.url}>
        <input
          ref={urlInput}
          id={`${id}-url`}
          type="url"
          required
          maxLength={2048}
          placeholder="e.g. https://example.com/webhooks/filora"
          value={settings.url}
          {...fieldAria(`${id}-url`, { hint: URL_HINT, error: errors.url })}
          onInput={(event) => set('url', event.currentTarget.value)}
        />
      </Field>
      <div class="webhooks-form-row">
        <TextField
          id={`${id}-name`}
          label="Name (optional)"
          maxLength={100}
          value={settings.name ?? ''}
          error={errors.name}
          onValue={(value) => set('name', orNull(value))}
        />
        <TextField
          id={`${id}-description`}
          label="Description (optional)"
          maxLength={1000}
          value={settings.description ?? ''}
          error={errors.description}
          onValue={(value) => set('description', orNull(value))}
        />
      </div>
      <EventPicker value={settings.events} onChange={(events) => set('events', events)} />
      {errors.events !== undefined && <p class="field-error">Events: {errors.events}</p>}
      <div class="webhooks-form-row">
        <Field id={`${id}-rate`} label="Rate limit (deliveries per minute)" hint={RATE_HINT} error={errors.rate_limit_per_minute}>
          <input
            id={`${id}-rate`}
            type="number"
            min={1}
            max={60000}
            required
            value={settings.rate_limit_per_minute}
            {...fieldAria(`${id}-rate`, { hint: RATE_HINT, error: errors.rate_limit_per_minute })}
            onInput={(event) => set('rate_limit_per_minute', event.currentTarget.valueAsNumber)}
          />
        </Field>
        <Field id={`${id}-concurrency`} label="Deliveries in flight at once" hint={CONCURRENCY_HINT} error={errors.max_concurrency}>
          <input
            id={`${id}-concurrency`}
            type="number"
            min={1}
            max={100}
            required
            value={settings.max_concurrency}
            {...fieldAria(`${id}-concurrency`, { hint: CONCURRENCY_HINT, error: errors.max_concurrency })}
            onInput={(event) => set('max_concurrency', event.currentTarget.valueAsNumber)}
          />
        </Field>
        <SelectField
          id={`${id}-ordering`}
          label="Ordering"
          value={settings.ordering}
          choices={ORDERINGS}
          error={errors.ordering}
          onValue={(value) => set('ordering', value)}
        />
      </div>
      <label class="checkbox">
        <input type="checkbox" checked={settings.verify_ssl} onChange={(event) => set('verify_ssl', event.currentTarget.checked)} />
        Require a valid TLS certificate
      </label>
      <ErrorBanner error={action.error} title={failureTitle(action.error, failure)} />
      <p>
        <button type="submit" class="button" disabled={action.running || settings.events.length === 0}>
          {action.running ? 'Saving…' : submitLabel}
        </button>
        {settings.events.length === 0 && <span class="muted webhooks-inline-note">Choose at least one event.</span>}
      </p>
    </form>
  );
}
