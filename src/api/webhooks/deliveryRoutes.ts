import { DomainError } from '../../domain/shared/domainError';
import type { Position } from '../../ports/eventStore';
import type { Document } from '../../ports/readStore';
import { deliveriesFilter, deliveryOfWebhook, DELIVERY_LIST_SORT, findDeliveries } from '../../projections/deliveries/deliveryQueries';
import type { DeliveryRow } from '../../webhooks/webhookPorts';
import { WEBHOOK_DELIVERIES } from '../../webhooks/webhookPorts';
import type { ApiServices } from '../apiServices';
import { ApiError } from '../http/apiError';
import { findPage, pageSchema } from '../http/pagination';
import { settle } from '../http/readAfterWrite';
import { idParams, route } from '../http/route';
import type { Route } from '../http/route';
import { deliveredEventName, deliveriesQuery, deliveryParams, recoverInput } from './deliverySchemas';
import { deliveryDetailResponse, deliveryResponse, presentDelivery, presentDeliveryDetail, recoverResponse } from './deliveryViews';
import { requireOwnedWebhook } from './requireOwnedWebhook';
import { webhookRoute } from './webhookRoute';

/** Most failed deliveries one recover call re-sends; the answer says when more remain. */
export const MAX_RECOVERED_PER_CALL = 1000;
const RECOVER_PAGE = 100;

const NO_WEBHOOK = { description: 'No such webhook' };
const NO_DELIVERY = { description: 'No such webhook, or no such delivery of it' };

/** The deliveries of a webhook: list, one with every attempt, retry one now, re-send the failed ones of a window. */
export function deliveryRoutes(services: ApiServices): Route[] {
  const { readStore, progress, limits, deliveryCommands } = services;

  const requireDelivery = async (ownerId: string, webhookId: string, deliveryId: string): Promise<DeliveryRow> => {
    await requireOwnedWebhook(readStore, ownerId, webhookId);
    const delivery = await deliveryOfWebhook(readStore, webhookId, deliveryId);
    if (!delivery) throw new DomainError('not_found', 'delivery not found');
    return delivery;
  };

  const requireEnabled = (enabled: boolean) => {
    if (!enabled) throw new ApiError('conflict', 'the webhook is disabled: enable it (enabled: true) before re-sending to it');
  };

  return [
    route({
      method: 'get',
      ...webhookRoute('/:id/deliveries'),
      summary: 'A webhook’s deliveries, newest first, by status, event and creation time',
      params: idParams,
      query: deliveriesQuery,
      responses: { 200: { description: 'A page of deliveries', schema: pageSchema(deliveryResponse) }, 404: NO_WEBHOOK },
      async handler({ params, query, principal }) {
        await requireOwnedWebhook(readStore, principal.userId, params.id);
        const filter = deliveriesFilter(params.id, {
          status: query.status,
          event: query.event === undefined ? undefined : deliveredEventName(query.event),
          since: query.since === undefined ? undefined : new Date(query.since),
          until: query.until === undefined ? undefined : new Date(query.until),
        });
        const page = await findPage(
          readStore,
          WEBHOOK_DELIVERIES,
          filter,
          { sort: DELIVERY_LIST_SORT, limit: query.limit, cursor: query.cursor },
          presentDelivery,
        );
        return { status: 200, body: page };
      },
    }),
    route({
      method: 'get',
      ...webhookRoute('/:id/deliveries/:deliveryId'),
      summary: 'One delivery of a webhook, with every attempt: status, duration, error class, response headers and body',
      params: deliveryParams,
      responses: { 200: { description: 'The delivery', schema: deliveryDetailResponse }, 404: NO_DELIVERY },
      async handler({ params, principal }) {
        return { status: 200, body: presentDeliveryDetail(await requireDelivery(principal.userId, params.id, params.deliveryId)) };
      },
    }),
    route({
      method: 'post',
      ...webhookRoute('/:id/deliveries/:deliveryId/retry'),
      summary: 'Attempt a delivery again now, whatever its status; it keeps its `webhook-id`',
      params: deliveryParams,
      responses: {
        202: { description: 'The delivery, due now', schema: deliveryDetailResponse },
        404: NO_DELIVERY,
        409: { description: 'The webhook is disabled, or an attempt of this delivery is under way' },
      },
      async handler({ params, principal, metadata }) {
        const webhook = await requireOwnedWebhook(readStore, principal.userId, params.id);
        requireEnabled(webhook.enabled);
        await requireDelivery(principal.userId, params.id, params.deliveryId);
        const position = await deliveryCommands.retry(principal, params.deliveryId, 'manual_retry', metadata);
        await settle(progress, position, limits.readWaitMaxMs, params.deliveryId);
        const delivery = await requireDelivery(principal.userId, params.id, params.deliveryId);
        return { status: 202, body: presentDeliveryDetail(delivery), position };
      },
    }),
    route({
      method: 'post',
      ...webhookRoute('/:id/recover'),
      summary: `Re-send the webhook’s failed deliveries created in a window, up to ${MAX_RECOVERED_PER_CALL} a call`,
      params: idParams,
      body: recoverInput,
      responses: { 202: { description: 'How many failed deliveries are due again', schema: recoverResponse }, 404: NO_WEBHOOK },
      async handler({ params, body, principal, metadata }) {
        const webhook = await requireOwnedWebhook(readStore, principal.userId, params.id);
        requireEnabled(webhook.enabled);
        const filter = deliveriesFilter(params.id, {
          status: 'failed',
          since: new Date(body.since),
          until: body.until === undefined ? undefined : new Date(body.until),
        });
        let recovered = 0;
        let lastPosition: Position | null = null;
        let after: Document | undefined;
        while (recovered < MAX_RECOVERED_PER_CALL) {
          const page = await findDeliveries(readStore, filter, Math.min(RECOVER_PAGE, MAX_RECOVERED_PER_CALL - recovered), after);
          for (const delivery of page) {
            try {
              lastPosition = (await deliveryCommands.retry(principal, delivery._id, 'recover', metadata)) ?? lastPosition;
              recovered++;
            } catch (error) {
              // Retried since the read model saw it failed, and being attempted now: it needs no recovery.
              if (!(error instanceof DomainError && error.kind === 'conflict')) throw error;
            }
          }
          if (page.length === 0) break;
          after = page[page.length - 1];
        }
        const hasMore = after !== undefined && (await findDeliveries(readStore, filter, 1, after)).length > 0;
        await settle(progress, lastPosition, limits.readWaitMaxMs, params.id);
        return { status: 202, body: { recovered, has_more: hasMore }, position: lastPosition };
      },
    }),
  ];
}
