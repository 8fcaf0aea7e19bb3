import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useAction } from '../../hooks/useAction';

/** An inline form renaming a file or a folder; `rename` sends it, `onDone` closes the form (also on Escape). */
export function RenameForm({ name, rename, onDone }: { name: string; rename: (name: string) => Promise<void>; onDone: () => void }) {
  const id = useId();
  const [value, setValue] = useState(name);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const action = useAction(async () => {
    await rename(value.trim());
    onDone();
  });
  return (
    <form
      class="files-rename"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onDone();
      }}
      onSubmit={(event) => {
        event.preventDefault();
        void action.run();
      }}
    >
      <label for={id} class="visually-hidden">
        New name for {name}
      </label>
      <input ref={input} id={id} value={value} required maxLength={255} onInput={(event) => setValue(event.currentTarget.value)} />
      <button type="submit" class="button button-small" disabled={action.running}>
        Save name
      </button>
      <button type="button" class="button button-small button-secondary" onClick={onDone}>
        Cancel
      </button>
      <ErrorBanner error={action.error} title="Could not rename" />
    </form>
  );
}
