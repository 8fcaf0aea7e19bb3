import type { BadgeTone } from './present';

/** A status word in a colored pill (the word carries the meaning; the color only repeats it). */
export function Badge({ tone, children }: { tone: BadgeTone; children: string }) {
  return <span class={tone === 'neutral' ? 'badge' : `badge badge-${tone}`}>{children}</span>;
}
