import { useId, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { sessionStore } from '../../api/session';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field, SelectField } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { SHARE_CHOICES } from './permissions';
import { instantFromLocalInput } from '../../format';
import type { Shareable } from './resource';
import { resourcePath } from './resource';
import { ShareOutcome } from './ShareOutcome';
import type { Accepted, PublicUser, SharePermission, ShareResults } from './types';
import { UserSearch } from './UserSearch';

/** Pick people (search as you type), a permission and an optional expiry, and share the resource with them. */
export function ShareWithPeople({ resource, onShared }: { resource: Shareable; onShared: () => void }) {
  const id = useId();
  const [picked, setPicked] = useState<PublicUser[]>([]);
  const [permission, setPermission] = useState<SharePermission>('read');
  const [expiry, setExpiry] = useState('');
  const [outcome, setOutcome] = useState<ShareResults | Accepted | null>(null);
  const me = sessionStore.current()?.userId;
  const share = useAction(async () => {
    setOutcome(null);
    const answer = await api<ShareResults | Accepted>('POST', `${resourcePath(resource)}/shares`, {
      body: { usernames: picked.map((user) => user.username), permission, expires_at: instantFromLocalInput(expiry, 'Expires') },
    });
    setOutcome(answer);
    setPicked([]);
    onShared();
  });
  return (
    <form
      class="sharing-form"
      aria-label={`Share ${resource.name} with people`}
      onSubmit={(event) => {
        event.preventDefault();
        void share.run();
      }}
    >
      <UserSearch
        excluded={[...picked.map((user) => user.id), ...(me === undefined ? [] : [me])]}
        onPick={(user) => setPicked((users) => [...users, user])}
      />
      {picked.length > 0 && (
        <ul class="sharing-picked" aria-label="Share with">
          {picked.map((user) => (
            <li key={user.id} class="sharing-chip">
              <span>
                {user.display_name} <span class="muted">@{user.username}</span>
              </span>
              <button
                type="button"
                class="button button-ghost button-small"
                aria-label={`Remove ${user.username}`}
                onClick={() => setPicked((users) => users.filter((other) => other.id !== user.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="sharing-row">
        <SelectField id={`${id}-permission`} label="Permission" value={permission} choices={SHARE_CHOICES} onValue={setPermission} />
        <Field id={`${id}-expiry`} label="Expires (optional)" hint="Leave empty to share until you revoke it.">
          <input
            id={`${id}-expiry`}
            type="datetime-local"
            value={expiry}
            aria-describedby={`${id}-expiry-hint`}
            onInput={(event) => setExpiry(event.currentTarget.value)}
          />
        </Field>
      </div>
      <button type="submit" class="button" disabled={picked.length === 0 || share.running}>
        {share.running ? 'Sharing…' : 'Share'}
      </button>
      <ErrorBanner error={share.error} title="Not shared" />
      {outcome !== null && <ShareOutcome outcome={outcome} />}
    </form>
  );
}
