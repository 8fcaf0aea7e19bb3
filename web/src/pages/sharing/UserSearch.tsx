import { useId, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { ListPage } from '../../api/pages';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { useResource } from '../../hooks/useResource';
import type { PublicUser } from './types';
import { useDebounced } from '../../hooks/useDebounced';

const MIN_QUERY = 2;
const SEARCH_DELAY_MS = 200;
const RESULTS = 8;

/**
 * Find users to add as you type (by username or display name): the matches are buttons, reached with Tab or
 * the arrow keys (Enter in the box adds the first), and the number found is announced. `excluded` users
 * (already picked, or yourself) are not offered.
 */
export function UserSearch({ excluded, onPick }: { excluded: readonly string[]; onPick: (user: PublicUser) => void }) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const results = useRef<HTMLUListElement>(null);
  const [typed, setTyped] = useState('');
  const query = useDebounced(typed.trim(), SEARCH_DELAY_MS);
  const search = useResource(
    (signal) =>
      query.length < MIN_QUERY
        ? Promise.resolve([])
        : api<ListPage<PublicUser>>('GET', '/users/search', { query: { q: query, limit: RESULTS }, signal }).then((page) => page.data),
    [query],
  );
  const matches = (search.data ?? []).filter((user) => !excluded.includes(user.id));
  const searching = query.length >= MIN_QUERY;
  const pending = searching && (search.loading || query !== typed.trim());
  const pick = (user: PublicUser) => {
    onPick(user);
    setTyped('');
    input.current?.focus();
  };
  const resultButtons = () => Array.from(results.current?.querySelectorAll('button') ?? []);
  const onInputKey = (event: KeyboardEvent) => {
    // Enter would submit the share form: here it adds the first match instead.
    if (event.key === 'Enter') {
      event.preventDefault();
      const first = matches[0];
      if (!pending && first !== undefined) pick(first);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      resultButtons()[0]?.focus();
    }
  };
  const onResultKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const buttons = resultButtons();
    const at = buttons.findIndex((button) => button === document.activeElement);
    const next = at + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < 0) input.current?.focus();
    else buttons[Math.min(next, buttons.length - 1)]?.focus();
  };
  const status = !searching ? '' : pending ? 'Searching…' : matches.length === 0 ? `No user matches “${query}”` : `${matches.length} found`;
  return (
    <div class="sharing-search">
      <Field
        id={inputId}
        label="Find people"
        hint="Type at least two letters of a username or name; Enter adds the first match, the arrow keys move through them."
      >
        <input
          id={inputId}
          ref={input}
          type="search"
          value={typed}
          autocomplete="off"
          aria-describedby={`${inputId}-hint ${inputId}-status`}
          onInput={(event) => setTyped(event.currentTarget.value)}
          onKeyDown={onInputKey}
        />
      </Field>
      <p id={`${inputId}-status`} class="muted sharing-search-status" role="status" aria-live="polite">
        {status}
      </p>
      <ErrorBanner error={search.error} title="The search did not work" />
      {searching && !pending && matches.length > 0 && (
        <ul ref={results} class="sharing-results" aria-label="Matching people" onKeyDown={onResultKey}>
          {matches.map((user) => (
            <li key={user.id}>
              <button type="button" class="button button-secondary button-small sharing-result" onClick={() => pick(user)}>
                <span class="visually-hidden">Add </span>
                <strong>{user.display_name}</strong> <span class="muted">@{user.username}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
