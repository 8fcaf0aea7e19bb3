import { Field } from '../../components/Field';
import './auth.css';
import { useFocusOnMount } from './useFocusOnMount';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'email' | 'password';
  autocomplete?: string;
  inputMode?: 'text' | 'numeric' | 'email';
  hint?: string;
  /** The API's message about this field, shown under it. */
  error?: string;
  required?: boolean;
  maxLength?: number;
  /** Takes the keyboard focus when it appears (the first field of a page or step). */
  focusOnMount?: boolean;
}

/** A labelled text input with its hint and the API's error about it, both tied to the input for screen readers. */
export function TextField(props: TextFieldProps) {
  const { id, label, value, onValue, hint, error, focusOnMount = false } = props;
  const input = useFocusOnMount<HTMLInputElement>(focusOnMount);
  const describedBy = [error === undefined ? null : `${id}-error`, hint === undefined ? null : `${id}-hint`].filter(Boolean).join(' ');
  const attributes = {
    ref: input,
    id,
    name: id,
    value,
    onInput: (event: { currentTarget: HTMLInputElement }) => onValue(event.currentTarget.value),
    autocomplete: props.autocomplete,
    inputMode: props.inputMode,
    required: props.required,
    maxLength: props.maxLength,
    'aria-invalid': error === undefined ? undefined : ('true' as const),
    'aria-describedby': describedBy === '' ? undefined : describedBy,
  };
  // Preact types each input type apart, so each is its own element.
  const control =
    props.type === 'password' ? (
      <input type="password" {...attributes} />
    ) : props.type === 'email' ? (
      <input type="email" {...attributes} />
    ) : (
      <input type="text" {...attributes} />
    );
  return (
    <Field id={id} label={label} hint={hint}>
      {control}
      {error !== undefined && (
        <small id={`${id}-error`} class="auth-field-error">
          {error}
        </small>
      )}
    </Field>
  );
}
