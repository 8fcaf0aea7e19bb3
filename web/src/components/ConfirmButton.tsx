import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A button for an action that cannot be undone: the first press asks, in place, for a second one.
 * `label` is the visible text; `name`, when given, names the action and what it acts on for screen readers
 * ("Delete report.pdf") so the visible text can stay short ("Delete"). Without it, `label` says both.
 */
export function ConfirmButton({
  label,
  name,
  confirmLabel = 'Confirm',
  onConfirm,
  disabled = false,
}: {
  label: string;
  name?: string;
  confirmLabel?: string;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const first = useRef(true);
  const ask = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  // The pressed button gives way to the question (and back): the focus follows, rather than fall to the page.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    (asking ? confirm : ask).current?.focus();
  }, [asking]);
  if (!asking)
    return (
      <button
        ref={ask}
        type="button"
        class="button button-small button-secondary"
        onClick={() => setAsking(true)}
        disabled={disabled}
        aria-label={name}
      >
        {label}
      </button>
    );
  return (
    <span class="actions" role="group" aria-label={name ?? label}>
      <button
        ref={confirm}
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
