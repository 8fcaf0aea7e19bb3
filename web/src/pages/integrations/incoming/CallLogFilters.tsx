import { Field, fieldAria } from '../../../components/Field';
import { instantFromLocalInput } from '../../../format';
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

const SINCE_LABEL = 'Received from';
const UNTIL_LABEL = 'Received until';

/** A time bound as the API takes it (none when empty), or the complaint about what was typed (then no bound). */
function boundOf(local: string, label: string): { instant?: string; error?: string } {
  try {
    return { instant: instantFromLocalInput(local, label) ?? undefined };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** The log's query: outcome and the time window as the API takes them. */
export const callQuery = (filter: CallFilter) => ({
  outcome: filter.outcome,
  since: boundOf(filter.since, SINCE_LABEL).instant,
  until: boundOf(filter.until, UNTIL_LABEL).instant,
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
      <TimeBound id="incoming-log-since" label={SINCE_LABEL} value={filter.since} onValue={(since) => set({ since })} />
      <TimeBound id="incoming-log-until" label={UNTIL_LABEL} value={filter.until} onValue={(until) => set({ until })} />
    </div>
  );
}

/** One end of the time window; a value that is not a time is said under it, and the log ignores it. */
function TimeBound({ id, label, value, onValue }: { id: string; label: string; value: string; onValue: (value: string) => void }) {
  const { error } = boundOf(value, label);
  return (
    <Field id={id} label={label} error={error}>
      <input
        id={id}
        type="datetime-local"
        value={value}
        {...fieldAria(id, { error })}
        onChange={(event) => onValue(event.currentTarget.value)}
      />
    </Field>
  );
}
