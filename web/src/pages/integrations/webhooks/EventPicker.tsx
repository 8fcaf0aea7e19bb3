import { useId } from 'preact/hooks';
import { ALL_EVENTS, EVENT_CATEGORIES, isListedEvent, otherEvents } from './events';

const toggled = (events: readonly string[], event: string, on: boolean): string[] =>
  on ? [...events.filter((item) => item !== event), event] : events.filter((item) => item !== event);

const parseList = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** `user.mfa_failed` → "MFA failed": what happened, the category being the group's legend. */
const actionOf = (event: string): string => {
  const action = event
    .slice(event.indexOf('.') + 1)
    .replaceAll('_', ' ')
    .replace(/\bmfa\b/, 'MFA');
  return action.charAt(0).toUpperCase() + action.slice(1);
};

/** The events a webhook receives: everything, whole categories, single events, or names typed by hand. */
export function EventPicker({ value, onChange }: { value: readonly string[]; onChange: (events: string[]) => void }) {
  const otherId = useId();
  const everything = value.includes(ALL_EVENTS);
  const box = (event: string, label: string, disabled = false) => (
    <label class="checkbox" key={event}>
      <input
        type="checkbox"
        checked={value.includes(event)}
        disabled={disabled}
        onChange={(change) => onChange(toggled(value, event, change.currentTarget.checked))}
      />
      <span>
        {label} <code class="webhooks-event-name">{event}</code>
      </span>
    </label>
  );
  const listed = value.filter(isListedEvent);
  return (
    <fieldset class="webhooks-events">
      <legend>Events</legend>
      {box(ALL_EVENTS, 'Every event')}
      <div class="webhooks-event-groups">
        {EVENT_CATEGORIES.map(({ category, label, events }) => {
          const wholeCategory = value.includes(`${category}.*`);
          return (
            <fieldset key={category} class="webhooks-event-group" disabled={everything}>
              <legend>{label}</legend>
              {box(`${category}.*`, 'All of them')}
              {events.map((event) => box(event, actionOf(event), wholeCategory))}
            </fieldset>
          );
        })}
      </div>
      <div class="field">
        <label for={otherId}>Other event names</label>
        <input
          id={otherId}
          type="text"
          value={otherEvents(value).join(', ')}
          aria-describedby={`${otherId}-hint`}
          onChange={(change) => onChange([...listed, ...parseList(change.currentTarget.value)])}
        />
        <small id={`${otherId}-hint`} class="hint">
          Comma-separated, e.g. the aliases file.created or file.shared.
        </small>
      </div>
    </fieldset>
  );
}
