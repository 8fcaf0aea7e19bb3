import type { ComponentChildren } from 'preact';
import { ErrorBanner } from './ErrorBanner';
import type { Action } from '../hooks/useAction';
import { failureTitle } from './failureTitle';

/**
 * A form that runs one request when submitted (Enter in any field, or its button): the request's failure
 * above the fields, the submit button saying while it runs, and any other buttons beside it.
 */
export function ActionForm({
  action,
  failure,
  submitLabel,
  runningLabel,
  danger = false,
  wide = false,
  cancel,
  secondary,
  children,
}: {
  action: Action<[]>;
  /** The failure banner's title. */
  failure: string;
  submitLabel: string;
  runningLabel: string;
  danger?: boolean;
  /** The submit button spans the form (the signed-out pages). */
  wide?: boolean;
  /** A button beside the submit one that leaves the form ("Cancel", "Start over"). */
  cancel?: { label: string; onClick: () => void };
  secondary?: ComponentChildren;
  children: ComponentChildren;
}) {
  const submitClass = ['button', danger ? 'button-danger' : '', wide ? 'button-wide' : ''].filter(Boolean).join(' ');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!action.running) void action.run();
      }}
    >
      <ErrorBanner error={action.error} title={failureTitle(action.error, failure)} />
      {children}
      <div class="form-actions">
        {/* aria-disabled, not disabled: a disabled button drops the keyboard focus to the page while the request runs. */}
        <button type="submit" class={submitClass} aria-disabled={action.running}>
          {action.running ? runningLabel : submitLabel}
        </button>
        {cancel !== undefined && (
          <button type="button" class="button button-secondary" onClick={cancel.onClick}>
            {cancel.label}
          </button>
        )}
        {secondary}
      </div>
    </form>
  );
}
