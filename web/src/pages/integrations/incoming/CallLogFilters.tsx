import { OUTCOME_LABELS } from './callOutcomes';
import type { CallOutcome } from './types';
import { CALL_OUTCOMES } from './types';

export interface CallFilter {
  outcome: CallOutcome | '';
  /** datetime-local values, in the browser's time zone; empty: no bound. */
  since: string;
  until: string;
}

export const NO_FILTER: CallFilter = { outcome: '', since: '', until: '' };

const instant = (local: string) => {
  const date = new Date(local);
  return local === '' || Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

/** The log's query: outcome and the time window as the API takes them. */
export const callQuery = (filter: CallFilter) => ({
  outcome: filter.outcome,
  since: instant(filter.since),
  until: instant(filter.until),
});

/** Which calls the log shows: by outcome and time received. */
export function CallLogFilters({ filter, onChange }: { filter: CallFilter; onChange: (filter: CallFilter) => void }) {
  const set = (change: Partial<CallFilter>) => onChange({ ...filter, ...change });
  return (
    <div class="toolbar incoming-filters" role="group" aria-label="Filter calls">
      <div class="field">
        <label for="incoming-log-outcome">Outcome</label>
        <select
          id="incoming-log-outcome"
          value={filter.outcome}
          onChange={(event) => set({ outcome: event.currentTarget.value as CallOutcome | '' })}
        >
          <option value="">Any</option>
          {CALL_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {OUTCOME_LABELS[outcome]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="incoming-log-since">Received from</label>
        <input
          id="incoming-log-since"
          type="datetime-local"
          value={filter.since}
          onChange={(event) => set({ since: event.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for="incoming-log-until">Received until</label>
        <input
          id="incoming-log-until"
          type="datetime-local"
          value={filter.until}
          onChange={(event) => set({ until: event.currentTarget.value })}
        />
      </div>
    </div>
  );
}
