export type BadgeTone = 'success' | 'warning' | 'danger' | 'neutral';

/** A status word in a colored pill (the word carries the meaning; the color only repeats it). */
export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: string | number }) {
  return <span class={tone === 'neutral' ? 'badge' : `badge badge-${tone}`}>{children}</span>;
}

/** The tone of an HTTP status code: a 5xx is a danger, a 4xx a warning, anything else a success. */
export const httpStatusTone = (status: number): BadgeTone => (status >= 500 ? 'danger' : status >= 400 ? 'warning' : 'success');

/** An HTTP status code, colored by its class. */
export function HttpStatusBadge({ status }: { status: number }) {
  return <Badge tone={httpStatusTone(status)}>{status}</Badge>;
}
