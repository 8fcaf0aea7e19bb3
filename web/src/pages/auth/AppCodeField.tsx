import { TextField } from '../../components/Field';

/** The 6-digit code the authenticator app shows now. */
export function AppCodeField({
  id,
  label = '6-digit code',
  hint,
  value,
  onValue,
  error,
  focusOnMount = false,
}: {
  id: string;
  label?: string;
  hint?: string;
  value: string;
  onValue: (value: string) => void;
  error?: string;
  focusOnMount?: boolean;
}) {
  return (
    <TextField
      id={id}
      label={label}
      hint={hint}
      value={value}
      onValue={onValue}
      autocomplete="one-time-code"
      inputMode="numeric"
      maxLength={6}
      required
      error={error}
      focusOnMount={focusOnMount}
    />
  );
}
