import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { register } from '../../api/auth';
import { useAction } from '../../hooks/useAction';
import { USERNAME_HINT } from './accountRules';
import { DisplayNameField } from './DisplayNameField';
import { PasswordField } from './PasswordField';
import { ActionForm } from '../../components/ActionForm';
import { AuthCard } from './AuthCard';
import { signInLink } from './authLinks';
import { fieldErrorsOf } from '../../components/fieldErrors';
import { TextField } from '../../components/Field';

/** Creating an account, which then signs in with it. */
export function RegisterPage() {
  const { query } = useLocation();
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(() =>
    register({
      username: username.trim(),
      email: email.trim(),
      password,
      ...(displayName.trim() === '' ? {} : { display_name: displayName.trim() }),
    }),
  );
  const fieldErrors = fieldErrorsOf(action.error);
  return (
    <AuthCard title="Create an account">
      <ActionForm
        action={action}
        failure="Could not create the account"
        submitLabel="Create account"
        runningLabel="Creating the account…"
        wide
      >
        <TextField
          id="register-username"
          label="Username"
          value={username}
          onValue={setUsername}
          autocomplete="username"
          hint={USERNAME_HINT}
          maxLength={32}
          required
          error={fieldErrors.username}
          focusOnMount
        />
        <TextField
          id="register-email"
          label="Email"
          type="email"
          value={email}
          onValue={setEmail}
          autocomplete="email"
          maxLength={254}
          required
          error={fieldErrors.email}
        />
        <DisplayNameField
          id="register-display-name"
          optional
          value={displayName}
          onValue={setDisplayName}
          error={fieldErrors.display_name}
        />
        <PasswordField
          id="register-password"
          label="Password"
          purpose="new"
          value={password}
          onValue={setPassword}
          error={fieldErrors.password}
        />
      </ActionForm>
      <p class="auth-switch">
        Already have an account? <a href={signInLink(query.next)}>Sign in</a>
      </p>
    </AuthCard>
  );
}
