import { z } from 'zod';
import { deliveryAttempted } from '../../domain/webhook/deliveryEvents';
import { webhookChanged, webhookDeleted, webhookDisabled } from '../../domain/webhook/webhookEvents';
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
  /** Set while the webhook is disabled: enabling it again starts a new run of failures. */
  disabled?: true;
}

const healthEvent = z.discriminatedUnion('type', [deliveryAttempted, webhookChanged, webhookDisabled, webhookDeleted]);
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

const disabledHealth = (health: WebhookHealthView): WebhookHealthView => ({ ...health, disabled: true });

/**
 * A webhook enabled again starts with no failures: otherwise one disabled for five days of failures would be
 * disabled again by its first failure, and one with an open circuit would start refused.
 */
function reenabledHealth({ disabled: _disabled, ...health }: WebhookHealthView): WebhookHealthView {
  return { ...health, consecutiveFailures: 0, failingSince: null };
}

function evolveHealth(view: WebhookHealthView | null, event: HealthEvent): WebhookHealthView | null {
  switch (event.type) {
    case 'WebhookDeleted':
      return null;
    case 'WebhookDisabled':
      return disabledHealth(view ?? emptyHealth(event.data.webhookId));
    case 'WebhookChanged':
      if (event.data.enabled === false) return disabledHealth(view ?? emptyHealth(event.data.webhookId));
      return event.data.enabled === true && view?.disabled ? reenabledHealth(view) : view;
    case 'DeliveryAttempted':
      return attemptedHealth(view, event.data);
  }
}

function attemptedHealth(view: WebhookHealthView | null, attempt: z.infer<typeof deliveryAttempted>['data']): WebhookHealthView | null {
  const { webhookId, startedAt, errorClass } = attempt;
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
  version: 2,
  collection: WEBHOOK_HEALTH,
  handles: healthEvent.options.map((option) => option.shape.type.value),
  setup: async () => undefined,
  parse: (event) => healthEvent.parse(event),
  key: (event) => event.data.webhookId,
  evolve: evolveHealth,
});
