import type { UsageFigures } from './types';

const HEIGHT = 100;
const COLUMN = 10;
const GAP = 2;

/**
 * Requests per day as SVG columns, the errors of each day drawn over its column. The figures are in a
 * list screen readers read (and in each column's tooltip), the drawing is decoration.
 */
export function DayColumns({ title, days }: { title: string; days: readonly (UsageFigures & { day: string })[] }) {
  const largest = Math.max(1, ...days.map((day) => day.requests));
  const heightOf = (value: number) => (value / largest) * HEIGHT;
  const first = days[0];
  const last = days[days.length - 1];
  return (
    <figure class="chart usage-columns">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${days.length * COLUMN} ${HEIGHT}`} preserveAspectRatio="none" class="usage-columns-svg" aria-hidden="true">
        {days.map((day, index) => (
          <g key={day.day}>
            <title>{`${day.day}: ${day.requests} requests, ${day.errors} errors`}</title>
            <Column class="usage-column" index={index} height={heightOf(day.requests)} />
            <Column class="usage-column-errors" index={index} height={heightOf(day.errors)} />
          </g>
        ))}
      </svg>
      {first !== undefined && last !== undefined && (
        <div class="usage-columns-axis" aria-hidden="true">
          <span>{first.day}</span>
          {last !== first && <span>{last.day}</span>}
        </div>
      )}
      <p class="usage-legend" aria-hidden="true">
        <span class="usage-legend-requests">Requests</span> <span class="usage-legend-errors">Errors (4xx and 5xx)</span> · busiest day:{' '}
        {largest}
      </p>
      <ul class="visually-hidden">
        {days.map((day) => (
          <li key={day.day}>
            {day.day}: {day.requests} requests, {day.errors} errors
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** The `index`th day's column, `height` tall from the bottom. */
function Column({ class: className, index, height }: { class: string; index: number; height: number }) {
  return <rect class={className} x={index * COLUMN + GAP / 2} width={COLUMN - GAP} y={HEIGHT - height} height={height} />;
}
