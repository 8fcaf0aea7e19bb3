export type BadgeTone = 'success' | 'warning' | 'danger' | 'neutral';

/** A status word in a colored pill (the word carries the meaning; the color only repeats it). */
export function Badge({
  tone = 'neutral',
  class: extra,
  children,
}: {
  tone?: BadgeTone;
  /** A further class, e.g. for spacing in its place. */
  class?: string;
  children: string | number;
}) {
  const classes = ['badge', tone === 'neutral' ? null : `badge-${tone}`, extra].filter(Boolean).join(' ');
  return <span class={classes}>{children}</span>;
}

/** The tone of an HTTP status code: a 5xx is a danger, a 4xx a warning, anything else a success. */
export const httpStatusTone = (status: number): BadgeTone => (status >= 500 ? 'danger' : status >= 400 ? 'warning' : 'success');

/** An HTTP status code, colored by its class. */
export function HttpStatusBadge({ status }: { status: number }) {
  return <Badge tone={httpStatusTone(status)}>{status}</Badge>;
}
