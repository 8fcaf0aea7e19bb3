import { api } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { formatTime } from '../../format';
import { useResource } from '../../hooks/useResource';
import { DisplayNameForm } from './DisplayNameForm';
import { PasswordForm } from './PasswordForm';
import type { CurrentUser } from './types';

/** Who is signed in (GET /users/me), and the forms that change the display name and the password. */
export function AccountSection() {
  const me = useResource((signal) => api<CurrentUser>('GET', '/users/me', { signal }), []);
  return (
    <section class="card" aria-labelledby="security-account">
      <h2 id="security-account">Account</h2>
      {me.loading && me.data === undefined && <Loading label="Loading your account…" />}
      <ErrorBanner error={me.error} title="Could not load your account" />
      {me.data !== undefined && (
        <>
          <dl class="security-facts">
            <dt>Username</dt>
            <dd>{me.data.username}</dd>
            <dt>Email</dt>
            <dd>{me.data.email}</dd>
            <dt>Display name</dt>
            <dd>{me.data.display_name}</dd>
            <dt>Member since</dt>
            <dd>{formatTime(me.data.created_at)}</dd>
          </dl>
          <h3>Change display name</h3>
          <DisplayNameForm current={me.data.display_name} onSaved={() => me.reload(true)} />
        </>
      )}
      <h3>Change password</h3>
      <PasswordForm />
    </section>
  );
}
