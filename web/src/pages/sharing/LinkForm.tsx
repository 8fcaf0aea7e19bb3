import { useId, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field, SelectField } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { LINK_CHOICES } from './permissions';
import { instantFromLocalInput } from '../../format';
import type { Shareable } from './resource';
import { resourcePath } from './resource';
import type { LinkPermission } from './types';

/** Create a public link: what it gives, and optionally an expiry, a password and a download limit. */
export function LinkForm({ resource, onCreated }: { resource: Shareable; onCreated: () => void }) {
  const id = useId();
  const [permission, setPermission] = useState<LinkPermission>('download');
  const [expiry, setExpiry] = useState('');
  const [password, setPassword] = useState('');
  const [limit, setLimit] = useState('');
  const create = useAction(async () => {
    await api('POST', `${resourcePath(resource)}/links`, {
      body: {
        permission,
        expires_at: instantFromLocalInput(expiry, 'Link expires'),
        password: password === '' ? null : password,
        max_downloads: limit === '' ? null : Number(limit),
      },
    });
    setPassword('');
    onCreated();
  });
  return (
    <form
      class="sharing-form"
      aria-label={`New public link to ${resource.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        void create.run();
      }}
    >
      <div class="sharing-row">
        <SelectField id={`${id}-permission`} label="Link gives" value={permission} choices={LINK_CHOICES} onValue={setPermission} />
        <Field id={`${id}-expiry`} label="Link expires (optional)">
          <input id={`${id}-expiry`} type="datetime-local" value={expiry} onInput={(event) => setExpiry(event.currentTarget.value)} />
        </Field>
      </div>
      <div class="sharing-row">
        <Field id={`${id}-password`} label="Password (optional)" hint="Holders must type it. It is not shown again.">
          <input
            id={`${id}-password`}
            type="password"
            autocomplete="new-password"
            value={password}
            aria-describedby={`${id}-password-hint`}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </Field>
        <Field id={`${id}-limit`} label="Download limit (optional)">
          <input
            id={`${id}-limit`}
            type="number"
            min={1}
            max={1000000}
            inputMode="numeric"
            value={limit}
            onInput={(event) => setLimit(event.currentTarget.value)}
          />
        </Field>
      </div>
      <button type="submit" class="button" disabled={create.running}>
        {create.running ? 'Creating…' : 'Create link'}
      </button>
      <ErrorBanner error={create.error} title="No link created" />
    </form>
  );
}
