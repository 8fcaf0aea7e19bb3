import type { ComponentChildren } from 'preact';
import { useFocusOnMount } from '../hooks/useFocusOnMount';

/**
 * The attributes that tie a control to its field's hint and error: put them on the control inside a `Field`
 * given the same `hint` and `error`.
 */
export function fieldAria(id: string, { hint, error }: { hint?: string; error?: string }) {
  const describedBy = [error === undefined ? null : `${id}-error`, hint === undefined ? null : `${id}-hint`].filter(Boolean).join(' ');
  return {
    'aria-invalid': error === undefined ? undefined : ('true' as const),
    'aria-describedby': describedBy === '' ? undefined : describedBy,
  };
}

/**
 * A labelled form control with an optional hint and the API's error about it; `id` ties the label, the hint
 * and the error to the control (spread `fieldAria(id, { hint, error })` on the control for the last two).
 */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  /** The API's message about this field, shown under it. */
  error?: string;
  children: ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {error !== undefined && (
        <small id={`${id}-error`} class="field-error">
          {error}
        </small>
      )}
      {hint !== undefined && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

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
    ...fieldAria(id, { hint, error }),
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
    <Field id={id} label={label} hint={hint} error={error}>
      {control}
    </Field>
  );
}

export interface Choice<V extends string> {
  value: V;
  label: string;
}

/** A labelled select of `choices`, with its hint and the API's error about it tied to it. */
export function SelectField<V extends string>({
  id,
  label,
  hint,
  error,
  value,
  choices,
  onValue,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: V;
  choices: readonly Choice<V>[];
  onValue: (value: V) => void;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        value={value}
        // The select offers only `choices`, so its value is one of them.
        onChange={(event) => onValue(event.currentTarget.value as V)}
        {...fieldAria(id, { hint, error })}
      >
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
