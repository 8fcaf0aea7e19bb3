import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { useAction } from '../../hooks/useAction';

/** Creates a folder in the folder shown (null: My files). */
export function NewFolderForm({ parentId, onCreated }: { parentId: string | null; onCreated: () => void }) {
  const [name, setName] = useState('');
  const action = useAction(async () => {
    await api('POST', '/folders', { body: { name: name.trim(), parent_id: parentId } });
    setName('');
    onCreated();
  });
  return (
    <form
      class="files-new-folder"
      onSubmit={(event) => {
        event.preventDefault();
        void action.run();
      }}
    >
      <Field id="files-new-folder-name" label="New folder name">
        <input id="files-new-folder-name" value={name} required maxLength={255} onInput={(event) => setName(event.currentTarget.value)} />
      </Field>
      <button type="submit" class="button button-secondary" disabled={action.running}>
        Create folder
      </button>
      <ErrorBanner error={action.error} title="Could not create the folder" />
    </form>
  );
}
