import { z } from 'zod';
import { PUBLIC_EVENT_ALIASES, PUBLIC_EVENT_NAMES } from '../../domain/publicEvents';
import { DELIVERY_STATUSES } from '../../webhooks/webhookPorts';
import { cursorParam, limitParam } from '../http/pagination';
import { instant, untilNotBeforeSince } from '../http/timeWindow';

/** Every event name a delivery can carry: the public events and the test send. */
const DELIVERED_EVENTS: readonly string[] = [...new Set([...Object.values(PUBLIC_EVENT_NAMES), 'webhook.test'])].sort();

/** The public name an event filter means (an alias names its event). */
export const deliveredEventName = (name: string): string => PUBLIC_EVENT_ALIASES[name] ?? name;

const eventFilter = z
  .string()
  .max(100)
  .refine((name) => DELIVERED_EVENTS.includes(deliveredEventName(name)), {
    message: `not an event webhooks deliver; one of: ${DELIVERED_EVENTS.join(', ')}`,
  })
  .meta({ description: 'Only deliveries of this public event (an alias such as `file.created` names its event).' });

export const deliveriesQuery = z
  .strictObject({
    status: z.enum(DELIVERY_STATUSES).optional(),
    event: eventFilter.optional(),
    since: instant.optional().meta({ description: 'Only deliveries created at or after this time.' }),
    until: instant.optional().meta({ description: 'Only deliveries created at or before this time.' }),
    limit: limitParam(),
    cursor: cursorParam,
  })
  .superRefine(untilNotBeforeSince);

export const deliveryParams = z.strictObject({ id: z.uuid(), deliveryId: z.uuid() });

export const recoverInput = z
  .strictObject({
    since: instant.meta({ description: 'Re-send the failed deliveries created from this time on.' }),
    until: instant.optional().meta({ description: 'Up to this time only (now by default).' }),
  })
  .superRefine(untilNotBeforeSince);
