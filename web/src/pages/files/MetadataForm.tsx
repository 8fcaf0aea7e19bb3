import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import type { FileItem } from './types';

const tagsOf = (text: string) => [...new Set(text.split(',').map((tag) => tag.trim()))].filter((tag) => tag !== '');

/** Edits a file's description and tags (tags typed comma-separated). */
export function MetadataForm({ file, onSaved }: { file: FileItem; onSaved: () => void }) {
  const [description, setDescription] = useState(file.description ?? '');
  const [tags, setTags] = useState(file.tags.join(', '));
  const [saved, setSaved] = useState(false);
  const action = useAction(async () => {
    setSaved(false);
    await api('PATCH', `/files/${file.id}`, { body: { description: description.trim() === '' ? null : description, tags: tagsOf(tags) } });
    setSaved(true);
    onSaved();
  });
  return (
    <form
      class="card"
      aria-labelledby="files-metadata-title"
      onSubmit={(event) => {
        event.preventDefault();
        void action.run();
      }}
    >
      <h2 id="files-metadata-title">Description and tags</h2>
      <Field id="files-description" label="Description">
        <textarea
          id="files-description"
          maxLength={2000}
          rows={3}
          value={description}
          onInput={(event) => setDescription(event.currentTarget.value)}
        />
      </Field>
      <Field id="files-tags" label="Tags" hint="Separate tags with commas; up to 20, each up to 50 characters.">
        <input id="files-tags" aria-describedby="files-tags-hint" value={tags} onInput={(event) => setTags(event.currentTarget.value)} />
      </Field>
      <ErrorBanner error={action.error} title="Could not save" />
      <div class="actions">
        <button type="submit" class="button" disabled={action.running}>
          Save description and tags
        </button>
        <span role="status" class="muted">
          {saved ? 'Saved' : ''}
        </span>
      </div>
    </form>
  );
}
