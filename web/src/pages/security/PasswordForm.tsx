import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { useAction } from '../../hooks/useAction';
import { ActionForm } from '../../components/ActionForm';
import { fieldErrorsOf } from '../../components/fieldErrors';
import { PasswordField } from '../auth/PasswordField';
import { DoneNotice } from './DoneNotice';

/** Changes the password (PATCH /users/me), which the API allows only with the current one. */
export function PasswordForm() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const change = useAction(async () => {
    setDone(null);
    await api('PATCH', '/users/me', { body: { password, current_password: currentPassword } });
    setCurrentPassword('');
    setPassword('');
    setDone('Your password is changed. Use the new one next time you sign in.');
  });
  const fieldErrors = fieldErrorsOf(change.error);
  return (
    <ActionForm action={change} failure="Could not change the password" submitLabel="Change password" runningLabel="Changing…">
      <PasswordField
        id="security-current-password"
        label="Current password"
        purpose="current"
        value={currentPassword}
        onValue={setCurrentPassword}
        error={fieldErrors.current_password}
      />
      <PasswordField
        id="security-new-password"
        label="New password"
        purpose="new"
        value={password}
        onValue={setPassword}
        error={fieldErrors.password}
      />
      <DoneNotice message={done} />
    </ActionForm>
  );
}
