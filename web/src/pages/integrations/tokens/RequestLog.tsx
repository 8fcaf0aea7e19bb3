import { useId, useState } from 'preact/hooks';
import { Empty } from '../../../components/Empty';
import { ErrorBanner } from '../../../components/ErrorBanner';
import type { Choice } from '../../../components/Field';
import { Field, SelectField } from '../../../components/Field';
import { LoadMore } from '../../../components/LoadMore';
import { Loading } from '../../../components/Loading';
import { formatTime, instantFromLocalInput } from '../../../format';
import { usePagedList } from '../../../hooks/usePagedList';
import { HttpStatusBadge } from '../../../components/Badge';
import { ScrollTable } from '../../../components/ScrollTable';
import type { UsageRequest } from './types';

/** A filter's choices: any, or one of `values` (each its own label). */
const anyOr = (values: readonly string[]): Choice<string>[] => [
  { value: '', label: 'Any' },
  ...values.map((value) => ({ value, label: value })),
];

const METHODS = anyOr(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const STATUSES = anyOr(['2xx', '3xx', '4xx', '5xx']);
const COLUMNS = ['Time', 'Method', 'Path', 'Status', 'Duration', 'IP'];

interface LogFilters {
  status: string;
  method: string;
  path: string;
  since: string;
  until: string;
}

const NO_FILTERS: LogFilters = { status: '', method: '', path: '', since: '', until: '' };

const isFiltered = (filters: LogFilters): boolean => Object.values(filters).some((value) => value !== '');

/** The filters as the API takes them: the datetime-local values (the user's time) as instants; throws naming a bad one. */
const queryOf = (draft: LogFilters): LogFilters => ({
  ...draft,
  since: instantFromLocalInput(draft.since, 'From') ?? '',
  until: instantFromLocalInput(draft.until, 'Until') ?? '',
});

/** A token's requests, newest first, filtered by status, method, path and time. */
export function RequestLog({ tokenId }: { tokenId: string }) {
  const id = useId();
  const [draft, setDraft] = useState<LogFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<LogFilters>(NO_FILTERS);
  const [filterError, setFilterError] = useState<unknown>(null);
  const list = usePagedList<UsageRequest>(`/tokens/${encodeURIComponent(tokenId)}/logs`, { ...filters });
  const apply = (next: LogFilters) => {
    try {
      setFilters(queryOf(next));
      setFilterError(null);
    } catch (error) {
      setFilterError(error);
    }
  };
  const set = (name: keyof LogFilters) => (value: string) => setDraft((current) => ({ ...current, [name]: value }));
  const edit = (name: keyof LogFilters) => (event: { currentTarget: { value: string } }) => set(name)(event.currentTarget.value);

  return (
    <section class="tokens-log" aria-labelledby={`${id}-title`}>
      <div class="toolbar">
        <h2 id={`${id}-title`}>Request log</h2>
        <button type="button" class="button button-secondary button-small" onClick={() => list.reload()}>
          Refresh log
        </button>
      </div>
      <form
        class="tokens-filters"
        aria-label="Filter the request log"
        onSubmit={(event) => {
          event.preventDefault();
          apply(draft);
        }}
      >
        <SelectField id={`${id}-status`} label="Status" value={draft.status} choices={STATUSES} onValue={set('status')} />
        <SelectField id={`${id}-method`} label="Method" value={draft.method} choices={METHODS} onValue={set('method')} />
        <Field id={`${id}-path`} label="Path starts with" hint="e.g. /files">
          <input id={`${id}-path`} aria-describedby={`${id}-path-hint`} value={draft.path} onInput={edit('path')} pattern="/.*" />
        </Field>
        <Field id={`${id}-since`} label="From">
          <input id={`${id}-since`} type="datetime-local" value={draft.since} onInput={edit('since')} />
        </Field>
        <Field id={`${id}-until`} label="Until">
          <input id={`${id}-until`} type="datetime-local" value={draft.until} onInput={edit('until')} />
        </Field>
        <div class="actions">
          <button type="submit" class="button button-small">
            Apply filters
          </button>
          <button
            type="button"
            class="button button-small button-secondary"
            onClick={() => {
              setDraft(NO_FILTERS);
              apply(NO_FILTERS);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      <ErrorBanner error={filterError} title="Check the filters" />
      <ErrorBanner error={list.error} title="The request log could not be loaded" />
      {list.loading && <Loading label="Loading requests…" />}
      {!list.loading && list.data?.length === 0 && (
        <Empty title="No requests">
          <p>{isFiltered(filters) ? 'No request matches these filters.' : 'Requests made with this token appear here.'}</p>
        </Empty>
      )}
      {!list.loading && list.data !== undefined && list.data.length > 0 && (
        <ScrollTable label="Requests made with this token" columns={COLUMNS}>
          {list.data.map((request) => (
            <tr key={request.request_id}>
              <td>{formatTime(request.at)}</td>
              <td>
                <code>{request.method}</code>
              </td>
              <td>
                <code>{request.path}</code>
              </td>
              <td>
                <HttpStatusBadge status={request.status} />
              </td>
              <td>{request.duration_ms.toFixed(1)} ms</td>
              <td>{request.ip ?? '—'}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
      <LoadMore list={list} />
    </section>
  );
}
