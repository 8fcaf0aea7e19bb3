import { TextField } from '../../components/Field';
import type { TextFieldProps } from '../../components/Field';
import { PASSWORD_HINT } from './accountRules';

/**
 * A password input: the one the user has now (signing in, confirming a change) or a new one, which says the
 * API's rule and lets a password manager offer one.
 */
export function PasswordField({
  id,
  label,
  purpose,
  value,
  onValue,
  error,
}: Pick<TextFieldProps, 'id' | 'value' | 'onValue' | 'error'> & {
  label: string;
  purpose: 'current' | 'new';
}) {
  return (
    <TextField
      id={id}
      label={label}
      type="password"
      value={value}
      onValue={onValue}
      autocomplete={purpose === 'new' ? 'new-password' : 'current-password'}
      hint={purpose === 'new' ? PASSWORD_HINT : undefined}
      maxLength={256}
      required
      error={error}
    />
  );
}
