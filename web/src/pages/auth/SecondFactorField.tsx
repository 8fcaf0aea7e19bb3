import { useState } from 'preact/hooks';
import type { SecondFactorMethod } from './secondFactor';
import { TextField } from '../../components/Field';
import { AppCodeField } from './AppCodeField';

/**
 * The field for a second factor: the 6-digit code of the authenticator app, or (switched to) a recovery code.
 * Switching empties the field: one kind of code is never sent as the other.
 */
export function SecondFactorField({
  id,
  method,
  onMethod,
  value,
  onValue,
  error,
  focusOnMount = false,
}: {
  id: string;
  method: SecondFactorMethod;
  onMethod: (method: SecondFactorMethod) => void;
  value: string;
  onValue: (value: string) => void;
  error?: string;
  focusOnMount?: boolean;
}) {
  // After a switch the new field takes the focus, so the keyboard stays where the user is typing.
  const [switched, setSwitched] = useState(false);
  const switchTo = (next: SecondFactorMethod) => {
    setSwitched(true);
    onValue('');
    onMethod(next);
  };
  return (
    <div class="auth-second-factor">
      {method === 'totp' ? (
        <AppCodeField
          key="totp"
          id={id}
          hint="The code your authenticator app shows for Filora now."
          value={value}
          onValue={onValue}
          error={error}
          focusOnMount={focusOnMount || switched}
        />
      ) : (
        <TextField
          key="recovery"
          id={id}
          label="Recovery code"
          hint="One of the 10 codes you saved when you set up two-step verification, like abcde-fghij. Each works once."
          value={value}
          onValue={onValue}
          autocomplete="off"
          maxLength={64}
          required
          error={error}
          focusOnMount={focusOnMount || switched}
        />
      )}
      <button type="button" class="button button-ghost button-small" onClick={() => switchTo(method === 'totp' ? 'recovery_code' : 'totp')}>
        {method === 'totp' ? 'Use a recovery code instead' : 'Use the authenticator code instead'}
      </button>
    </div>
  );
}
