import type { BadgeTone } from '../../../components/Badge';
import type { AttemptSummary, DeliveryStatus, Webhook } from './types';

/** How the console names a webhook: its name, else its URL. */
export const webhookTitle = (webhook: Pick<Webhook, 'name' | 'url'>): string => webhook.name ?? webhook.url;

/** The health the console names: the API's state, with "degraded" for an enabled endpoint whose latest attempts failed. */
export function healthOf(webhook: Webhook): { label: string; tone: BadgeTone } {
  const { state, consecutive_failures } = webhook.health;
  if (state === 'disabled' || !webhook.enabled) return { label: 'Disabled', tone: 'neutral' };
  if (state === 'circuit_open') return { label: 'Failing', tone: 'danger' };
  if (consecutive_failures > 0) return { label: 'Degraded', tone: 'warning' };
  return { label: 'Healthy', tone: 'success' };
}

export const formatRate = (rate: number | null): string =>
  rate === null ? 'No attempts' : `${(rate * 100).toFixed(rate === 1 ? 0 : 1)} %`;

export const formatDuration = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);

const DELIVERY_TONES: Record<DeliveryStatus, BadgeTone> = {
  pending: 'neutral',
  retrying: 'warning',
  succeeded: 'success',
  failed: 'danger',
};

export const deliveryTone = (status: DeliveryStatus): BadgeTone => DELIVERY_TONES[status];

/** A delivery that may still change on its own (the dispatcher attempts it again). */
export const isUnsettled = (status: DeliveryStatus): boolean => status === 'pending' || status === 'retrying';

/** An attempt's outcome in words: "200", "500 (http_status)", "timeout". */
export function attemptOutcome(attempt: Pick<AttemptSummary, 'status' | 'error_class'>): string {
  if (attempt.status === null) return attempt.error_class ?? 'no answer';
  return attempt.error_class === null ? String(attempt.status) : `${attempt.status} (${attempt.error_class})`;
}

/** A body as sent or answered: pretty-printed when it is JSON. */
export function prettyBody(body: string): string {
  if (body.trim() === '') return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
