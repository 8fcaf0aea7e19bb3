import { useId, useState } from 'preact/hooks';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { Field, fieldAria, SelectField, TextField } from '../../../components/Field';
import { fieldErrorsOf } from '../../../components/fieldErrors';
import { failureTitle } from '../../../components/failureTitle';
import { useAction } from '../../../hooks/useAction';
import { formatTime } from '../../../format';
import type { ExpiryChoice } from './expiry';
import { EXPIRY_CHOICES, expiresAtOf, tomorrow } from './expiry';
import type { ApiToken, Scope, TokenSettings } from './types';
import { SCOPES } from './types';

const SCOPE_HINTS: Record<Scope, string> = {
  'files.read': 'List, search and download files',
  'files.write': 'Upload, change and delete files',
  'shares.manage': 'Share files and manage public links',
  'webhooks.manage': 'Manage webhooks',
  'audit.read': 'Read the audit log and usage statistics',
};

const DEFAULT_RATE_LIMIT = 1000;

/** The lines of the allowlist box, without blanks. */
const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** The API's complaints about allowlist lines (`ip_allowlist.0`: the first line) as one message for the box. */
function allowlistError(errors: Record<string, string>): string | undefined {
  const messages = Object.entries(errors)
    .filter(([field]) => field === 'ip_allowlist' || field.startsWith('ip_allowlist.'))
    .map(([field, message]) => {
      const index = Number(field.slice('ip_allowlist.'.length));
      return field === 'ip_allowlist' || Number.isNaN(index) ? message : `line ${index + 1}: ${message}`;
    });
  return messages.length === 0 ? undefined : messages.join('; ');
}

const HINTS = {
  name: 'What the token is for, e.g. “Backup script”.',
  allowlist: 'One address or CIDR block per line (IPv4 or IPv6), e.g. 203.0.113.0/24. Leave empty to allow any address.',
  expiryDate: 'The token works through the end of this day.',
};

/**
 * A token's settings: name, scopes, expiry, IP allowlist and rate limit. Creating starts empty; editing starts
 * from the token (and leaves its expiry as it is unless the user picks another). `onSubmit` gets the fields
 * to send (`expires_at` left out when kept).
 */
export function TokenForm({
  token,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  token?: ApiToken;
  submitLabel: string;
  onSubmit: (settings: TokenSettings) => Promise<void>;
  onCancel?: () => void;
}) {
  const id = useId();
  const [name, setName] = useState(token?.name ?? '');
  const [scopes, setScopes] = useState<Scope[]>(token?.scopes ?? []);
  const [expiry, setExpiry] = useState<ExpiryChoice>(token === undefined ? '90' : 'keep');
  const [expiryDate, setExpiryDate] = useState('');
  const [allowlist, setAllowlist] = useState((token?.ip_allowlist ?? []).join('\n'));
  const [rateLimit, setRateLimit] = useState(String(token?.rate_limit ?? DEFAULT_RATE_LIMIT));
  const save = useAction(async () => {
    const expiresAt = expiresAtOf(expiry, expiryDate);
    await onSubmit({
      name: name.trim(),
      scopes,
      ...(expiresAt === undefined ? {} : { expires_at: expiresAt }),
      ip_allowlist: linesOf(allowlist),
      rate_limit: Number(rateLimit),
    });
  });
  const errors = fieldErrorsOf(save.error);
  const allowlistProblem = allowlistError(errors);
  const toggleScope = (scope: Scope, checked: boolean) =>
    setScopes((current) =>
      checked ? SCOPES.filter((each) => each === scope || current.includes(each)) : current.filter((each) => each !== scope),
    );

  return (
    <form
      class="tokens-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save.run();
      }}
    >
      <TextField
        id={`${id}-name`}
        label="Name"
        hint={HINTS.name}
        error={errors.name}
        value={name}
        onValue={setName}
        required
        maxLength={100}
        autocomplete="off"
      />
      <fieldset>
        <legend>Scopes</legend>
        <p class="hint">What the token may do: at least one.</p>
        {errors.scopes !== undefined && <p class="field-error">{errors.scopes}</p>}
        {SCOPES.map((scope) => (
          <label key={scope} class="checkbox">
            <input type="checkbox" checked={scopes.includes(scope)} onChange={(event) => toggleScope(scope, event.currentTarget.checked)} />
            <span>
              <code>{scope}</code> <span class="muted">{SCOPE_HINTS[scope]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div class="tokens-form-row">
        <SelectField
          id={`${id}-expiry`}
          label="Expires"
          value={expiry}
          choices={[
            ...(token === undefined
              ? []
              : [{ value: 'keep' as const, label: `Keep: ${token.expires_at === null ? 'never' : formatTime(token.expires_at)}` }]),
            ...EXPIRY_CHOICES,
          ]}
          onValue={setExpiry}
          error={expiry === 'date' ? undefined : errors.expires_at}
        />
        {expiry === 'date' && (
          <Field id={`${id}-expiry-date`} label="Expiry date" hint={HINTS.expiryDate} error={errors.expires_at}>
            <input
              id={`${id}-expiry-date`}
              type="date"
              {...fieldAria(`${id}-expiry-date`, { hint: HINTS.expiryDate, error: errors.expires_at })}
              min={tomorrow()}
              value={expiryDate}
              onInput={(event) => setExpiryDate(event.currentTarget.value)}
              required
            />
          </Field>
        )}
        <Field id={`${id}-rate`} label="Rate limit (requests per hour)" error={errors.rate_limit}>
          <input
            id={`${id}-rate`}
            {...fieldAria(`${id}-rate`, { error: errors.rate_limit })}
            type="number"
            min={1}
            max={1000000}
            step={1}
            value={rateLimit}
            onInput={(event) => setRateLimit(event.currentTarget.value)}
            required
          />
        </Field>
      </div>
      <Field id={`${id}-allowlist`} label="IP allowlist" hint={HINTS.allowlist} error={allowlistProblem}>
        <textarea
          id={`${id}-allowlist`}
          {...fieldAria(`${id}-allowlist`, { hint: HINTS.allowlist, error: allowlistProblem })}
          rows={3}
          value={allowlist}
          onInput={(event) => setAllowlist(event.currentTarget.value)}
          spellcheck={false}
        />
      </Field>
      <ErrorBanner
        error={save.error}
        title={failureTitle(save.error, token === undefined ? 'Could not create the token' : 'Could not save the token')}
      />
      <div class="actions">
        <button type="submit" class="button" disabled={save.running || scopes.length === 0}>
          {save.running ? 'Saving…' : submitLabel}
        </button>
        {onCancel !== undefined && (
          <button type="button" class="button button-secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
