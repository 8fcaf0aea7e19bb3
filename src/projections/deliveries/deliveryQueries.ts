import type { Document, Filter, FieldConditions, ReadStore } from '../../ports/readStore';
import type { DeliveryRow, DeliveryStatus } from '../../webhooks/webhookPorts';
import { WEBHOOK_DELIVERIES } from '../../webhooks/webhookPorts';

/** A webhook's deliveries, newest first: the order of `GET /webhooks/{id}/deliveries` (see the projection's indexes). */
export const DELIVERY_LIST_SORT = [
  ['createdAt', -1],
  ['_id', -1],
] as const;

export interface DeliveryCriteria {
  status?: DeliveryStatus;
  /** A public event name. */
  event?: string;
  /** Created at or after. */
  since?: Date;
  /** Created at or before. */
  until?: Date;
}

/** The filter of a webhook's deliveries that meet the criteria. */
export function deliveriesFilter(webhookId: string, criteria: DeliveryCriteria): Filter {
  const filter: Filter = { webhookId };
  if (criteria.status) filter.status = criteria.status;
  if (criteria.event) filter.event = criteria.event;
  const created: FieldConditions = {};
  if (criteria.since) created.$gte = criteria.since.toISOString();
  if (criteria.until) created.$lte = criteria.until.toISOString();
  if (Object.keys(created).length > 0) filter.createdAt = created;
  return filter;
}

/** The delivery, if it is one of this webhook's (another webhook's delivery is not found through this one). */
export async function deliveryOfWebhook(readStore: ReadStore, webhookId: string, deliveryId: string): Promise<DeliveryRow | null> {
  const delivery = await readStore.get<DeliveryRow>(WEBHOOK_DELIVERIES, deliveryId);
  return delivery?.webhookId === webhookId ? delivery : null;
}

/** Up to `limit` deliveries of a webhook, newest first, after `after` (the last row of the previous call). */
export const findDeliveries = (readStore: ReadStore, filter: Filter, limit: number, after?: Document): Promise<DeliveryRow[]> =>
  readStore.find<DeliveryRow>(WEBHOOK_DELIVERIES, filter, { sort: DELIVERY_LIST_SORT, limit, after });

/** The scheduler's view of a due delivery. */
export type DueDeliveryRow = Pick<DeliveryRow, '_id' | 'webhookId' | 'nextAttemptAt'>;

/**
 * Up to `limit` deliveries whose next attempt is due at `now`, soonest first (then by id), after `after`: retries
 * from the schedule, owners' retries, and attempts whose lease ran out unrecorded. Those of disabled webhooks are held.
 */
export async function dueDeliveries(readStore: ReadStore, now: Date, limit: number, after?: DueDeliveryRow): Promise<DueDeliveryRow[]> {
  const rows = await readStore.find<DeliveryRow>(
    WEBHOOK_DELIVERIES,
    { nextAttemptAt: { $lte: now.toISOString() }, held: { $ne: true } },
    { sort: [['nextAttemptAt', 1]], limit, after: after && { _id: after._id, nextAttemptAt: after.nextAttemptAt } },
  );
  return rows.map(({ _id, webhookId, nextAttemptAt }) => ({ _id, webhookId, nextAttemptAt }));
}
