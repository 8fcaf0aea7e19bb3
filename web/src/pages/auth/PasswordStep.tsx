import { useState } from 'preact/hooks';
import type { MfaChallenge } from '../../api/auth';
import { signIn } from '../../api/auth';
import { useAction } from '../../hooks/useAction';
import { ActionForm } from '../../components/ActionForm';
import { fieldErrorsOf } from '../../components/fieldErrors';
import { TextField } from '../../components/Field';
import { PasswordField } from './PasswordField';

/** The first step of signing in: username or email, and password. An account with a second factor answers a challenge. */
export function PasswordStep({ onChallenge }: { onChallenge: (challenge: MfaChallenge) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(async () => {
    const challenge = await signIn(username.trim(), password);
    if (challenge !== null) onChallenge(challenge);
  });
  const fieldErrors = fieldErrorsOf(action.error);
  return (
    <ActionForm action={action} failure="Could not sign in" submitLabel="Sign in" runningLabel="Signing in…" wide>
      <TextField
        id="sign-in-username"
        label="Username or email"
        value={username}
        onValue={setUsername}
        autocomplete="username"
        maxLength={254}
        required
        error={fieldErrors.username}
        focusOnMount
      />
      <PasswordField
        id="sign-in-password"
        label="Password"
        purpose="current"
        value={password}
        onValue={setPassword}
        error={fieldErrors.password}
      />
    </ActionForm>
  );
}
