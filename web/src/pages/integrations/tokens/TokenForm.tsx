import { useId, useState } from 'preact/hooks';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { Field, SelectField } from '../../../components/Field';
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
      <Field id={`${id}-name`} label="Name" hint="What the token is for, e.g. “Backup script”.">
        <input
          id={`${id}-name`}
          aria-describedby={`${id}-name-hint`}
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
          required
          maxLength={100}
          autoComplete="off"
        />
      </Field>
      <fieldset>
        <legend>Scopes</legend>
        <p class="hint">What the token may do: at least one.</p>
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
        />
        {expiry === 'date' && (
          <Field id={`${id}-expiry-date`} label="Expiry date" hint="The token works through the end of this day.">
            <input
              id={`${id}-expiry-date`}
              type="date"
              aria-describedby={`${id}-expiry-date-hint`}
              min={tomorrow()}
              value={expiryDate}
              onInput={(event) => setExpiryDate(event.currentTarget.value)}
              required
            />
          </Field>
        )}
        <Field id={`${id}-rate`} label="Rate limit (requests per hour)">
          <input
            id={`${id}-rate`}
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
      <Field
        id={`${id}-allowlist`}
        label="IP allowlist"
        hint="One address or CIDR block per line (IPv4 or IPv6), e.g. 203.0.113.0/24. Leave empty to allow any address."
      >
        <textarea
          id={`${id}-allowlist`}
          aria-describedby={`${id}-allowlist-hint`}
          rows={3}
          value={allowlist}
          onInput={(event) => setAllowlist(event.currentTarget.value)}
          spellcheck={false}
        />
      </Field>
      <ErrorBanner error={save.error} title="The token was not saved" />
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
