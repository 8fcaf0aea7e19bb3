import { useState } from 'preact/hooks';
import { Empty } from '../../../components/Empty';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { LoadMore } from '../../../components/LoadMore';
import { Loading } from '../../../components/Loading';
import { ScrollTable } from '../../../components/ScrollTable';
import { useLiveChanges } from '../../../hooks/useLive';
import { usePagedList } from '../../../hooks/usePagedList';
import type { CallFilter } from './CallLogFilters';
import { CallLogFilters, callQuery, NO_FILTER } from './CallLogFilters';
import { causedByCall } from './callOutcomes';
import { CallRow } from './CallRow';
import type { CallLogRow, IncomingAction } from './types';
import { hookPath } from './types';

/** A hook's calls, newest first, filtered by outcome and time received; `onCallsChanged` lets the page refresh its counts with them. */
export function CallLog({ hookId, action, onCallsChanged }: { hookId: string; action: IncomingAction; onCallsChanged: () => void }) {
  const [filter, setFilter] = useState<CallFilter>(NO_FILTER);
  const calls = usePagedList<CallLogRow>(`${hookPath(hookId)}/logs`, callQuery(filter));
  const refresh = (quiet: boolean) => {
    calls.reload(quiet);
    onCallsChanged();
  };
  useLiveChanges(
    () => refresh(true),
    (item) => causedByCall(item.type),
  );
  const filtered = filter.outcome !== '' || filter.since !== '' || filter.until !== '';
  return (
    <section class="card" aria-labelledby="incoming-log-title">
      <div class="toolbar incoming-heading">
        <h2 id="incoming-log-title">Calls</h2>
        <button type="button" class="button button-small button-secondary" onClick={() => refresh(false)}>
          Refresh
        </button>
      </div>
      <CallLogFilters filter={filter} onChange={setFilter} />
      <ErrorBanner error={calls.error} title="The calls could not be listed" />
      {calls.loading && <Loading label="Loading calls…" />}
      {!calls.loading && calls.data !== undefined && calls.data.length === 0 && (
        <Empty title={filtered ? 'No calls match these filters' : 'No calls yet'}>
          <p>{filtered ? 'Widen the time window or choose another outcome.' : 'Calls to the receive URL show here, newest first.'}</p>
        </Empty>
      )}
      {!calls.loading && calls.data !== undefined && calls.data.length > 0 && (
        <ScrollTable label="Call log, newest first" columns={['Received', 'Outcome', 'Result', 'Request']}>
          {calls.data.map((call) => (
            <CallRow key={call.id} call={call} action={action} />
          ))}
        </ScrollTable>
      )}
      <LoadMore list={calls} />
    </section>
  );
}
