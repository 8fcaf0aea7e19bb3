import { useState } from 'preact/hooks';

/**
 * A button for an action that cannot be undone: the first press asks, in place, for a second one.
 * `label` names the action and what it acts on ("Delete report.pdf"), for screen readers too.
 */
export function ConfirmButton({
  label,
  confirmLabel = 'Confirm',
  onConfirm,
  disabled = false,
}: {
  label: string;
  confirmLabel?: string;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" class="button button-small button-secondary" onClick={() => setAsking(true)} disabled={disabled}>
        {label}
      </button>
    );
  return (
    <span class="actions" role="group" aria-label={label}>
      <button
        type="button"
        class="button button-small button-danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" class="button button-small button-secondary" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
