import { TextField } from '../../components/Field';
import type { TextFieldProps } from '../../components/Field';

/** The name other people see when you share files with them (1 to 100 characters); optional when registering. */
export function DisplayNameField({
  id,
  optional = false,
  value,
  onValue,
  error,
}: Pick<TextFieldProps, 'id' | 'value' | 'onValue' | 'error'> & {
  /** Left empty, the API uses the username. */
  optional?: boolean;
}) {
  return (
    <TextField
      id={id}
      label={optional ? 'Display name (optional)' : 'Display name'}
      value={value}
      onValue={onValue}
      autocomplete="name"
      hint={`Up to 100 characters, shown to people you share files with.${optional ? ' Your username if left empty.' : ''}`}
      maxLength={100}
      required={!optional}
      error={error}
    />
  );
}
