export interface Bar {
  label: string;
  value: number;
}

/**
 * A bar chart: one row per bar, its length drawn in SVG relative to the largest. The figures are in the
 * text beside each bar, so screen readers read a plain list.
 */
export function BarChart({ title, bars, format = String }: { title: string; bars: readonly Bar[]; format?: (value: number) => string }) {
  const largest = Math.max(1, ...bars.map((bar) => bar.value));
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <ul class="chart-rows">
        {bars.map((bar) => (
          <li key={bar.label} class="chart-row">
            <span class="chart-label">{bar.label}</span>
            <svg class="chart-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
              <rect x="0" y="0" height="10" width={Math.max(0.5, (bar.value / largest) * 100)} rx="1" />
            </svg>
            <span class="chart-value">{format(bar.value)}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
