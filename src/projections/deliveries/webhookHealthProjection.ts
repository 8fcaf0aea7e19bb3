import { z } from 'zod';
import { deliveryAttempted } from '../../domain/webhook/deliveryEvents';
import { webhookDeleted } from '../../domain/webhook/webhookEvents';
import type { Document } from '../../ports/readStore';
import { hourOf } from '../analytics/timeBuckets';
import { documentProjection } from '../documentProjection';

export const WEBHOOK_HEALTH = 'webhook_health';

/** Hourly buckets kept: the last 24 h, plus the hour a rolling 24 h window starts in. */
export const HEALTH_HOURS_KEPT = 25;

export interface AttemptsInHour {
  /** Start of the UTC hour, ISO. */
  hour: string;
  attempts: number;
  succeeded: number;
}

/** One webhook's attempts as its health needs them: the run of failures, the last success, attempts by the hour. */
export interface WebhookHealthView extends Document {
  lastSuccessAt: string | null;
  consecutiveFailures: number;
  failingSince: string | null;
  /** Oldest first, at most HEALTH_HOURS_KEPT. */
  hours: AttemptsInHour[];
}

const healthEvent = z.discriminatedUnion('type', [deliveryAttempted, webhookDeleted]);
type HealthEvent = z.infer<typeof healthEvent>;

const emptyHealth = (webhookId: string): WebhookHealthView => ({
  _id: webhookId,
  lastSuccessAt: null,
  consecutiveFailures: 0,
  failingSince: null,
  hours: [],
});

function countedIn(hours: readonly AttemptsInHour[], startedAt: string, succeeded: boolean): AttemptsInHour[] {
  const hour = hourOf(new Date(startedAt));
  const existing = hours.find((bucket) => bucket.hour === hour);
  const counted = existing
    ? hours.map((bucket) =>
        bucket === existing ? { ...bucket, attempts: bucket.attempts + 1, succeeded: bucket.succeeded + Number(succeeded) } : bucket,
      )
    : [...hours, { hour, attempts: 1, succeeded: Number(succeeded) }].sort((a, b) => (a.hour < b.hour ? -1 : a.hour > b.hour ? 1 : 0));
  return counted.slice(-HEALTH_HOURS_KEPT);
}

function evolveHealth(view: WebhookHealthView | null, event: HealthEvent): WebhookHealthView | null {
  if (event.type === 'WebhookDeleted') return null;
  const { webhookId, startedAt, errorClass } = event.data;
  // Not sent at all: the endpoint was cooling off, which says nothing new about it.
  if (errorClass === 'circuit_open') return view;
  const health = view ?? emptyHealth(webhookId);
  const succeeded = errorClass === null;
  const hours = countedIn(health.hours, startedAt, succeeded);
  if (succeeded) {
    const lastSuccessAt = health.lastSuccessAt !== null && health.lastSuccessAt > startedAt ? health.lastSuccessAt : startedAt;
    return { ...health, lastSuccessAt, consecutiveFailures: 0, failingSince: null, hours };
  }
  return { ...health, consecutiveFailures: health.consecutiveFailures + 1, failingSince: health.failingSince ?? startedAt, hours };
}

/** Per webhook: consecutive failures, since when it fails, the last success, and attempts by the hour for the 24 h success rate. */
export const webhookHealthProjection = documentProjection<HealthEvent, WebhookHealthView>({
  name: 'webhook_health',
  version: 1,
  collection: WEBHOOK_HEALTH,
  handles: healthEvent.options.map((option) => option.shape.type.value),
  setup: async () => undefined,
  parse: (event) => healthEvent.parse(event),
  key: (event) => event.data.webhookId,
  evolve: evolveHealth,
});
