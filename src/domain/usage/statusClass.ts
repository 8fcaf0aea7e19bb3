export const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

/** The class of an HTTP status (`404` → `4xx`); null for informational (1xx) and anything outside 100-599. */
export function statusClassOf(status: number): StatusClass | null {
  const hundreds = Math.floor(status / 100);
  return hundreds >= 2 && hundreds <= 5 ? (`${hundreds}xx` as StatusClass) : null;
}

/** A zero count for every status class. */
export const noStatusCounts = (): Record<StatusClass, number> => ({ '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 });
