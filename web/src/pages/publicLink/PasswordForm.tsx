import { useState } from 'preact/hooks';
import { ActionForm } from '../../components/ActionForm';
import { TextField } from '../../components/Field';
import { fieldErrorsOf } from '../../components/fieldErrors';
import { useAction } from '../../hooks/useAction';
import { unlockPublicLink } from './publicLinkApi';

/** A password-protected link: the password unlocks it for 15 minutes (an HttpOnly cookie), then the page reloads it. */
export function PasswordForm({ token, onUnlocked }: { token: string; onUnlocked: () => void }) {
  const [password, setPassword] = useState('');
  const unlock = useAction(async () => {
    await unlockPublicLink(token, password);
    onUnlocked();
  });
  return (
    <section class="card">
      <h1>This link needs a password</h1>
      <p>Ask the person who shared it for the password.</p>
      <ActionForm action={unlock} failure="Could not open the link" submitLabel="Open" runningLabel="Checking…" wide>
        <TextField
          id="link-password"
          label="Password"
          type="password"
          autocomplete="off"
          value={password}
          onValue={setPassword}
          error={fieldErrorsOf(unlock.error).password}
          required
          focusOnMount
        />
      </ActionForm>
    </section>
  );
}
