import { fetchPage } from '../../../api/pages';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { Field, fieldAria } from '../../../components/Field';
import { useResource } from '../../../hooks/useResource';

interface FolderSummary {
  id: string;
  name: string;
}

const TOP_FOLDERS_SHOWN = 100;
const FOLDER_HINT = 'Where created entries go and names are looked up, unless the mapping names a folder.';

/** Where a hook's entries go: the root or one of the top-level folders (a folder not among them stays selectable by its id). */
export function FolderSelect({
  id,
  value,
  error,
  onChange,
}: {
  id: string;
  value: string;
  /** The API's complaint about the folder. */
  error?: string;
  onChange: (folderId: string) => void;
}) {
  const folders = useResource(
    (signal) => fetchPage<FolderSummary>('/folders', { parent_id: 'root', limit: TOP_FOLDERS_SHOWN }, null, signal),
    [],
  );
  const listed = folders.data?.data ?? [];
  return (
    <Field id={id} label="Folder" hint={FOLDER_HINT} error={error}>
      <select
        id={id}
        {...fieldAria(id, { hint: FOLDER_HINT, error })}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        <option value="">The root</option>
        {listed.map((folder) => (
          <option key={folder.id} value={folder.id}>
            {folder.name}
          </option>
        ))}
        {value !== '' && !listed.some((folder) => folder.id === value) && <option value={value}>Folder {value}</option>}
      </select>
      <ErrorBanner error={folders.error} title="The folders could not be listed" />
    </Field>
  );
}
