import { useState } from 'preact/hooks';
import { Field } from '../../components/Field';

/** A search of every file (whatever its folder): by name, type and tag; empty fields do not filter. */
export interface FileSearch {
  q: string;
  mime_type: string;
  tag: string;
}

export const NO_SEARCH: FileSearch = { q: '', mime_type: '', tag: '' };

export const isSearching = (search: FileSearch) => search.q !== '' || search.mime_type !== '' || search.tag !== '';

export function SearchForm({ search, onSearch }: { search: FileSearch; onSearch: (search: FileSearch) => void }) {
  const [draft, setDraft] = useState(search);
  const field = (name: keyof FileSearch) => ({
    id: `files-search-${name}`,
    value: draft[name],
    onInput: (event: Event) => setDraft({ ...draft, [name]: (event.currentTarget as HTMLInputElement).value }),
  });
  return (
    <form
      class="files-search"
      role="search"
      aria-label="Search files"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch({ q: draft.q.trim(), mime_type: draft.mime_type.trim(), tag: draft.tag.trim() });
      }}
    >
      <Field id="files-search-q" label="Name contains">
        <input type="search" maxLength={255} {...field('q')} />
      </Field>
      <Field id="files-search-mime_type" label="Type" hint="e.g. text/plain or image/*">
        <input maxLength={255} aria-describedby="files-search-mime_type-hint" {...field('mime_type')} />
      </Field>
      <Field id="files-search-tag" label="Tag">
        <input maxLength={50} {...field('tag')} />
      </Field>
      <div class="actions files-search-actions">
        <button type="submit" class="button">
          Search
        </button>
        {isSearching(search) && (
          <button
            type="button"
            class="button button-secondary"
            onClick={() => {
              setDraft(NO_SEARCH);
              onSearch(NO_SEARCH);
            }}
          >
            Clear search
          </button>
        )}
      </div>
    </form>
  );
}
